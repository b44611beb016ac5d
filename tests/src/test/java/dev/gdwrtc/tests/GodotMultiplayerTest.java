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
 * Separate headless Godot processes, each with WebRTCMultiplayerPeerJava in mesh mode as its
 * multiplayer peer, signalling through tests/godot/lobby.gd, exchanging @rpc calls both ways.
 */
class GodotMultiplayerTest {
    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    @TempDir
    Path tmp;

    private void mesh(int players, int port) throws Exception {
        Path project = Rig.project(tmp);
        Rig.Proc lobby = Rig.godotScript("lobby", project, "lobby.gd", Map.of(),
                "--port", Integer.toString(port), "--peers", Integer.toString(players));
        Thread.sleep(500); // the lobby listens before the players dial it
        String[] names = {"Ada", "Bob", "Cy", "Dee"};
        List<Rig.Proc> peers = new ArrayList<>();
        for (int i = 0; i < players; i++) {
            peers.add(Rig.godotScript(names[i], project, "peer.gd", Map.of(),
                    "--port", Integer.toString(port), "--name", names[i], "--peers", Integer.toString(players)));
        }
        for (Rig.Proc p : peers) {
            assertTrue(p.await(60), p.name + " did not finish");
        }
        assertTrue(lobby.await(30), "lobby did not finish");
        for (int i = 0; i < players; i++) {
            Rig.Proc p = peers.get(i);
            String out = p.output();
            assertEquals(0, p.exitCode(), p.name + " failed:\n" + out);
            assertTrue(out.contains(p.name + ": ok, heard " + (players - 1) + " peers"), out);
            for (int j = 0; j < players; j++) {
                if (j != i) {
                    assertTrue(out.contains("says 'hello from " + names[j] + "'"), p.name + " missed " + names[j] + ":\n" + out);
                }
            }
            assertFalse(out.contains("ERROR"), p.name + " printed an error:\n" + out);
        }
        assertEquals(0, lobby.exitCode(), lobby.output());
    }

    @Test
    void twoProcessesExchangeRpcsThroughTheMesh() throws Exception {
        mesh(2, 9101);
    }

    @Test
    void threeProcessesFormAFullMesh() throws Exception {
        mesh(3, 9102);
    }
}
