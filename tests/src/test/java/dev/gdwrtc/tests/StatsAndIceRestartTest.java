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
        Rig.Proc lobby = Rig.godotScript("lobby", project, "lobby.gd", Map.of(), "--port", Integer.toString(port), "--peers", "2");
        assertTrue(lobby.waitFor("lobby: listening", 30), "lobby did not start:\n" + lobby.output());
        List<Rig.Proc> players = new ArrayList<>();
        for (int i = 0; i < impls.length; i++) {
            players.add(Rig.godotScript("P" + i, project, "stats_peer.gd", Map.of(), "--port", Integer.toString(port),
                    "--name", "P" + i, "--impl", impls[i], "--restart", restart));
            if (i == 0) { // P0 is peer 1, P1 peer 2 (the first offerer)
                assertTrue(players.get(0).waitFor("I am peer 1", 30), players.get(0).output());
            }
        }
        List<String> outs = new ArrayList<>();
        for (Rig.Proc p : players) {
            assertTrue(p.await(90), p.name + " did not finish:\n" + p.output());
        }
        assertTrue(lobby.await(30), "lobby did not finish");
        for (int i = 0; i < players.size(); i++) {
            Rig.Proc p = players.get(i);
            String out = p.output();
            // Kept for reading the figures (round trip, counters) after a run.
            java.nio.file.Files.writeString(Path.of("target", "stats-" + port + "-" + p.name + ".log"), out);
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
        List<String> outs = session(Rig.project(tmp), 9121, "yes", "java", "java");
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
        for (String out : outs) {
            assertTrue(out.contains("restart_ice() OK"), out);
        }
    }
}
