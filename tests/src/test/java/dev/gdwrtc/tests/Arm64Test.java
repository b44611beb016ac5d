package dev.gdwrtc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The arm64 addon (make addon builds it beside x86_64's) in Debian sid's arm64 Godot 4.6.3, run
 * under qemu-user from an arm64 root (native/godot-rig.sh godot-arm64). Emulated Godot with an
 * emulated JVM is slow, so these are few: the release zip in a new project with the minimal scene,
 * a two-process @rpc mesh, an exported arm64 game on a player's arm64 machine without Java.
 * `make test-arm64` runs them (so does CI, .ci/run); timeouts are sized for emulation.
 */
@Tag("arm64")
class Arm64Test {
    /**
     * How long an emulated Godot run may take, start included: 1.5 to 6 min were measured on the
     * 2-core development machine, depending on what else ran there (load average 15 to 30).
     */
    static final long EMULATED_SECONDS = 600;

    static List<String> godot;

    @TempDir
    Path tmp;

    @BeforeAll
    static void arm64Godot() throws Exception {
        Rig.requireNamespace();
        godot = Rig.rig("godot-arm64");
    }

    @Test
    void theReleaseZipInANewProjectConnectsTwoPeerConnections() throws Exception {
        // Imported by the native Godot (the import is arm-independent; the emulated editor alone
        // needs minutes), run by the arm64 one.
        Path project = ReleaseZipTest.unzippedIntoAnEmptyProject(tmp, Rig.godot());
        Rig.Proc p = Rig.godotScript(godot, "arm64-minimal", project, "minimal.gd", Map.of());
        assertTrue(p.await(EMULATED_SECONDS), "minimal.gd did not finish:\n" + p.output());
        assertEquals(0, p.exitCode(), p.output());
        assertTrue(p.output().contains("minimal: peer connection class WebRTCPeerConnectionJava"), p.output());
        assertTrue(p.output().contains("minimal: ok"), p.output());
        assertFalse(p.output().contains("ERROR"), p.output());
    }

    @Test
    void twoArm64ProcessesExchangeRpcsThroughTheMesh() throws Exception {
        Path project = Rig.project(tmp);
        int port = 9401;
        // The lobby is signalling only (TCP, no WebRTC): the native Godot runs it. Both wait
        // longer than their defaults: an emulated Godot with its JVM starts in a minute or more.
        Rig.Proc lobby = Rig.godotScript("lobby", project, "lobby.gd", Map.of(), "--port", Integer.toString(port), "--peers", "2",
                "--timeout", Long.toString(EMULATED_SECONDS + 60));
        assertTrue(lobby.waitFor("lobby: listening", 60), "lobby did not start:\n" + lobby.output());
        List<Rig.Proc> players = new ArrayList<>();
        try {
            for (String name : List.of("Ada", "Bob")) {
                players.add(Rig.godotScript(godot, "arm64-" + name, project, "peer.gd", Map.of(), "--port", Integer.toString(port),
                        "--name", name, "--peers", "2", "--mode", "mesh", "--impl", "java", "--timeout", Long.toString(EMULATED_SECONDS)));
            }
            for (Rig.Proc p : players) {
                assertTrue(p.await(EMULATED_SECONDS + 60), p.name + " did not finish:\n" + p.output());
            }
        } catch (Throwable t) {
            // A failed wait would leave the other player and the lobby running past the test.
            players.forEach(p -> p.process.destroyForcibly());
            lobby.process.destroyForcibly();
            throw t;
        }
        assertTrue(lobby.await(30), "lobby did not finish");
        assertEquals(0, lobby.exitCode(), lobby.output());
        Rig.Proc ada = players.get(0), bob = players.get(1);
        for (Rig.Proc p : players) {
            String out = p.output();
            assertEquals(0, p.exitCode(), p.name + " failed:\n" + out);
            assertTrue(out.contains(": ok, heard 1 peers"), out);
            assertTrue(out.contains(", WebRTCMultiplayerPeerJava)"), out);
            assertFalse(out.contains("ERROR"), out);
        }
        assertTrue(ada.output().contains("says 'hello from Bob'") && bob.output().contains("says 'hello from Ada'"),
                ada.output() + bob.output());
    }

    @Test
    void anExportedArm64GameRunsOnAnArm64MachineWithoutJava() throws Exception {
        Path root = Path.of(Rig.rig("root-arm64").get(0));
        Path project = ExportedGameTest.gameProject(tmp.resolve("project"), root, "arm64");
        Path game = ExportedGameTest.exportGame(project, tmp.resolve("exported"), "game.arm64");
        // This architecture's files only.
        for (String f : List.of("libgdwrtc.arm64.so", "webrtc_java/bin/libjniGdwrtc.arm64.so",
                "webrtc_java/bin/libwebrtc-java-linux-aarch64.so", "webrtc_java/jre-arm64-linux/lib/server/libjvm.so",
                "webrtc_java/jre-arm64-linux/lib/gdwrtc.jsa", "webrtc_java/lib/classpath.txt")) {
            assertTrue(Files.isRegularFile(game.resolve(f)), "the arm64 export lacks " + f);
        }
        for (String f : List.of("libgdwrtc.so", "webrtc_java/bin/libjniGdwrtc.so", "webrtc_java/bin/libwebrtc-java-linux-x86_64.so",
                "webrtc_java/jre-amd64-linux")) {
            assertFalse(Files.exists(game.resolve(f)), "the arm64 export carries x86_64's " + f);
        }
        // -Xshare:on: the JVM refuses to start unless it maps the arm64 runtime's CDS archive.
        Files.writeString(game.resolve("webrtc_java/jvm.cfg"), "jvm_options = -Xshare:on\n");
        Rig.Proc p = Rig.Proc.start("arm64-game",
                List.of(ExportedGameTest.PLAYER.toString(), root.toString(), game.toString(), "game.arm64", "--headless"), Map.of());
        assertTrue(p.await(EMULATED_SECONDS), "the game did not finish:\n" + p.output());
        String out = p.output();
        assertEquals(0, p.exitCode(), out);
        for (String line : List.of("game: multiplayer available: true", "game: initialize answered 0", "game: still running after 30 frames")) {
            assertTrue(out.contains(line), out);
        }
        assertFalse(out.contains("ERROR"), out);
    }
}
