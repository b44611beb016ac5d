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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Godot 3.6 (godot3-server) with the GDNative library of build/godot3: WebRTCPeerConnection.new()
 * is ours, and Godot 3's own WebRTCMultiplayer runs over it between separate processes.
 */
class Godot3Test {
    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    @TempDir
    Path tmp;

    /** Godot 3 prints errors this way; a script error does not stop the script. */
    static void assertClean(Rig.Proc p) {
        String out = p.output();
        assertFalse(out.contains("SCRIPT ERROR") || out.contains("ERROR:") || out.contains("FAILED"), p.name + " printed an error:\n" + out);
    }

    /** Runs one script of tests/godot3 in godot3-server; returns its output once it exited 0. */
    private String run(String name, String script, Map<String, String> env) throws Exception {
        return run(name, Godot3Rig.project(tmp), script, env);
    }

    private String run(String name, Path project, String script, Map<String, String> env) throws Exception {
        Rig.Proc p = Godot3Rig.script(name, project, script, env);
        assertTrue(p.await(120), script + " did not finish:\n" + p.output());
        assertEquals(0, p.exitCode(), p.output());
        assertFalse(p.output().contains("SCRIPT ERROR"), p.output());
        return p.output();
    }

    @Test
    void officialMinimalDemoShapePrintsBothMessages() throws Exception {
        String out = run("minimal3", "minimal.gd", Map.of());
        assertFalse(out.contains("ERROR:"), out);
        assertTrue(out.contains("minimal: peer connection WebRTCPeerConnectionGDNative with WebRTCPeerConnectionJava"), out);
        assertTrue(out.contains("P1 received: Hi from P2") && out.contains("P2 received: Hi from P1"), out);
        assertTrue(out.contains("minimal: ok"), out);
    }

    private List<Rig.Proc> session(boolean compat, String... names) throws Exception {
        Path project = Godot3Rig.project(tmp);
        List<Rig.Proc> procs = new ArrayList<>();
        try (LineLobby lobby = new LineLobby()) {
            for (String name : names) {
                Rig.Proc p = Godot3Rig.script(name, project, "peer.gd", "--port", Integer.toString(lobby.port()), "--name", name,
                        "--peers", Integer.toString(names.length), "--compat", Boolean.toString(compat));
                // Ids follow the order of arrival at the lobby.
                assertTrue(p.waitFor(name + ": I am peer " + (procs.size() + 1), 60), p.output());
                if (compat && !procs.isEmpty()) {
                    // Each client meets the server before a newer client meets it (see peer.gd's
                    // `later`): a held-back peer's RPCs could be lost by Godot 3's MultiplayerAPI.
                    assertTrue(p.waitFor(name + ": mp.connection_succeeded", 60), p.output());
                }
                procs.add(p);
            }
            for (Rig.Proc p : procs) {
                assertTrue(p.await(90), p.name + " did not finish:\n" + p.output());
            }
        }
        StringBuilder all = new StringBuilder(); // a failure shows every player's side
        for (Rig.Proc p : procs) {
            all.append("\n--- ").append(p.name).append(":\n").append(p.output());
        }
        for (int i = 0; i < names.length; i++) {
            Rig.Proc p = procs.get(i);
            String out = p.output();
            assertEquals(0, p.exitCode(), p.name + " failed:" + all);
            assertClean(p);
            assertTrue(out.contains(names[i] + ": ok"), out);
            for (int j = 0; j < names.length; j++) {
                if (j != i) {
                    String from = "from peer " + (j + 1) + ": '";
                    assertTrue(out.contains(names[i] + ": rpc " + from + "hello from " + names[j] + "'"), p.name + " missed an rpc:\n" + out);
                    assertTrue(out.contains(names[i] + ": rset " + from + "shout from " + names[j] + "'"), p.name + " missed an rset:\n" + out);
                    assertTrue(out.contains(names[i] + ": mp.peer_connected " + (j + 1)), out);
                    assertTrue(out.contains(names[i] + ": tree.network_peer_connected " + (j + 1)), out);
                    assertTrue(out.contains(names[i] + ": get_peer(" + (j + 1) + "): connected=True channels=3 connection_state=2"), out);
                }
            }
        }
        return procs;
    }

