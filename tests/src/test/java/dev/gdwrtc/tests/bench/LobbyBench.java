package dev.gdwrtc.tests.bench;

import dev.gdwrtc.tests.Rig;
import dev.gdwrtc.tests.lobby.LobbyNode;
import dev.gdwrtc.tests.lobby.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lobby side by side on one node and across two nodes through Redis (docs/lobby.md): 5,000
 * WebSocket clients in 1,000 lobbies, each relaying an offer, an answer and 10 candidates.
 * Relay latency p50/p99 at a steady 5,000 messages/s, relayed messages/s when all send at once,
 * and the node's resident memory per idle connection. Loopback only; one round; nothing asserted.
 */
@Tag("bench")
class LobbyBench {
    static final int LOBBIES = 1000;
    static final int PER_LOBBY = 5;
    /** Offered load of the latency phase: all messages spread over this window. */
    static final long SPREAD_MS = 12_000;
    static final int OFFER_BYTES = 1500;
    static final int CANDIDATE_BYTES = 100;
    /** The limits that would otherwise refuse one machine's 1,000 lobbies and its bursts. */
    static final String[] OPTIONS = {"--max-lobbies-per-address", "2000", "--burst", "1000", "--rate", "1000"};

    private final BenchReport report = BenchReport.shared(1);

    @TempDir
    Path tmp;

    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    @Test
    void oneNode() throws Exception {
        try (LobbyNode node = new LobbyNode("bench-node", null, OPTIONS)) {
            measure("1 node", "<= 5 ms", List.of(node));
        }
        report.write(Rig.ROOT.resolve("build/bench"));
    }

    @Test
    void twoNodesThroughRedis() throws Exception {
        try (RedisServer redis = new RedisServer(tmp);
                LobbyNode n1 = new LobbyNode("bench-node1", redis.uri(), OPTIONS);
                LobbyNode n2 = new LobbyNode("bench-node2", redis.uri(), OPTIONS)) {
            measure("2 nodes + Redis", "<= 10 ms", List.of(n1, n2));
        }
        report.write(Rig.ROOT.resolve("build/bench"));
    }

    private void measure(String where, String latencyGoal, List<LobbyNode> nodes) throws Exception {
        long before = rss(nodes);
        try (LobbyLoad load = new LobbyLoad(LOBBIES, PER_LOBBY)) {
            load.join(nodes.stream().map(LobbyNode::url).toArray(String[]::new));
            Thread.sleep(2000); // settle: the joins' garbage and buffers
            double perConnection = (rss(nodes) - before) / 1024.0 / load.size();
            String clients = load.size() + " clients, " + LOBBIES + " lobbies";
            double[] paced = load.relay(SPREAD_MS, OFFER_BYTES, CANDIDATE_BYTES);
            int n = paced.length - 1;
            report.add(new Row("lobby relay p50, " + where + " (" + clients + ")", "ms", Figure.of(paced[n / 2] / 1000), null, null, false, "-"));
            report.add(new Row("lobby relay p99, " + where + ", 5,000 msg/s", "ms", Figure.of(paced[(int) (n * 0.99)] / 1000), null, null, false, latencyGoal));
            double[] burst = load.relay(0, OFFER_BYTES, CANDIDATE_BYTES);
            double wallMs = burst[burst.length - 1];
            report.add(new Row("lobby relayed messages/s, " + where + ", all at once", "msg/s", Figure.of((burst.length - 1) / (wallMs / 1000)), null, null, true, "-"));
            report.add(new Row("lobby memory per idle connection, " + where, "KiB", Figure.of(perConnection), null, null, false, "<= 16 KiB"));
            System.out.println("perf: lobby " + where + ": " + load.retries.get() + " of " + load.size() + " clients joined on a second try");
        }
    }

    /** Resident memory of the nodes, bytes. */
    private static long rss(List<LobbyNode> nodes) throws Exception {
        long sum = 0;
        for (LobbyNode node : nodes) {
            List<String> status = Files.readAllLines(Path.of("/proc/" + node.pid() + "/status"));
            for (String line : status) {
                if (line.startsWith("VmRSS:")) {
                    sum += Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        }
        return sum;
    }
}
