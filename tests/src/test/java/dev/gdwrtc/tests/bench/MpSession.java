package dev.gdwrtc.tests.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.tests.Rig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of tests/bench/mp_bench.gd: two Godot processes, the offerer sending with {@code sender}
 * (an --impl of the script), the answerer receiving with {@code receiver} on {@code peers} peers,
 * the cases in order, then {@code pings} round trips at 60 frames/s. Holds what they printed (also
 * kept whole in build/bench/logs/).
 */
final class MpSession {
    /** Per throughput case ("64:r:30000"...): packets per second from the case's start to the last arrival. */
    final Map<String, Double> packetsPerSecond = new HashMap<>();
    /** Per case: packets (or calls) that arrived, of all peers. */
    final Map<String, Long> arrived = new HashMap<>();
    /** Per world-sync case ("rpc:20000"): ms from its start to the last call's arrival. */
    final Map<String, Double> burstMillis = new HashMap<>();
    /** Per world-sync case: calls that arrived out of order. */
    final Map<String, Long> disorder = new HashMap<>();
    /** Per case: put_packet (or rpc) calls the sender saw refused. */
    final Map<String, Long> refused = new HashMap<>();
    /** Error lines Godot printed, both processes. */
    long errorLines;
    /** RTT p50 and p99, in frames and in µs; empty without pings. */
    double[] rtt = new double[0];

    private static int nextPort = 9300;

    static MpSession run(Path project, String sender, String receiver, List<String> cases, int pings) throws Exception {
        return run(project, sender, receiver, 1, cases, pings);
    }

    static MpSession run(Path project, String sender, String receiver, int peers, List<String> cases, int pings) throws Exception {
        String port = Integer.toString(nextPort++);
        String list = cases.isEmpty() ? "none" : String.join(",", cases);
        Rig.Proc offer = Rig.godotScript("mpbench-" + sender, project, "mp_bench.gd", Map.of(), "--role", "offer", "--impl", sender,
                "--port", port, "--cases", list, "--pings", Integer.toString(pings), "--peers", Integer.toString(peers));
        assertTrue(offer.waitFor("mpbench: listening", 60), "mp_bench.gd offerer did not start:\n" + offer.output());
        Rig.Proc answer = Rig.godotScript("mpbench-" + receiver, project, "mp_bench.gd", Map.of(), "--role", "answer", "--impl", receiver,
                "--port", port, "--cases", list, "--peers", Integer.toString(peers));
        boolean offerDone = offer.await(300);
        boolean answerDone = answer.await(60);
        // Kept for the rows' notes' causes: what each process printed, by session.
        Path logs = java.nio.file.Files.createDirectories(Rig.ROOT.resolve("build/bench/logs"));
        java.nio.file.Files.writeString(logs.resolve("mpbench-" + port + "-" + sender + "-offer.log"), offer.output());
        java.nio.file.Files.writeString(logs.resolve("mpbench-" + port + "-" + receiver + "-answer.log"), answer.output());
        assertTrue(offerDone && answerDone, "mp_bench.gd did not finish:\n" + offer.output() + "\n---\n" + answer.output());
        assertEquals(0, offer.exitCode(), offer.output());
        assertEquals(0, answer.exitCode(), answer.output());
        MpSession s = new MpSession();
        answer.output().lines().filter(l -> l.startsWith("mpbench: tput ") || l.startsWith("mpbench: burst ")).forEach(l -> {
            String[] f = l.split(" ");
            long got = Long.parseLong(f[3]), usec = Long.parseLong(f[4]);
            s.arrived.put(f[2], got);
            if (f[1].equals("burst")) {
                s.burstMillis.put(f[2], usec / 1e3);
                s.disorder.put(f[2], Long.parseLong(f[5]));
            } else {
                s.packetsPerSecond.put(f[2], got / (usec / 1e6));
            }
        });
        assertEquals(cases.size(), s.arrived.size(), "a case printed no result:\n" + answer.output());
        offer.output().lines().filter(l -> l.startsWith("mpbench: refused ")).forEach(l -> {
            String[] f = l.split(" ");
            s.refused.put(f[2], Long.parseLong(f[3]));
        });
        offer.output().lines().filter(l -> l.startsWith("mpbench: rtt ")).forEach(l -> {
            String[] f = l.split(" ");
            s.rtt = new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5])};
        });
        assertTrue(pings == 0 || s.rtt.length == 4, "no RTT result:\n" + offer.output());
        s.errorLines = errorLines(offer.output()) + errorLines(answer.output());
        return s;
    }

    /** Lines Godot prints for an error (push_error, ERR_FAIL_*, script errors). */
    static long errorLines(String output) {
        return output.lines().filter(l -> l.matches("^(USER |SCRIPT )?ERROR:.*")).count();
    }
}
