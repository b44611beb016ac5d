package dev.gdwrtc.tests.lobby;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.tests.Rig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Join tokens as a game's backend would get them: `gdwrtc-lobby token` (the jar's subcommand). */
final class TokenCli {
    private TokenCli() {}

    static String issue(Path secretFile, long ttlSeconds) throws Exception {
        Rig.Proc p = Rig.Proc.start("token", List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.gdwrtc.lobby.Main", "token",
                "--secret-file", secretFile.toString(), "--ttl=" + ttlSeconds), Map.of());
        assertTrue(p.await(30), "token did not finish");
        assertEquals(0, p.exitCode(), p.output());
        List<String> lines = p.output().trim().lines().toList();
        return lines.get(lines.size() - 1);
    }
}
