package dev.gdwrtc.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Godot 3 beside {@link Rig}: the provisioned godot3-server 3.6 (or $GODOT3), the Godot 3 addon
 * (make addon3) and throwaway copies of tests/godot3. Processes are {@link Rig.Proc}s.
 */
final class Godot3Rig {
    static final Path ADDON3 = Rig.ROOT.resolve("build/godot3/addons/webrtc_java");

    private static List<String> godot3;

    private Godot3Rig() {}

    static synchronized List<String> godot3() throws Exception {
        if (godot3 == null) {
            Rig.Proc p = Rig.Proc.start("godot-rig3", List.of(Rig.ROOT.resolve("native/godot-rig.sh").toString(), "godot3"), Map.of());
            assertTrue(p.await(600), "godot-rig.sh godot3 did not finish");
            assertTrue(p.exitCode() == 0, "godot-rig.sh godot3 failed:\n" + p.output());
            godot3 = Arrays.asList(p.output().trim().split("\\s+"));
        }
        return Rig.withUserFolders(godot3, Rig.userHome());
    }

    /** A fresh copy of tests/godot3 with the Godot 3 addon at res://addons/webrtc_java. */
    static Path project(Path dir) throws IOException {
        assertTrue(Files.isRegularFile(ADDON3.resolve("bin/libgdwrtc_gdnative.so")), "run `make addon3` first: " + ADDON3);
        copy(Rig.ROOT.resolve("tests/godot3"), dir);
        Files.createDirectories(dir.resolve("addons"));
        Files.createSymbolicLink(dir.resolve("addons/webrtc_java"), ADDON3);
        return dir;
    }

    static void copy(Path src, Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(src)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to = dir.resolve(src.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
    }

    /** Starts `godot3-server --path project -s script -- args...`. */
    static Rig.Proc script(String name, Path project, String script, String... args) throws Exception {
        return script(name, project, script, Map.of(), args);
    }

    static Rig.Proc script(String name, Path project, String script, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(godot3());
        cmd.addAll(List.of("--path", project.toString(), "-s", "res://" + script));
        if (args.length > 0) {
            cmd.add("--");
            cmd.addAll(List.of(args));
        }
        return Rig.Proc.start(name, cmd, env);
    }
}
