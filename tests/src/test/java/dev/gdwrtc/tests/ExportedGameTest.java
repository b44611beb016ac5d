package dev.gdwrtc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A game exported with Godot's own exporter and Debian's release template, run as on a player's
 * machine: chrooted into the rig's root (no Java anywhere), a noexec /tmp, a clean environment
 * (tests/export/player.sh), in the test's private network namespace.
 */
class ExportedGameTest {
    static final Path GAME = Rig.ROOT.resolve("tests/export/game");
    static final Path PLAYER = Rig.ROOT.resolve("tests/export/player.sh");

    @TempDir
    static Path tmp;

    static Path project;
    static Path exported;
    static Path rigRoot;

    @BeforeAll
    static void export() throws Exception {
        Rig.requireNamespace();
        rigRoot = Path.of(run("rig-root", List.of(Rig.ROOT.resolve("native/godot-rig.sh").toString(), "root"), 600).trim());
        project = gameProject(tmp.resolve("project"), rigRoot, "x86_64");
        exported = exportGame(project, tmp.resolve("exported"), "game.x86_64");
        for (String f : List.of("game.x86_64", "game.pck", "libgdwrtc.so", "webrtc_java/bin/libjniGdwrtc.so",
                "webrtc_java/bin/libwebrtc-java-linux-x86_64.so", "webrtc_java/lib/classpath.txt", "webrtc_java/jvm.cfg",
                "webrtc_java/jre-amd64-linux/lib/server/libjvm.so", "webrtc_java/jre-amd64-linux/lib/gdwrtc.jsa")) {
            assertTrue(Files.isRegularFile(exported.resolve(f)), "the export lacks " + f);
        }
        for (String f : List.of("libgdwrtc.arm64.so", "webrtc_java/bin/libjniGdwrtc.arm64.so", "webrtc_java/jre-arm64-linux")) {
            assertFalse(Files.exists(exported.resolve(f)), "the x86_64 export carries arm64's " + f);
        }
        for (String jar : Files.readAllLines(exported.resolve("webrtc_java/lib/classpath.txt"))) {
            assertTrue(Files.isRegularFile(exported.resolve("webrtc_java/lib").resolve(jar)), "the export lacks the jar " + jar);
        }
    }

    @Test
    void twoExportedCopiesExchangeRpcsWithoutJavaAndWithANoexecTmp() throws Exception {
        Path ada = copyOfExport("ada"), bob = copyOfExport("bob");
        int port = 9301;
        Rig.Proc lobby = Rig.godotScript("lobby", project, "lobby.gd", Map.of(), "--port", Integer.toString(port), "--peers", "2");
        assertTrue(lobby.waitFor("lobby: listening", 60), "lobby did not start:\n" + lobby.output());
        Rig.Proc a = player("Ada", ada, "--port", Integer.toString(port), "--name", "Ada", "--peers", "2");
        Rig.Proc b = player("Bob", bob, "--port", Integer.toString(port), "--name", "Bob", "--peers", "2");
        assertTrue(a.await(90), "Ada did not finish:\n" + a.output());
        assertTrue(b.await(90), "Bob did not finish:\n" + b.output());
        assertTrue(lobby.await(30), "lobby did not finish");
        for (Rig.Proc p : List.of(a, b)) {
            String out = p.output();
            assertEquals(0, p.exitCode(), p.name + " failed:\n" + out);
            assertTrue(out.contains(p.name + ": ok, heard 1 peers"), out);
            assertTrue(out.contains("WebRTCMultiplayerPeerJava)"), out);
            assertFalse(out.contains("WebRTC (Java) is disabled"), out);
        }
        assertTrue(a.output().contains("says 'hello from Bob'") && b.output().contains("says 'hello from Ada'"), a.output() + b.output());
        assertEquals(0, lobby.exitCode(), lobby.output());
    }

    @Test
    void theBundledRuntimeAndItsClassArchiveAreWhatTheGameUses() throws Exception {
        Path game = copyOfExport("ok");
        // -Xshare:on: the JVM refuses to start unless it maps the addon's CDS archive, which it
        // would otherwise skip in silence (the archive names the jars and the runtime it was made with).
        Files.writeString(game.resolve("webrtc_java/jvm.cfg"), "jvm_options = -Xshare:on\n");
        Rig.Proc p = offline("ok", game);
        assertTrue(p.output().contains("game: multiplayer available: true"), p.output());
        assertTrue(p.output().contains("game: initialize answered 0"), p.output());
        assertFalse(p.output().contains("ERROR"), p.output());
        // Nothing of the JVM's, JavaCPP's or webrtc-java's below the player's /tmp (also its HOME):
        // no statistics file (hsperfdata), no cache, no extracted library.
        String left = p.output().lines().filter(l -> l.startsWith("player: left in /tmp:")).findFirst().orElseThrow();
        assertFalse(left.matches(".*(hsperfdata|javacpp|webrtc|\\.so).*"), left);
    }

