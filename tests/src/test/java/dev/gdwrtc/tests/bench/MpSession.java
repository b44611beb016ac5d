package dev.gdwrtc.tests.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.tests.Rig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of tests/bench/mp_bench.gd: two Godot processes, the offerer with multiplayer peer class
 * {@code sender}, the answerer with {@code receiver}, the throughput cases in order, then
 * {@code pings} round trips at 60 frames/s. Holds what they printed.
 */
final class MpSession {
    /** Throughput per case ("64:r:30000"...): packets per second from the case's start to the last arrival. */
    final Map<String, Double> packetsPerSecond = new HashMap<>();
    /** RTT p50 and p99, in frames and in µs; empty without pings. */
    double[] rtt = new double[0];

    private static int nextPort = 9300;

    static MpSession run(Path project, String sender, String receiver, List<String> cases, int pings) throws Exception {
        String port = Integer.toString(nextPort++);
        String list = String.join(",", cases);
        Rig.Proc offer = Rig.godotScript("mpbench-" + sender, project, "mp_bench.gd", Map.of(),
                "--role", "offer", "--impl", sender, "--port", port, "--cases", list.isEmpty() ? "none" : list, "--pings", Integer.toString(pings));
        assertTrue(offer.waitFor("mpbench: listening", 60), "mp_bench.gd offerer did not start:\n" + offer.output());
        Rig.Proc answer = Rig.godotScript("mpbench-" + receiver, project, "mp_bench.gd", Map.of(),
                "--role", "answer", "--impl", receiver, "--port", port, "--cases", list.isEmpty() ? "none" : list);
        boolean offerDone = offer.await(300);
        boolean answerDone = answer.await(60);
        assertTrue(offerDone && answerDone, "mp_bench.gd did not finish:\n" + offer.output() + "\n---\n" + answer.output());
        assertEquals(0, offer.exitCode(), offer.output());
        assertEquals(0, answer.exitCode(), answer.output());
        MpSession s = new MpSession();
        answer.output().lines().filter(l -> l.startsWith("mpbench: tput ")).forEach(l -> {
            String[] f = l.split(" ");
            s.packetsPerSecond.put(f[2], Long.parseLong(f[3]) / (Long.parseLong(f[4]) / 1e6));
        });
        assertEquals(cases.size(), s.packetsPerSecond.size(), "a case printed no result:\n" + answer.output());
        offer.output().lines().filter(l -> l.startsWith("mpbench: rtt ")).forEach(l -> {
            String[] f = l.split(" ");
            s.rtt = new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5])};
        });
        assertTrue(pings == 0 || s.rtt.length == 4, "no RTT result:\n" + offer.output());
        return s;
    }
}
