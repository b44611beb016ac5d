package dev.gdwrtc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * get_stats(), get_peer_stats() and restart_ice() between two headless Godot processes signalling
 * through demo/lobby.gd (tests/godot/stats_peer.gd checks each sample and the reliable stream):
 * counters grow, the selected pair is described, and each side restarts ICE once through the
 * game's own signalling without the peer being dropped or a reliable RPC lost.
 */
class StatsAndIceRestartTest {
    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    @TempDir
    Path tmp;

    /** Runs the two players and returns their outputs, each checked for exit code 0 and its "ok". */
    static List<String> session(Path project, int port, String restart, String... impls) throws Exception {
        return session(project, port, restart, List.of(), impls);
    }

    /** {@code firstArgs}: extra Godot arguments of the first player (P0). */
    static List<String> session(Path project, int port, String restart, List<String> firstArgs, String... impls) throws Exception {
        Rig.Proc lobby = Rig.godotScript("lobby", project, "lobby.gd", Map.of(), "--port", Integer.toString(port), "--peers", "2");
        assertTrue(lobby.waitFor("lobby: listening", 30), "lobby did not start:\n" + lobby.output());
        List<Rig.Proc> players = new ArrayList<>();
        for (int i = 0; i < impls.length; i++) {
            List<String> cmd = new ArrayList<>(Rig.godot());
            cmd.addAll(List.of("--headless", "--path", project.toString()));
            if (i == 0) {
                cmd.addAll(firstArgs);
            }
            cmd.addAll(List.of("-s", "res://stats_peer.gd", "--", "--port", Integer.toString(port),
                    "--name", "P" + i, "--impl", impls[i], "--restart", restart));
            if (i == 0 && firstArgs.contains("--remote-debug")) {
                cmd.addAll(List.of("--monitors", "yes"));
            }
            players.add(Rig.Proc.start("P" + i, cmd, Map.of()));
            if (i == 0) { // P0 is peer 1, P1 peer 2 (the first offerer)
                assertTrue(players.get(0).waitFor("I am peer 1", 30), players.get(0).output());
            }
        }
        List<String> outs = new ArrayList<>();
        for (Rig.Proc p : players) {
            assertTrue(p.await(90), p.name + " did not finish:\n" + p.output());
        }
        assertTrue(lobby.await(30), "lobby did not finish");
        for (Rig.Proc p : players) { // kept for reading the figures (round trip, counters) after a run
            java.nio.file.Files.writeString(Path.of("target", "stats-" + port + "-" + p.name + ".log"), p.output());
        }
        for (int i = 0; i < players.size(); i++) {
            Rig.Proc p = players.get(i);
            String out = p.output();
            assertEquals(0, p.exitCode(), p.name + " failed:\n" + out);
            assertTrue(out.contains(p.name + ": ok"), out);
            assertFalse(out.contains("ERROR"), p.name + " printed an error:\n" + out);
            outs.add(out);
        }
        assertEquals(0, lobby.exitCode(), lobby.output());
        return outs;
    }

    @Test
    void statsGrowAndIceRestartsBothWaysWithOurClassOnBothSides() throws Exception {
        // P0 runs as from the editor: with a debugger (a listener that reads and drops what Godot
        // sends), so the addon's monitors are live; the script reads them through Performance.
        List<String> outs;
        try (DebuggerStub debugger = new DebuggerStub()) {
            outs = session(Rig.project(tmp), 9121, "yes", List.of("--remote-debug", debugger.url()), "java", "java");
        }
        assertTrue(outs.get(0).contains("P0: debugger active: true"), outs.get(0));
        assertTrue(outs.get(0).contains("P0: monitors: round trip"), outs.get(0));
        for (String out : outs) {
            assertTrue(out.contains("restart_ice() OK"), out);
            assertTrue(out.contains("restart offer from peer"), out);
            assertTrue(out.contains("\"ice_restarts\":1"), out);
        }
    }

    @Test
    void iceRestartsThroughGodotsBuiltInMultiplayerPeerOverOurConnections() throws Exception {
        List<String> outs = session(Rig.project(tmp), 9122, "yes", "builtin", "java");
        assertTrue(outs.get(0).contains("(WebRTCMultiplayerPeer)"), outs.get(0));
        assertTrue(outs.get(0).contains("\"ice_restarts\":1"), outs.get(0));
        for (String out : outs) {
            assertTrue(out.contains("restart_ice() OK"), out);
        }
    }
}