    @Test
    void withoutTheBundledRuntimeOneClearErrorAndTheGameRuns() throws Exception {
        Path game = copyOfExport("no-runtime");
        deleteTree(game.resolve("webrtc_java/jre-amd64-linux"));
        String out = offline("no-runtime", game).output();
        assertEquals(1, count(out, "WebRTC (Java) is disabled"), out);
        assertTrue(out.contains("No Java runtime found"), out);
        assertTrue(out.contains("java_home in /mnt/webrtc_java/jvm.cfg: (not set)"), out);
        assertTrue(out.contains("bundled runtime: /mnt/webrtc_java/jre-amd64-linux (no such folder)"), out);
        assertTrue(out.contains("JAVA_HOME: (not set)") && out.contains("java on PATH: (not set)"), out);
        assertTrue(out.contains("game: multiplayer available: false"), out);
    }

    @Test
    void anIncompleteRuntimeIsNamed() throws Exception {
        Path game = copyOfExport("incomplete");
        Files.delete(game.resolve("webrtc_java/jre-amd64-linux/lib/modules"));
        String out = offline("incomplete", game).output();
        assertTrue(out.contains("bundled runtime: /mnt/webrtc_java/jre-amd64-linux (incomplete: no lib/modules)"), out);
        assertTrue(out.contains("game: multiplayer available: false"), out);
    }

    @Test
    void aRuntimeOfTheWrongVersionIsNamed() throws Exception {
        Path game = copyOfExport("old");
        Path release = game.resolve("webrtc_java/jre-amd64-linux/release");
        Files.writeString(release, Files.readString(release).replaceAll("JAVA_VERSION=\"[^\"]*\"", "JAVA_VERSION=\"11.0.2\""));
        String out = offline("old", game).output();
        assertTrue(out.contains("bundled runtime: /mnt/webrtc_java/jre-amd64-linux (Java 11, 17 or newer needed)"), out);
    }

    @Test
    void aMissingJarIsNamed() throws Exception {
        Path game = copyOfExport("no-jar");
        String jar = Files.readAllLines(game.resolve("webrtc_java/lib/classpath.txt")).stream()
                .filter(j -> j.startsWith("gdwrtc-core")).findFirst().orElseThrow();
        Files.delete(game.resolve("webrtc_java/lib").resolve(jar));
        String out = offline("no-jar", game).output();
        assertTrue(out.contains("Missing jar /mnt/webrtc_java/lib/" + jar + " (listed in /mnt/webrtc_java/lib/classpath.txt)"), out);
        assertTrue(out.contains("game: multiplayer available: false"), out);
    }

    @Test
    void badJvmOptionsAreOneClearErrorAndCallsFailCleanly() throws Exception {
        // Refused by the loader, by the JVM's argument parser, and by the JVM while starting (which
        // would exit the process if the loader did not catch it).
        String[][] cases = {
                {"Xmx64m", "jvm_options: 'Xmx64m' is not a JVM option (each starts with '-')"},
                {"-Xfoo", "Unrecognized option: -Xfoo"},
                {"-Xmx1k", "Initial heap size set to a larger value than the maximum heap size"}};
        for (String[] c : cases) {
            Path game = copyOfExport("options" + c[0]);
            Files.writeString(game.resolve("webrtc_java/jvm.cfg"), "jvm_options = " + c[0] + "\n");
            String out = offline("options " + c[0], game).output();
            assertEquals(1, count(out, "WebRTC (Java) is disabled"), out);
            assertTrue(out.contains(c[1]), out);
            assertTrue(out.contains("/mnt/webrtc_java/jvm.cfg"), out);
        }
    }