    @Test
    void twoProcessesMeshRpcAndRsetBothWays() throws Exception {
        List<Rig.Proc> p = session(false, "Ada", "Bob");
        String ada = p.get(0).output(), bob = p.get(1).output();
        assertTrue(ada.contains("Ada: I am peer 1 (server_compatibility=False, status=2, is_network_server=True)"), ada);
        assertTrue(bob.contains("Bob: I am peer 2 (server_compatibility=False, status=2, is_network_server=False)"), bob);
        assertTrue(ada.contains("Ada: get_peers [2]") && bob.contains("Bob: get_peers [1]"), ada + bob);
        // A mesh is connected at once: no connection_succeeded, and no server_disconnected either.
        assertFalse(bob.contains("connection_succeeded") || bob.contains("server_disconnected"), bob);
        assertTrue(ada.contains("Ada: closed, status=0") && ada.contains("Ada: peer 2 saw me leave"), ada);
        assertTrue(bob.contains("Bob: mp.peer_disconnected 1") && bob.contains("Bob: tree.network_peer_disconnected 1"), bob);
        assertTrue(bob.contains("Bob: left, status=2"), bob);
    }

    @Test
    void threeProcessesServerCompatibility() throws Exception {
        List<Rig.Proc> p = session(true, "Srv", "Ada", "Bob");
        String srv = p.get(0).output(), ada = p.get(1).output(), bob = p.get(2).output();
        assertTrue(srv.contains("Srv: I am peer 1 (server_compatibility=True, status=2, is_network_server=True)"), srv);
        assertTrue(ada.contains("Ada: I am peer 2 (server_compatibility=True, status=1, is_network_server=False)"), ada);
        assertTrue(srv.contains("Srv: get_peers [2, 3]") && bob.contains("Bob: get_peers [1, 2]"), srv + bob);
        for (String out : List.of(ada, bob)) {
            assertTrue(out.contains(": mp.connection_succeeded (status=2)") && out.contains(": tree.connected_to_server"), out);
            // Godot 3's code: the server leaving makes the peer DISCONNECTED, right after the signal
            // (its documentation says CONNECTED); the rest of the mesh still works, and goes.
            assertTrue(out.contains(": mp.server_disconnected (status=2)") && out.contains(": tree.server_disconnected"), out);
            assertTrue(out.contains(": left, status=0"), out);
            assertTrue(out.contains(": mp.peer_disconnected 1"), out);
        }
        assertFalse(srv.contains("connection_succeeded") || srv.contains("server_disconnected"), srv);
        // close() itself ends the connections: the others saw the server go while it still ran.
        assertTrue(srv.contains("Srv: peer 2 saw me leave") && srv.contains("Srv: peer 3 saw me leave"), srv);
        // Bob (the last) removes Ada himself; Ada sees Bob go, and tells him so.
        assertTrue(bob.contains("Bob: mp.peer_disconnected 2") && bob.contains("Bob: remove_peer(2): has_peer=False"), bob);
        assertTrue(ada.contains("Ada: mp.peer_disconnected 3") && bob.contains("Bob: peer 2 saw me leave"), ada + bob);
        assertFalse(ada.contains("saw me leave"), ada);
    }

    @Test
    void twoProcessesServerCompatibility() throws Exception {
        List<Rig.Proc> p = session(true, "Srv", "Ada");
        String ada = p.get(1).output();
        assertTrue(ada.contains("Ada: mp.connection_succeeded (status=2)") && ada.contains("Ada: mp.server_disconnected (status=2)"), ada);
        assertTrue(ada.contains("Ada: left, status=0"), ada);
    }

    @Test
    void threeProcessesMesh() throws Exception {
        List<Rig.Proc> p = session(false, "Ada", "Bob", "Cy");
        String bob = p.get(1).output(), cy = p.get(2).output();
        assertTrue(cy.contains("Cy: get_peers [1, 2]") && cy.contains("Cy: remove_peer(2): has_peer=False"), cy);
        assertTrue(cy.contains("Cy: peer 2 saw me leave") && p.get(0).output().contains("Ada: peer 3 saw me leave"), cy);
        assertTrue(bob.contains("Bob: mp.peer_disconnected 3") && bob.contains("Bob: left, status=2"), bob);
        assertFalse(bob.contains("server_disconnected") || cy.contains("server_disconnected"), bob + cy);
    }

