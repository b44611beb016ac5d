package dev.gdwrtc.tests.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.tests.Rig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `make bench`, what Godot processes feel: multiplayer-peer throughput and 60 fps round trips
 * between two processes (tests/bench/mp_bench.gd), a fresh process's first connection
 * (tests/bench/connect.gd) and RSS per connected peer (tests/bench/startup.gd), each the median of
 * {@link PerfBench#ROUNDS} rounds against a baseline of the same run. Nothing is asserted on time.
 */
@Tag("bench")
class GodotBench {
    private static final int ROUNDS = PerfBench.ROUNDS;
    private static final int PINGS = 240; // 4 s at 60 frames/s
    private static final int[] SIZES = {64, 1024, 16 * 1024};
    private static final int[] PEERS = {8, 16, 32};

    @TempDir
    Path tmp;

    private final BenchReport report = BenchReport.shared(ROUNDS);

    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    private static List<String> cases() {
        List<String> all = new ArrayList<>();
        for (int size : SIZES) {
            all.add(size + ":r:" + PerfBench.count(size));
            all.add(size + ":u:" + PerfBench.count(size));
        }
        return all;
    }

    private static double[] column(List<double[]> rounds, int i) {
        return rounds.stream().mapToDouble(r -> r[i]).toArray();
    }

    @Test
    void godotProcesses() throws Exception {
        Path project = Rig.project(tmp);
        for (String script : new String[] {"mp_bench.gd", "connect.gd", "startup.gd"}) {
            Files.copy(Rig.ROOT.resolve("tests/bench/" + script), project.resolve(script));
        }
        List<String> cases = cases();
        Map<String, double[]> raw = new HashMap<>(), ours = new HashMap<>(), mixed = new HashMap<>();
        List<double[]> rttOurs = new ArrayList<>(), rttBuiltin = new ArrayList<>(), connect = new ArrayList<>();
        List<double[]> rss = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            for (String c : cases) {
                raw.computeIfAbsent(c, k -> new double[ROUNDS])[r] = PerfBench.raw(c.contains(":r"), size(c));
            }
            MpSession javaJava = MpSession.run(project, "java", "java", cases, PINGS);
            MpSession javaBuiltin = MpSession.run(project, "java", "builtin", cases, 0);
            MpSession builtinBuiltin = MpSession.run(project, "builtin", "builtin", List.of(), PINGS);
            for (String c : cases) {
                ours.computeIfAbsent(c, k -> new double[ROUNDS])[r] = javaJava.packetsPerSecond.get(c);
                mixed.computeIfAbsent(c, k -> new double[ROUNDS])[r] = javaBuiltin.packetsPerSecond.get(c);
            }
            rttOurs.add(javaJava.rtt);
            rttBuiltin.add(builtinBuiltin.rtt);
            connect.add(coldAndWarm(project));
            double[] perPeer = new double[PEERS.length];
            for (int i = 0; i < PEERS.length; i++) {
                perPeer[i] = rssPerPeer(project, PEERS[i]);
            }
            rss.add(perPeer);
        }
        for (String c : cases) {
            int size = size(c);
            String kind = (c.contains(":r") ? "reliable " : "unreliable ") + (size < 1024 ? size + " B" : size / 1024 + " KiB");
            boolean small = size <= 64;
            double scale = small ? 1 : size / 1e6;
            Figure base = scaled(raw.get(c), scale);
            report.add(new Row("Godot ours<->ours (GDScript) " + kind, small ? "pkt/s" : "MB/s", scaled(ours.get(c), scale),
                    "raw webrtc-java", base, true, "-"));
            report.add(new Row("Godot ours->built-in class " + kind, small ? "pkt/s" : "MB/s", scaled(mixed.get(c), scale),
                    "raw webrtc-java", base, true, ">= 0.9x raw"));
        }
        String[] rttNames = {"RTT p50 at 60 fps (frames)", "RTT p99 at 60 fps (frames)", "RTT p50 at 60 fps (ms)", "RTT p99 at 60 fps (ms)"};
        String[] rttUnits = {"frames", "frames", "ms", "ms"};
        for (int i = 0; i < 4; i++) {
            double scale = i < 2 ? 1 : 1e-3;
            report.add(new Row("Godot " + rttNames[i] + ", ours<->ours", rttUnits[i], scaled(column(rttOurs, i), scale),
                    "built-in<->built-in (same transport)", scaled(column(rttBuiltin, i), scale), false, "<= built-in"));
        }
        report.add(new Row("Godot process connect 2 peers, factory cold (first)", "ms", Figure.of(column(connect, 0)),
                "warm (second, same process)", Figure.of(column(connect, 1)), false, "-"));
        Figure eight = Figure.of(column(rss, 0));
        for (int i = 0; i < PEERS.length; i++) {
            report.add(new Row("Godot RSS per connected peer (" + PEERS[i] + " peers)", "MiB", Figure.of(column(rss, i)),
                    i == 0 ? null : "per peer at 8 peers", i == 0 ? null : eight, false, "<= 2 MiB"));
        }
        report.write(Rig.ROOT.resolve("build/bench"));
    }

    private static int size(String c) {
        return Integer.parseInt(c.substring(0, c.indexOf(':')));
    }

    private static Figure scaled(double[] xs, double by) {
        double[] s = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            s[i] = xs[i] * by;
        }
        return Figure.of(s);
    }

    /** ms to the first connected pair of a fresh Godot process, then to a second one. */
    private static double[] coldAndWarm(Path project) throws Exception {
        Rig.Proc p = Rig.godotScript("bench-connect", project, "connect.gd", Map.of());
        assertTrue(p.await(120), "connect.gd did not finish");
        assertEquals(0, p.exitCode(), p.output());
        String[] f = p.output().lines().filter(l -> l.startsWith("connect: ")).findFirst()
                .orElseThrow(() -> new AssertionError("connect.gd printed no result:\n" + p.output())).split(" ");
        return new double[] {Long.parseLong(f[2]) / 1000.0, Long.parseLong(f[4]) / 1000.0};
    }

    /** MiB of RSS added per connected peer once {@code peers} peers (in pairs) have their channels open. */
    private static double rssPerPeer(Path project, int peers) throws Exception {
        Rig.Proc p = Rig.godotScript("bench-rss", project, "startup.gd", Map.of(), "--pairs", Integer.toString(peers / 2));
        assertTrue(p.await(180), "startup.gd did not finish");
        assertEquals(0, p.exitCode(), p.output());
        Map<String, Long> got = new HashMap<>();
        p.output().lines().filter(l -> l.startsWith("startup: ")).forEach(l -> {
            String[] f = l.substring(9).split(" ");
            for (int i = 0; i + 1 < f.length; i += 2) {
                got.put(f[i], Long.parseLong(f[i + 1]));
            }
        });
        assertEquals(peers, got.get("peers").intValue(), p.output());
        return (got.get("rss_kib") - got.get("idle_rss_kib")) / 1024.0 / peers;
    }
}