    @Test
    void withWebRtcJavasLibraryRemovedOrDamagedEveryCallAnswersAsAnUnconfiguredObject() throws Exception {
        // Removed and truncated (a broken copy, which would crash the loader with SIGBUS): found
        // before the JVM starts. Its ELF header damaged (as a machine missing a library it links):
        // refused by System.load inside the start, after the classes were registered.
        for (String how : List.of("removed", "truncated", "damaged")) {
            Path game = copyOfExport("webrtc-" + how);
            Path lib = game.resolve("webrtc_java/bin/libwebrtc-java-linux-x86_64.so");
            byte[] bytes = Files.readAllBytes(lib);
            switch (how) {
                case "removed" -> Files.delete(lib);
                case "truncated" -> Files.write(lib, java.util.Arrays.copyOf(bytes, bytes.length / 2));
                default -> {
                    java.util.Arrays.fill(bytes, 0, 64, (byte) 0);
                    Files.write(lib, bytes);
                }
            }
            Rig.Proc p = player(how, game, "--unconfigured");
            assertTrue(p.await(90), how + " did not finish:\n" + p.output());
            String out = p.output();
            assertEquals(0, p.exitCode(), how + " failed:\n" + out);
            assertTrue(out.contains("unconfigured: done after 120 frames"), out);
            assertUnconfiguredAnswers(out);
            // The start error once when it happens, once more on the first call that failed for it;
            // a few of Godot's own (SceneMultiplayer refuses a disconnected peer, Godot's
            // add_peer a closed connection): never one per call or per frame.
            assertEquals(1, count(out, "WebRTC (Java) is disabled"), out);
            assertEquals(1, count(out, "WebRTC (Java) did not start"), out);
            assertTrue(out.contains("libwebrtc-java-linux-x86_64.so" + (how.equals("truncated") ? " is damaged" : "")), out);
            assertFalse(out.contains("Call failed with error"), out);
            long errors = out.lines().filter(l -> l.startsWith("ERROR:")).count();
            assertTrue(errors <= 8, errors + " error lines:\n" + out);
        }
    }

    /** What Godot's unconfigured objects answer: tests/export/game/unconfigured.expected. */
    private static void assertUnconfiguredAnswers(String out) throws IOException {
        for (String line : Files.readAllLines(GAME.resolve("unconfigured.expected"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                assertTrue(out.contains("unconfigured: " + line + "\n"), "expected '" + line + "':\n" + out);
            }
        }
    }

    /**
     * The project a user has, in {@code dir}: the game, demo/'s player scripts, the addon folder
     * copied in; it exports for {@code architecture} with the release template of the rig root
     * {@code rigRoot} (Debian's).
     */
    static Path gameProject(Path dir, Path rigRoot, String architecture) throws IOException {
        Path project = Files.createDirectories(dir);
        for (String f : List.of("lobby.gd", "peer.gd", "chat.gd", "args.gd")) {
            Files.copy(Rig.ROOT.resolve("demo").resolve(f), project.resolve(f));
        }
        copyTree(GAME, project);
        Path presets = project.resolve("export_presets.cfg");
        Files.writeString(presets, Files.readString(presets).replace("@TEMPLATE@", rigRoot.resolve("usr/bin/godot-template-release").toString())
                .replace("binary_format/architecture=\"x86_64\"", "binary_format/architecture=\"" + architecture + "\""));
        copyTree(Rig.ADDON, Files.createDirectories(project.resolve("addons/webrtc_java")));
        // As the editor leaves it after opening the project once (Godot 4.6 aborts at the end of
        // a first headless import that discovers an extension, with or without this one).
        Files.createDirectories(project.resolve(".godot"));
        Files.writeString(project.resolve(".godot/extension_list.cfg"), "res://addons/webrtc_java/webrtc_java.gdextension\n");
        return project;
    }

    /** Exports {@code project} with the (x86_64) rig's Godot into {@code dir}, as {@code executable}. */
    static Path exportGame(Path project, Path dir, String executable) throws Exception {
        Path exported = Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>(Rig.godot());
        cmd.addAll(List.of("--headless", "--path", project.toString(), "--export-release", "Linux", exported.resolve(executable).toString()));
        run("export", cmd, 300);
        return exported;
    }

    /** An exported copy run offline on the player's machine; it must keep running and exit 0. */
    private static Rig.Proc offline(String name, Path game) throws Exception {
        Rig.Proc p = player(name, game);
        assertTrue(p.await(90), name + " did not finish:\n" + p.output());
        assertEquals(0, p.exitCode(), name + " failed:\n" + p.output());
        assertTrue(p.output().contains("game: still running after 30 frames"), p.output());
        return p;
    }

    private static Rig.Proc player(String name, Path game, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(PLAYER.toString(), rigRoot.toString(), game.toString(), "game.x86_64", "--headless"));
        if (args.length > 0) {
            cmd.add("--");
            cmd.addAll(List.of(args));
        }
        return Rig.Proc.start(name, cmd, Map.of());
    }

    private static Path copyOfExport(String name) throws IOException {
        Path to = tmp.resolve("player-" + name);
        copyTree(exported, to);
        return to;
    }

    static String run(String name, List<String> cmd, long seconds) throws Exception {
        Rig.Proc p = Rig.Proc.start(name, cmd, Map.of());
        assertTrue(p.await(seconds), name + " did not finish:\n" + p.output());
        assertEquals(0, p.exitCode(), name + " failed:\n" + p.output());
        return p.output();
    }

    private static int count(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(f);
            }
        }
    }
}
