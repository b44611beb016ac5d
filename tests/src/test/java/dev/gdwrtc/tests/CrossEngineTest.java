package dev.gdwrtc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Godot 3 process (godot3-server with build/godot3) and a Godot 4 process (our Godot 4 addon)
 * on one connection: the MultiplayerAPI protocols of the two engines differ, raw packets over the
 * same negotiated channels do not (tests/godot3/raw.gd and tests/godot3/godot4/raw.gd).
 */
class CrossEngineTest {
    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    @TempDir
    Path tmp;

    private void exchange(boolean godot3Offers) throws Exception {
        Path p3 = Godot3Rig.project(Files.createDirectories(tmp.resolve("godot3")));
        Path p4 = Rig.project(Files.createDirectories(tmp.resolve("godot4")));
        Files.copy(Rig.ROOT.resolve("tests/godot3/godot4/raw.gd"), p4.resolve("raw4.gd"));
        Rig.Proc g3, g4;
        try (LineLobby lobby = new LineLobby()) {
            String port = Integer.toString(lobby.port());
            // The second to reach the lobby makes the offer.
            Rig.Proc first = godot3Offers ? raw4(p4, port) : raw3(p3, port);
            assertTrue(lobby.awaitClients(1, 60), first.name + " did not reach the lobby:\n" + first.output());
            Rig.Proc second = godot3Offers ? raw3(p3, port) : raw4(p4, port);
            g3 = godot3Offers ? second : first;
            g4 = godot3Offers ? first : second;
            assertTrue(g3.await(90), "G3 did not finish:\n" + g3.output());
            assertTrue(g4.await(90), "G4 did not finish:\n" + g4.output());
        }
        String both = "\n--- G3:\n" + g3.output() + "\n--- G4:\n" + g4.output();
        assertEquals(0, g3.exitCode(), "G3 failed:" + both);
        assertEquals(0, g4.exitCode(), "G4 failed:" + both);
        for (String[] side : List.of(new String[] {"G3", g3.output(), "G4"}, new String[] {"G4", g4.output(), "G3"})) {
            String me = side[0], out = side[1], other = side[2];
            assertTrue(out.contains(me + ": received 100 reliable packets in order"), both);
            assertTrue(out.contains(me + ": text 'hello from " + other + "' was_string=" + (me.equals("G3") ? "True" : "true")), both);
            assertTrue(out.contains(me + ": ok"), both);
            Godot3Test.assertClean(me.equals("G3") ? g3 : g4);
        }
        assertTrue(g3.output().contains("G3: channel unordered id=3 ordered=False max_retransmits=0 negotiated=True"), both);
        assertTrue(g4.output().contains("G4: channel unordered id=3 ordered=false max_retransmits=0 negotiated=true"), both);
    }

    private static Rig.Proc raw3(Path project, String port) throws Exception {
        return Godot3Rig.script("G3", project, "raw.gd", "--port", port, "--name", "G3");
    }

    private static Rig.Proc raw4(Path project, String port) throws Exception {
        return Rig.godotScript("G4", project, "raw4.gd", Map.of(), "--port", port, "--name", "G4");
    }

    @Test
    void godot3OffersToGodot4() throws Exception {
        exchange(true);
    }

    @Test
    void godot4OffersToGodot3() throws Exception {
        exchange(false);
    }
}
