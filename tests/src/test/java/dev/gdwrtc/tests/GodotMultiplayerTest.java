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
 * Separate headless Godot processes, each with a WebRTC multiplayer peer as its multiplayer peer,
 * signalling through demo/lobby.gd and exchanging @rpc calls both ways (demo/peer.gd).
 * Besides our class alone, sessions mix it with Godot's built-in WebRTCMultiplayerPeer, in a mesh
 * and in a star where clients' RPCs to each other are relayed by the server.
 */
class GodotMultiplayerTest {
    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    @TempDir
    Path tmp;

    /** A player: its name and which class it uses ("java" for ours, "builtin" for Godot's). */
    record Player(String name, String impl) {}

    private void session(String mode, int port, Player... players) throws Exception {
        Path project = Rig.project(tmp);
        String count = Integer.toString(players.length);
        Rig.Proc lobby = Rig.godotScript("lobby", project, "lobby.gd", Map.of(), "--port", Integer.toString(port), "--peers", count);
        assertTrue(lobby.waitFor("lobby: listening", 30), "lobby did not start:\n" + lobby.output());
        List<Rig.Proc> procs = new ArrayList<>();
        for (Player p : players) {
            Rig.Proc proc = Rig.godotScript(p.name(), project, "peer.gd", Map.of(), "--port", Integer.toString(port),
                    "--name", p.name(), "--peers", count, "--mode", mode, "--impl", p.impl());
            procs.add(proc);
            if (procs.size() == 1 && mode.equals("star")) {
                // The lobby gives id 1 to whoever comes first: the server.
                assertTrue(proc.waitFor("I am peer 1", 30), proc.output());
            }
        }
        for (Rig.Proc p : procs) {
            assertTrue(p.await(60), p.name + " did not finish");
        }
        assertTrue(lobby.await(30), "lobby did not finish");
        for (int i = 0; i < players.length; i++) {
            Rig.Proc p = procs.get(i);
            String out = p.output();
            assertEquals(0, p.exitCode(), p.name + " failed:\n" + out);
            assertTrue(out.contains(p.name + ": ok, heard " + (players.length - 1) + " peers"), out);
            String cls = players[i].impl().equals("builtin") ? "WebRTCMultiplayerPeer)" : "WebRTCMultiplayerPeerJava)";
            assertTrue(out.contains(", " + cls), p.name + " did not use " + cls + ":\n" + out);
            for (int j = 0; j < players.length; j++) {
                if (j != i) {
                    assertTrue(out.contains("says 'hello from " + players[j].name() + "'"), p.name + " missed " + players[j].name() + ":\n" + out);
                }
            }
            assertFalse(out.contains("ERROR"), p.name + " printed an error:\n" + out);
        }
        assertEquals(0, lobby.exitCode(), lobby.output());
    }

    @Test
    void twoProcessesExchangeRpcsThroughTheMesh() throws Exception {
        session("mesh", 9101, new Player("Ada", "java"), new Player("Bob", "java"));
    }

    @Test
    void threeProcessesFormAFullMesh() throws Exception {
        session("mesh", 9102, new Player("Ada", "java"), new Player("Bob", "java"), new Player("Cy", "java"));
    }

    @Test
    void meshMixesOurClassWithGodotsBuiltIn() throws Exception {
        session("mesh", 9103, new Player("Ada", "java"), new Player("Bob", "builtin"), new Player("Cy", "java"));
    }

    @Test
    void builtInServerRelaysBetweenOurClients() throws Exception {
        session("star", 9104, new Player("Srv", "builtin"), new Player("Ada", "java"), new Player("Bob", "java"));
    }

    @Test
    void ourServerRelaysBetweenBuiltInClients() throws Exception {
        session("star", 9105, new Player("Srv", "java"), new Player("Ada", "builtin"), new Player("Bob", "builtin"));
    }
}
