package dev.gdwrtc.tests.lobby;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.tests.Rig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three headless Godot players find each other through two lobby nodes sharing a redis-server,
 * with the addon's WebRTCLobbyClient (demo/lobby_player.gd), and exchange @rpc calls; one of them
 * on Godot's built-in WebRTCMultiplayerPeer.
 */
class LobbyGodotTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    /** A player: its name, which class it uses, and the node it joins through. */
    record Player(String name, String impl, int node) {}

    @Test
    void threePlayersJoinOneLobbyThroughTwoNodes() throws Exception {
        Path project = Rig.project(tmp.resolve("project"));
        List<Player> players = List.of(new Player("Ada", "java", 0), new Player("Bob", "builtin", 1), new Player("Cy", "java", 1));
        try (RedisServer redis = new RedisServer(tmp);
                LobbyNode n1 = new LobbyNode("node1", redis.uri());
                LobbyNode n2 = new LobbyNode("node2", redis.uri())) {
            List<LobbyNode> nodes = List.of(n1, n2);
            String count = Integer.toString(players.size());
            List<Rig.Proc> procs = new ArrayList<>();
            String lobby = null;
            for (Player p : players) {
                List<String> args = new ArrayList<>(List.of("--url", nodes.get(p.node()).url(), "--name", p.name(), "--peers", count, "--impl", p.impl()));
                if (lobby != null) {
                    args.addAll(List.of("--lobby", lobby));
                }
                Rig.Proc proc = Rig.godotScript(p.name(), project, "lobby_player.gd", Map.of(), args.toArray(String[]::new));
                procs.add(proc);
                if (lobby == null) {
                    assertTrue(proc.waitFor("as peer 1", 60), "the host did not create a lobby:\n" + proc.output());
                    Matcher m = Pattern.compile("joined lobby ([A-Za-z0-9]{16}) as peer 1").matcher(proc.output());
                    assertTrue(m.find(), proc.output());
                    lobby = m.group(1);
                }
            }
            for (Rig.Proc p : procs) {
                assertTrue(p.await(90), p.name + " did not finish");
            }
            for (int i = 0; i < players.size(); i++) {
                Rig.Proc p = procs.get(i);
                String out = p.output();
                assertEquals(0, p.exitCode(), p.name + " failed:\n" + out);
                assertTrue(out.contains(p.name + ": ok, heard " + (players.size() - 1) + " peers"), out);
                assertTrue(out.contains("the lobby is sealed"), out);
                String cls = players.get(i).impl().equals("builtin") ? "(WebRTCMultiplayerPeer)" : "(WebRTCMultiplayerPeerJava)";
                assertTrue(out.contains(cls), p.name + " did not use " + cls + ":\n" + out);
                for (int j = 0; j < players.size(); j++) {
                    if (j != i) {
                        assertTrue(out.contains("says 'hello from " + players.get(j).name() + "'"), p.name + " missed " + players.get(j).name() + ":\n" + out);
                    }
                }
                assertFalse(out.contains("ERROR"), p.name + " printed an error:\n" + out);
            }
        }
    }
}
