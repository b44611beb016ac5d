package dev.gdwrtc.tests.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.gdwrtc.tests.Rig;
import java.net.InetSocketAddress;
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
 * Two headless Godot processes (tests/godot/stats_peer.gd with WebRTCMultiplayerPeerJava, through
 * demo/lobby.gd) whose connection may only use TURN: coturn runs in a namespace of its own, both
 * players use {@code iceTransportPolicy: "relay"}, and each reads {@code get_stats()}: both ends of
 * the selected pair are relay candidates with a plausible round trip. With a {@link DelayForwarder}
 * between one player and coturn (this kernel has no netem), {@code round_trip_time} follows the
 * added delay within 20%, on both players.
 */
@Tag("network")
class GodotRelayTest {
    /** The delay the forwarder adds each way: 150 ms more per round trip. */
    private static final long DELAY_MS = 75;

    @TempDir
    Path tmp;

    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Net.requireTestNamespace();
    }

    static String relay(String server) {
        return "{\"iceServers\": [{\"urls\": [\"turn:" + server + "?transport=udp\"], \"username\": \"gd\", \"credential\": \"secret\"}],"
                + " \"iceTransportPolicy\": \"relay\", \"gdwrtcStatsInterval\": 200}";
    }

    /** The samples one player printed: the one when its counters grew, and the last. */
    record Samples(String name, List<JsonObject> all) {}

    /**
     * Runs a session of two players through the lobby on {@code port}, P0 (peer 1) with {@code ice0},
     * P1 (peer 2, the offerer) with {@code ice1}; checks their exit codes and "ok".
     */
    private List<Samples> session(Path project, int port, String ice0, String ice1) throws Exception {
        Rig.Proc lobby = Rig.godotScript("lobby", project, "lobby.gd", Map.of(), "--port", Integer.toString(port), "--peers", "2");
        assertTrue(lobby.waitFor("lobby: listening", 30), "lobby did not start:\n" + lobby.output());
        List<Rig.Proc> players = new ArrayList<>();
        String[] ice = {ice0, ice1};
        for (int i = 0; i < 2; i++) {
            players.add(Rig.godotScript("P" + i, project, "stats_peer.gd", Map.of(), "--port", Integer.toString(port),
                    "--name", "P" + i, "--impl", "java", "--restart", "no", "--ice", ice[i]));
            if (i == 0) {
                assertTrue(players.get(0).waitFor("I am peer 1", 30), players.get(0).output());
            }
        }
        for (Rig.Proc p : players) {
            assertTrue(p.await(90), p.name + " did not finish:\n" + p.output());
        }
        assertTrue(lobby.await(30), "lobby did not finish");
        assertEquals(0, lobby.exitCode(), lobby.output());
        List<Samples> out = new ArrayList<>();
        for (Rig.Proc p : players) {
            String text = p.output();
            Files.writeString(Path.of("target", "relay-" + port + "-" + p.name + ".log"), text);
            assertEquals(0, p.exitCode(), p.name + " failed:\n" + text);
            assertTrue(text.contains(p.name + ": ok"), text);
            assertFalse(text.contains("ERROR"), p.name + " printed an error:\n" + text);
            List<JsonObject> samples = new ArrayList<>();
            for (String line : text.split("\n")) {
                int at = line.indexOf('{');
                if (at >= 0 && (line.startsWith("STATS ") || line.contains(": stats grew: "))) {
                    samples.add(JsonParser.parseString(line.substring(at)).getAsJsonObject());
                }
            }
            assertEquals(2, samples.size(), text);
            out.add(new Samples(p.name, samples));
        }
        return out;
    }

    private static double rtt(JsonObject s) {
        return s.get("round_trip_time").getAsDouble();
    }

    /** The mean round trip of every sample of both players, seconds. */
    private static double meanRtt(List<Samples> session) {
        return session.stream().flatMap(s -> s.all().stream()).mapToDouble(GodotRelayTest::rtt).average().orElseThrow();
    }

    @Test
    void twoGodotPlayersThroughCoturnBothReportRelayAndAPlausibleRoundTrip() throws Exception {
        try (Topology t = new Topology()) {
            String mid = t.namespace("turn");
            t.link(null, "198.18.50.1", mid, "198.18.50.2");
            Topology.Proc coturn = t.coturn(mid, dir("turn"), "198.18.50.2");
            String ice = relay("198.18.50.2:3478");
            List<Samples> session = session(Rig.project(dir("project")), 9131, ice, ice);
            for (Samples p : session) {
                for (JsonObject s : p.all()) {
                    assertEquals("relay", s.get("local_candidate_type").getAsString(), p.name() + ": " + s);
                    assertEquals("relay", s.get("remote_candidate_type").getAsString(), p.name() + ": " + s);
                    assertEquals("udp", s.get("protocol").getAsString(), p.name() + ": " + s);
                    // Namespaces on one host: a few milliseconds at most, never a timeout's value.
                    assertTrue(rtt(s) >= 0 && rtt(s) < 0.1, p.name() + ": implausible round trip in " + s);
                }
            }
            assertTrue(coturn.lines.stream().filter(l -> l.contains("ALLOCATE processed, success")).count() >= 2, coturn.output());
            assertTrue(coturn.printed("CREATE_PERMISSION processed, success"), coturn.output());
            System.out.printf("network: two Godot players through coturn (relay policy): both ends relay on both, round trip %s%n",
                    session.stream().flatMap(s -> s.all().stream()).map(s -> String.format("%.3f", rtt(s))).toList());
        }
    }

    /**
     * P0 reaches coturn through the forwarder, P1 directly; a session without delay, then one with
     * {@link #DELAY_MS} each way. Every relayed packet between the players crosses the forwarder
     * once each way, so each player's round trip must grow by twice the delay, within 20%.
     */
    @Test
    void theRoundTripFollowsADelayAddedOnTheRelayPath() throws Exception {
        try (Topology t = new Topology()) {
            String mid = t.namespace("turn");
            t.link(null, "198.18.51.1", mid, "198.18.51.2");
            t.coturn(mid, dir("turn"), "198.18.51.2");
            Path project = Rig.project(dir("project"));
            double[] mean = new double[2];
            List<List<Samples>> sessions = new ArrayList<>();
            try (DelayForwarder fwd = new DelayForwarder(new InetSocketAddress("198.18.51.1", 3479),
                    new InetSocketAddress("198.18.51.2", 3478), 0)) {
                for (int i = 0; i < 2; i++) {
                    fwd.delayMs(i == 0 ? 0 : DELAY_MS);
                    List<Samples> session = session(project, 9132 + i, relay("198.18.51.1:3479"), relay("198.18.51.2:3478"));
                    for (Samples p : session) {
                        for (JsonObject s : p.all()) {
                            assertEquals("relay", s.get("local_candidate_type").getAsString(), p.name() + ": " + s);
                            assertEquals("relay", s.get("remote_candidate_type").getAsString(), p.name() + ": " + s);
                        }
                    }
                    sessions.add(session);
                    mean[i] = meanRtt(session);
                }
                assertTrue(fwd.forwarded.get() > 0, "nothing crossed the forwarder");
            }
            double added = 2 * DELAY_MS / 1000.0;
            System.out.printf("network: round trip through TURN, P0 behind a forwarder: %.1f ms without delay, %.1f ms with %d ms"
                    + " each way (+%.1f ms, %.0f%% of the %.0f ms added); samples %s%n", mean[0] * 1000, mean[1] * 1000, DELAY_MS,
                    (mean[1] - mean[0]) * 1000, 100 * (mean[1] - mean[0]) / added, added * 1000,
                    sessions.stream().map(x -> x.stream().flatMap(s -> s.all().stream()).map(s -> String.format("%.3f", rtt(s))).toList()).toList());
            // Each sample on its own, on both players: the growth is within 20% of what was added.
            for (Samples p : sessions.get(1)) {
                for (JsonObject s : p.all()) {
                    double grew = rtt(s) - mean[0];
                    assertTrue(Math.abs(grew - added) <= 0.2 * added,
                            p.name() + ": round trip " + rtt(s) + " s, " + mean[0] + " s without the delay; expected " + added + " s more");
                }
            }
        }
    }

    private Path dir(String name) throws Exception {
        return Files.createDirectories(tmp.resolve(name));
    }
}