    @Test
    void badInputAnswersGodotErrorsAndSaysWhy() throws Exception {
        String out = run("bad_input3", "bad_input.gd", Map.of());
        assertTrue(out.contains("bad_input: all checks passed"), out);
        // The core's reasons reach Godot 3's output as errors, beside the engine's own.
        assertTrue(out.contains("ERROR: Unknown session description type 'bogus'."), out);
        assertTrue(out.contains("ERROR: Data channel id 1 is already in use on this connection."), out);
        assertTrue(out.contains("ERROR: Condition \"interface == nullptr\" is true. Returned: ERR_UNCONFIGURED"), out);
    }

    /** close() or initialize() in a connection's signal handler ends its poll's batch, as in Godot 4. */
    @Test
    void handlerClosingOrInitializingAConnectionEndsItsBatch() throws Exception {
        String out = run("handlers3", "handlers.gd", Map.of());
        assertTrue(out.contains("handlers: all checks passed"), out);
    }

    /** Lines of a file that are neither blank nor # comments. */
    static List<String> significant(Path file) throws java.io.IOException {
        List<String> out = new ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(file)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                out.add(line);
            }
        }
        return out;
    }

    /**
     * tests/godot/parity/godot3.gd's scenario in Godot 3 itself (tests/godot3/parity.gd): its
     * transcript must equal godot3.expected, which was written from Godot 3's documentation, except
     * for the differences pinned and explained in tests/godot3/godot3.engine.diff, where Godot 3's
     * own code decides (the seed's text and the engine disagree, or the engines' APIs differ).
     */
    @Test
    void godot3FormTranscriptInGodot3DiffersOnlyWhereTheEngineDoes() throws Exception {
        String out = run("parity3", "parity.gd", Map.of());
        List<String> actual = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("T| ")) {
                actual.add(line.substring(3));
            } else if (line.startsWith("ERROR: ")) {
                actual.add("ERROR"); // where Godot 3 prints an error, as parity.gd's Logger marks it in Godot 4
            }
        }
        assertTrue(out.contains("parity: multiplayer peer class WebRTCMultiplayer\n"), out);
        assertTrue(actual.size() > 10 && actual.get(actual.size() - 1).equals("end"), out);
        List<String> expected = significant(Rig.ROOT.resolve("tests/godot/parity/godot3.expected"));
        String diff = ParityTest.diff(expected, actual);
        String pinned = String.join("\n", significant(Rig.ROOT.resolve("tests/godot3/godot3.engine.diff"))) + "\n";
        assertEquals(pinned, diff, "Godot 3's transcript differs from godot3.expected otherwise than godot3.engine.diff says:\n" + out);
    }

    @Test
    void withoutJavaGodot3RunsOnAndSaysWhy() throws Exception {
        // The addon copied without its bundled runtime, on a machine without Java.
        Path project = Godot3Rig.project(tmp);
        Path addon = project.resolve("addons/webrtc_java");
        Files.delete(addon);
        ExportedGameTest.copyTree(Godot3Rig.ADDON3, addon);
        ExportedGameTest.deleteTree(addon.resolve("jre-amd64-linux"));
        String out = run("no_jvm3", project, "no_jvm.gd", Map.of("JAVA_HOME", "/nonexistent-jdk", "PATH", "/nonexistent"));
        assertTrue(out.contains("WebRTC (Java) is disabled: No Java runtime found"), out);
        assertTrue(out.contains("/addons/webrtc_java/jre-amd64-linux (no such folder)"), out);
        assertTrue(out.contains("JAVA_HOME: /nonexistent-jdk (no such folder)"), out);
        assertTrue(out.contains("no_jvm: script=[Object:null] create_offer=3"), out);
    }

    /** The Godot 3 form of get_stats() and restart_ice() (tests/godot3/stats.gd). */
    @Test
    void statsAndIceRestartInGodot3() throws Exception {
        String out = run("stats3", "stats.gd", Map.of());
        assertFalse(out.contains("ERROR:"), out);
        assertTrue(out.contains("\"local_candidate_type\":\"host\""), out);
        assertTrue(out.contains("stats3: ok"), out);
    }
}
