package dev.gdwrtc.tests.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.tests.Rig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `make bench`, what Godot processes feel, with our addon and, given {@code -Dbench.anchor=<addon
 * folder>} (`make bench ANCHOR=...`), with that addon too in the same run, side by side: one
 * negotiated WebRTCDataChannel between two processes (tests/bench/mp_bench.gd, --impl channel), a
 * 20,000-RPC world sync, throughput to one and to 8 peers that do not pack, RTT at 60 fps, a
 * fresh process's first connection (tests/bench/connect.gd), a whole process's start, connection
 * and quit with its peak RSS, and our RSS per connected peer (tests/bench/startup.gd). Each the
 * median of {@link PerfBench#ROUNDS} rounds; ratios are ours / the anchor. Nothing is asserted on time.
 */
@Tag("bench")
class GodotBench {
    /** bench.godotRounds: fewer while developing the bench (the table says how many). */
    private static final int ROUNDS = Integer.getInteger("bench.godotRounds", PerfBench.ROUNDS);
    /** Whole-process runs per side and round: start time and peak RSS vary from run to run. */
    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    /** Packet counts times this (e.g. 0.1 while developing the bench). */
    private static final double SCALE = Double.parseDouble(System.getProperty("bench.scale", "1"));
    private static final String ANCHOR = System.getProperty("bench.anchor", "");
    private static final int PINGS = 240; // 4 s at 60 frames/s
    /** The rows of issue 21: one channel, sender put_packet()s until refused, then waits a frame. */
    private static final String[] CHANNEL_CASES = {"64:r:100000", "64:u:100000", "1024:r:30000", "16384:r:3000", "16384:u:3000"};
    private static final int WORLD_SYNC = 20_000;
    /** The anchor's world sync: Godot's built-in class at both ends, as a game has it over any other addon. */
    private static final String ANCHOR_RECEIVER = "builtin";
    /**
     * Our world syncs: sender and receiver (the script's --impl) and the row's words. Toward a
     * peer that does not pack both ends' connections say {"gdwrtcPacking": false}, which holds
     * whether packing is each end's own choice or agreed by both.
     */
    private static final List<String[]> BURSTS = List.of(new String[] {"java", "java", "ours (packing)"},
            new String[] {"java-nopack", "builtin-nopack", "built-in class over ours, not packing"},
            new String[] {"java-nopack", "java-nopack", "ours, gdwrtcPacking false"});
    /** Toward peers that do not pack: Godot's built-in class over our connections, not packing. */
    private static final String[] NONPACKING = {"java-nopack", "builtin-nopack"};
    private static final int MANY_PEERS = 8;
    private static final String NONPACKING_CASE = "64:r:30000";
    private static final int[] RSS_PEERS = {8, 16, 32};

    @TempDir
    Path tmp;

    private final BenchReport report = BenchReport.shared(ROUNDS);
    private final Samples samples = new Samples();

    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    static String scaled(String c) {
        int colon = c.lastIndexOf(':');
        return c.substring(0, colon + 1) + Math.max(1, Math.round(Integer.parseInt(c.substring(colon + 1)) * SCALE));
    }

    private static int size(String c) {
        return Integer.parseInt(c.substring(0, c.indexOf(':')));
    }

    private static String kind(String c) {
        int size = size(c);
        return String.format("%,d x %s %s", Integer.parseInt(c.substring(c.lastIndexOf(':') + 1)),
                size < 1024 ? size + " B" : size / 1024 + " KiB", c.contains(":r:") ? "reliable" : "unreliable");
    }

    @Test
    void godotProcesses() throws Exception {
        Side ours = Side.ours(Files.createDirectories(tmp.resolve("ours")));
        Side anchor = ANCHOR.isEmpty() ? null : Side.anchor(Files.createDirectories(tmp.resolve("anchor")), Path.of(ANCHOR));
        List<Side> sides = anchor == null ? List.of(ours) : List.of(ours, anchor);
        List<String> channelCases = java.util.Arrays.stream(CHANNEL_CASES).map(GodotBench::scaled).toList();
        String burst = "rpc:" + Math.round(WORLD_SYNC * SCALE);
        String nonpacking = scaled(NONPACKING_CASE);
        // Without an anchor, RTT is compared with Godot's own multiplayer peer over our connections.
        Side builtinOverOurs = new Side("built-in<->built-in (our connections)", ours.project(), "builtin");
        for (int r = 0; r < ROUNDS; r++) {
            for (Side side : sides) {
                channelRound(side, channelCases);
                burstRound(side, burst);
                nonpackingRound(side, nonpacking);
                rttRound(side, "rtt");
                connectRound(side);
                for (int i = 0; i < RUNS; i++) {
                    wholeProcess(side);
                }
            }
            if (anchor == null) {
                rttRound(builtinOverOurs, "rtt");
            }
        }
        Side base = anchor;
        String baseName = anchor != null ? anchor.name() : null;
        for (String c : channelCases) {
            boolean small = size(c) <= 64;
            report.add(new Row("Godot channel " + kind(c), small ? "pkt/s" : "MB/s", samples.figure(ours, c), baseName,
                    samples.figure(base, c), true, ">= 1.0x, 0 refusals", samples.note(c, ours, anchor)));
        }
        for (String[] b : BURSTS) {
            String what = "burst " + b[1];
            report.add(new Row("Godot " + Math.round(WORLD_SYNC * SCALE) + "-RPC world sync to " + b[2], "ms", samples.figure(ours, what),
                    baseName == null ? null : baseName + ", built-in<->built-in", samples.figure(base, "burst " + ANCHOR_RECEIVER), false,
                    "< anchor, all in order", samples.note(what, ours) + (anchor == null ? "" : "; " + samples.note("burst " + ANCHOR_RECEIVER, anchor))));
        }
        String one = "nonpacking1", many = "nonpacking" + MANY_PEERS;
        report.add(new Row("Godot mp 64 B reliable to 1 non-packing peer", "pkt/s", samples.figure(ours, one), baseName,
                samples.figure(base, one), true, ">= 1.0x", samples.note(one, ours, anchor)));
        report.add(new Row("Godot mp 64 B reliable to " + MANY_PEERS + " non-packing peers, aggregate", "pkt/s", samples.figure(ours, many),
                baseName, samples.figure(base, many), true, ">= 1.0x", samples.note(many, ours, anchor)));
        report.add(new Row("Godot aggregate to " + MANY_PEERS + " non-packing peers / to 1", "x", ratioOf(ours, many, one), baseName,
                anchor == null ? null : ratioOf(anchor, many, one), true, ">= 3x (issue 15)"));
        Side rttBase = anchor != null ? anchor : builtinOverOurs;
        String rttBaseName = anchor != null ? anchor.name() + ", built-in<->built-in" : builtinOverOurs.name();
        String[] rttNames = {"RTT p50 at 60 fps", "RTT p99 at 60 fps", "RTT p50 at 60 fps", "RTT p99 at 60 fps"};
        for (int i = 0; i < 4; i++) {
            report.add(new Row("Godot " + rttNames[i] + ", ours<->ours", i < 2 ? "frames" : "ms", samples.figure(ours, "rtt" + i),
                    rttBaseName, samples.figure(rttBase, "rtt" + i), false, "<= built-in"));
        }
        if (anchor == null) {
            report.add(new Row("Godot process connect 2 peers, factory cold (first)", "ms", samples.figure(ours, "cold"),
                    "warm (second, same process)", samples.figure(ours, "warm"), false, "-"));
        } else {
            for (String w : new String[] {"cold", "warm"}) {
                report.add(new Row("Godot process connect 2 peers, " + w, "ms", samples.figure(ours, w), baseName,
                        samples.figure(anchor, w), false, "-"));
            }
        }
        report.add(new Row("Godot whole process: start, 1 connection, quit", "ms", samples.figure(ours, "whole"), baseName,
                samples.figure(base, "whole"), false, "<= 1.2x anchor"));
        report.add(new Row("Godot whole process: peak RSS", "MiB", samples.figure(ours, "peak"), baseName, samples.figure(base, "peak"),
                false, "<= anchor + 32 MiB", anchor == null ? "" : String.format("ours - anchor: %+.1f MiB (medians)",
                        samples.figure(ours, "peak").median() - samples.figure(anchor, "peak").median())));
        report.write(Rig.ROOT.resolve("build/bench"));
    }

    /** Ours alone: what each connected peer adds to a Godot process's RSS. */
    @Test
    void rssPerConnectedPeer() throws Exception {
        Side ours = Side.ours(Files.createDirectories(tmp.resolve("rss")));
        for (int r = 0; r < ROUNDS; r++) {
            for (int peers : RSS_PEERS) {
                samples.add(ours, "rss" + peers, rssPerPeer(ours.project(), peers));
            }
        }
        Figure eight = samples.figure(ours, "rss" + RSS_PEERS[0]);
        for (int i = 0; i < RSS_PEERS.length; i++) {
            report.add(new Row("Godot RSS per connected peer (" + RSS_PEERS[i] + " peers), ours", "MiB", samples.figure(ours, "rss" + RSS_PEERS[i]),
                    i == 0 ? null : "per peer at 8 peers", i == 0 ? null : eight, false, "<= 2 MiB"));
        }
        report.write(Rig.ROOT.resolve("build/bench"));
    }

    private Figure ratioOf(Side side, String num, String den) {
        return new Figure(samples.figure(side, num).median() / samples.figure(side, den).median(),
                samples.figure(side, num).min() / samples.figure(side, den).max(),
                samples.figure(side, num).max() / samples.figure(side, den).min());
    }

    private void channelRound(Side side, List<String> cases) throws Exception {
        MpSession s = MpSession.run(side.project(), "channel", "channel", cases, 0);
        for (String c : cases) {
            double scale = size(c) <= 64 ? 1 : size(c) / 1e6;
            samples.add(side, c, s.packetsPerSecond.get(c) * scale);
            samples.count(side, c, "refusals", s.refused.getOrDefault(c, 0L));
            samples.count(side, c, "lost", Long.parseLong(c.substring(c.lastIndexOf(':') + 1)) - s.arrived.get(c));
        }
        // Error lines belong to the session, not a case: they go to the first row's note.
        samples.count(side, cases.get(0), "error lines (all channel cases)", s.errorLines);
    }

    private void burstRound(Side side, String burst) throws Exception {
        List<String[]> pairs = side.mp().equals("java") ? BURSTS : List.<String[]>of(new String[] {ANCHOR_RECEIVER, ANCHOR_RECEIVER});
        for (String[] pair : pairs) {
            MpSession s = MpSession.run(side.project(), pair[0], pair[1], List.of(burst), 0);
            String what = "burst " + pair[1];
            samples.add(side, what, s.burstMillis.get(burst));
            samples.count(side, what, "lost", Long.parseLong(burst.substring(4)) - s.arrived.get(burst));
            samples.count(side, what, "out of order", s.disorder.get(burst));
            samples.count(side, what, "refused", s.refused.getOrDefault(burst, 0L));
            samples.count(side, what, "error lines", s.errorLines);
        }
    }

    /** To peers that do not pack, as webrtc-native's peers and browsers. */
    private void nonpackingRound(Side side, String c) throws Exception {
        boolean ours = side.mp().equals("java");
        for (int peers : new int[] {1, MANY_PEERS}) {
            MpSession s = MpSession.run(side.project(), ours ? NONPACKING[0] : side.mp(), ours ? NONPACKING[1] : side.mp(), peers, List.of(c), 0);
            String what = "nonpacking" + peers;
            samples.add(side, what, s.packetsPerSecond.get(c));
            samples.count(side, what, "refusals", s.refused.getOrDefault(c, 0L));
            samples.count(side, what, "error lines", s.errorLines);
        }
    }

    private void rttRound(Side side, String what) throws Exception {
        double[] rtt = MpSession.run(side.project(), side.mp(), side.mp(), List.of(), PINGS).rtt;
        for (int i = 0; i < 4; i++) {
            samples.add(side, what + i, i < 2 ? rtt[i] : rtt[i] / 1e3);
        }
    }

    /** ms to the first connected pair of a fresh Godot process, then to a second one. */
    private void connectRound(Side side) throws Exception {
        Rig.Proc p = Rig.godotScript("bench-connect", side.project(), "connect.gd", Map.of());
        assertTrue(p.await(120), "connect.gd did not finish");
        assertEquals(0, p.exitCode(), p.output());
        String[] f = resultLine(p, "connect: cold_usec ").split(" ");
        samples.add(side, "cold", Long.parseLong(f[2]) / 1000.0);
        samples.add(side, "warm", Long.parseLong(f[4]) / 1000.0);
    }

    /** A whole Godot process: start, one connection (offer, answer, channel open), quit; ms and peak MiB. */
    private void wholeProcess(Side side) throws Exception {
        long t = System.nanoTime();
        Rig.Proc p = Rig.godotScript("bench-whole", side.project(), "connect.gd", Map.of(), "--once", "1");
        assertTrue(p.await(120), "connect.gd --once did not finish");
        double ms = (System.nanoTime() - t) / 1e6;
        assertEquals(0, p.exitCode(), p.output());
        samples.add(side, "whole", ms);
        samples.add(side, "peak", Long.parseLong(resultLine(p, "connect: once_usec ").split(" ")[4]) / 1024.0);
    }

    private static String resultLine(Rig.Proc p, String prefix) {
        return p.output().lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + prefix + "' line:\n" + p.output()));
    }

    /** MiB of RSS added per connected peer once {@code peers} peers (in pairs) have their channels open. */
    private static double rssPerPeer(Path project, int peers) throws Exception {
        Rig.Proc p = Rig.godotScript("bench-rss", project, "startup.gd", Map.of(), "--pairs", Integer.toString(peers / 2));
        assertTrue(p.await(300), "startup.gd did not finish");
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
