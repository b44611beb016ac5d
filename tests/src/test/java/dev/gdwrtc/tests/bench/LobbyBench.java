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

    /** The nodes' options: {@link #OPTIONS}, then -Dlobby.options="..." (space-separated), to try others. */
    static String[] options() {
        List<String> all = new ArrayList<>(List.of(OPTIONS));
        String extra = System.getProperty("lobby.options", "").trim();
        if (!extra.isEmpty()) {
            all.addAll(List.of(extra.split("\\s+")));
        }
        return all.toArray(String[]::new);
    }

    private final BenchReport report = BenchReport.shared(1);

    @TempDir
    Path tmp;

    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    @Test
    void oneNode() throws Exception {
        try (LobbyNode node = new LobbyNode("bench-node", null, options())) {
            measure("1 node", "<= 5 ms", List.of(node), null);
        }
        report.write(Rig.ROOT.resolve("build/bench"));
    }

    @Test
    void twoNodesThroughRedis() throws Exception {
        try (RedisServer redis = new RedisServer(tmp);
                LobbyNode n1 = new LobbyNode("bench-node1", redis.uri(), options());
                LobbyNode n2 = new LobbyNode("bench-node2", redis.uri(), options())) {
            measure("2 nodes + Redis", "<= 10 ms", List.of(n1, n2), redis);
        }
        report.write(Rig.ROOT.resolve("build/bench"));
    }

    private void measure(String where, String latencyGoal, List<LobbyNode> nodes, RedisServer redis) throws Exception {
        String[] urls = nodes.stream().map(LobbyNode::url).toArray(String[]::new);
        // A first round joined, relayed all at once and left, so the nodes are warm (classes
        // loaded, code compiled, heap and allocator sized): what the second round adds is what
        // idle connections cost, not what is paid once.
        try (LobbyLoad warmUp = new LobbyLoad(LOBBIES, PER_LOBBY)) {
            warmUp.join(urls);
            warmUp.relay(0, OFFER_BYTES, CANDIDATE_BYTES);
        }
        Thread.sleep(2000); // the nodes see those sockets close
        long before = rss(nodes, true);
        long heapBefore = liveHeap(nodes);
        if (Boolean.getBoolean("lobby.debug")) {
            jcmd(nodes.get(0), "VM.native_memory", "baseline"); // with -Dlobby.jvmOptions=-XX:NativeMemoryTracking=summary
        }
        try (LobbyLoad load = new LobbyLoad(LOBBIES, PER_LOBBY)) {
            load.join(urls);
            Thread.sleep(2000); // settle: the joins' garbage and buffers
            double grown = (rss(nodes, false) - before) / 1024.0 / load.size();
            double perConnection = (rss(nodes, true) - before) / 1024.0 / load.size();
            double heapPerConnection = (liveHeap(nodes) - heapBefore) / 1024.0 / load.size();
            System.out.printf("perf: lobby %s: resident memory per idle connection %.1f KiB before a full GC, %.1f KiB after;"
                    + " live Java heap %.1f KiB%n", where, grown, perConnection, heapPerConnection);
            report.add(new Row("lobby live heap per idle connection, " + where, "KiB", Figure.of(heapPerConnection), null, null, false, "-"));
            if (Boolean.getBoolean("lobby.debug")) {
                jcmd(nodes.get(0), "VM.native_memory", "summary.diff").lines().forEach(l -> System.out.println("perf: nmt " + l));
                jcmd(nodes.get(0), "GC.class_histogram").lines().limit(40).forEach(l -> System.out.println("perf: histo " + l));
            }
            String clients = load.size() + " clients, " + LOBBIES + " lobbies";
            // All at once first (the rate), then paced (the latency).
            LobbyLoad.Relayed burst = load.relay(0, OFFER_BYTES, CANDIDATE_BYTES);
            report.add(new Row("lobby relayed messages/s, " + where + ", all at once", "msg/s",
                    Figure.of(burst.count() / (burst.wallMs() / 1000)), null, null, true, "-"));
            // A paced round not measured: the bursts leave the JIT recompiling (deoptimised
            // paths, C2 threads taking CPU for tens of seconds); a lobby that runs for days does
            // not measure its first minute.
            load.relay(SPREAD_MS, OFFER_BYTES, CANDIDATE_BYTES);
            var bucketsBefore = buckets(nodes);
            List<Long> serverPids = new ArrayList<>(nodes.stream().map(LobbyNode::pid).toList());
            long[] nodesBefore = sched(serverPids, "");
            long[] redisBefore = sched(redis == null ? List.of() : List.of(redis.pid()), "");
            long[] loadBefore = sched(List.of(ProcessHandle.current().pid()), "multiThreadIoEv");
            long[] machineBefore = machineCpu();
            long[] clientGcBefore = clientGc();
            for (LobbyNode node : nodes) {
                jcmd(node, "VM.log", "output=file=" + gcLog(node), "what=gc=info,gc+phases=info", "decorators=uptime"); // ZGC logs its pauses as phases
            }
            LobbyLoad.Relayed paced = load.relay(SPREAD_MS, OFFER_BYTES, CANDIDATE_BYTES);
            var bucketsAfter = buckets(nodes);
            long[] nodesAfter = sched(serverPids, "");
            long[] redisAfter = sched(redis == null ? List.of() : List.of(redis.pid()), "");
            long[] loadAfter = sched(List.of(ProcessHandle.current().pid()), "multiThreadIoEv");
            long[] machineAfter = machineCpu();
            long[] clientGcAfter = clientGc();
            double[] nodeGc = {0, 0, 0}; // pauses, their sum and the longest, ms
            for (LobbyNode node : nodes) {
                jcmd(node, "VM.log", "disable");
                for (String line : Files.readAllLines(gcLog(node))) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile(" Pause .* ([0-9.]+)ms$").matcher(line);
                    if (m.find()) {
                        double ms = Double.parseDouble(m.group(1));
                        nodeGc[0]++;
                        nodeGc[1] += ms;
                        nodeGc[2] = Math.max(nodeGc[2], ms);
                    }
                }
            }
            System.out.printf("perf: lobby %s, paced phase: the nodes' GC paused them %.0f times, %.0f ms in all, the longest %.1f ms;"
                            + " the clients' JVM %d times, %d ms in all%n", where, nodeGc[0], nodeGc[1], nodeGc[2],
                    clientGcAfter[0] - clientGcBefore[0], clientGcAfter[1] - clientGcBefore[1]);
            // What the machine did to the latency: time the threads were ready to run but waited
            // for a CPU, and how much of the machine's CPUs the bench's own processes took.
            double ranMs = (nodesAfter[0] - nodesBefore[0] + redisAfter[0] - redisBefore[0] + loadAfter[0] - loadBefore[0]) / 1e6;
            System.out.printf("perf: lobby %s, paced phase (%.0f ms): the nodes' threads ran %.0f ms and waited %.0f ms for a CPU;"
                            + " redis-server ran %.0f ms and waited %.0f ms; the clients' event loop ran %.0f ms and waited %.0f ms;"
                            + " together %.0f%% of the machine's %d CPUs, which were %.0f%% busy (%.0f%% stolen by the host); load average %s%n",
                    where, paced.wallMs(), (nodesAfter[0] - nodesBefore[0]) / 1e6, (nodesAfter[1] - nodesBefore[1]) / 1e6,
                    (redisAfter[0] - redisBefore[0]) / 1e6, (redisAfter[1] - redisBefore[1]) / 1e6,
                    (loadAfter[0] - loadBefore[0]) / 1e6, (loadAfter[1] - loadBefore[1]) / 1e6,
                    100 * ranMs / paced.wallMs() / Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors(),
                    100.0 * (machineAfter[0] - machineBefore[0]) / (machineAfter[2] - machineBefore[2]),
                    100.0 * (machineAfter[1] - machineBefore[1]) / (machineAfter[2] - machineBefore[2]),
                    Files.readString(Path.of("/proc/loadavg")).trim());
            int n = paced.count();
            report.add(new Row("lobby node CPU per relayed message, " + where, "us", Figure.of((nodesAfter[0] - nodesBefore[0]) / 1e3 / n),
                    null, null, false, "-"));
            report.add(new Row("lobby relay p50, " + where + " (" + clients + ")", "ms",
                    Figure.of(LobbyLoad.Relayed.quantile(paced.latencyUs(), 0.5) / 1000), null, null, false, "-"));
            report.add(new Row("lobby relay p99, " + where + ", 5,000 msg/s", "ms",
                    Figure.of(LobbyLoad.Relayed.quantile(paced.latencyUs(), 0.99) / 1000), null, null, false, latencyGoal));
            // The load generator's own share: how late its loop sent (the latency rows count from
            // the intended time, so this is inside them).
            report.add(new Row("lobby bench client's late send p99, " + where, "ms",
                    Figure.of(LobbyLoad.Relayed.quantile(paced.lateSendUs(), 0.99) / 1000), null, null, false, "-"));
            // The server's own part of that latency, as the nodes measure it (Metrics: stage in,
            // received until the store took it; out, handed to the receiver until in its socket):
            // from their histograms' counts during the paced phase, all nodes together; a quantile
            // is the upper bound of its bucket.
            for (String stage : List.of("in", "out")) {
                java.util.TreeMap<Double, Double> during = new java.util.TreeMap<>();
                bucketsAfter.get(stage).forEach((le, count) -> during.put(le, count - bucketsBefore.get(stage).getOrDefault(le, 0.0)));
                for (double q : new double[] {0.5, 0.99}) {
                    report.add(new Row("lobby node time " + stage + " p" + Math.round(q * 100) + ", " + where, "ms",
                            Figure.of(quantile(during, q) * 1000), null, null, false, "-"));
                }
            }
            report.add(new Row("lobby memory per idle connection, " + where, "KiB", Figure.of(perConnection), null, null, false, "<= 16 KiB"));
            System.out.println("perf: lobby " + where + ": " + load.retries.get() + " of " + load.size() + " clients joined on a second try");
        }
    }

    /** Bytes of the nodes' live Java objects (a class histogram's total, taken after a full GC). */
    private static long liveHeap(List<LobbyNode> nodes) throws Exception {
        long sum = 0;
        for (LobbyNode node : nodes) {
            String total = jcmd(node, "GC.class_histogram").lines().filter(l -> l.startsWith("Total")).findFirst().orElseThrow();
            String[] f = total.trim().split("\\s+");
            sum += Long.parseLong(f[2]);
        }
        return sum;
    }

    private static String jcmd(LobbyNode node, String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(node.pid())));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + out);
        }
        return out;
    }

    /** Per stage of lobby_relay_seconds, its cumulative bucket counts (upper bound in s to count), all nodes summed. */
    private static java.util.Map<String, java.util.TreeMap<Double, Double>> buckets(List<LobbyNode> nodes) throws Exception {
        java.util.Map<String, java.util.TreeMap<Double, Double>> out = new java.util.HashMap<>();
        for (String stage : List.of("in", "out")) {
            out.put(stage, new java.util.TreeMap<>());
        }
        for (LobbyNode node : nodes) {
            for (String line : node.metrics().split("\\n")) {
                if (!line.startsWith("lobby_relay_seconds_bucket{")) {
                    continue;
                }
                String stage = line.contains("stage=\"in\"") ? "in" : "out";
                int le = line.indexOf("le=\"") + 4;
                String bound = line.substring(le, line.indexOf('"', le));
                double key = bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound);
                out.get(stage).merge(key, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
            }
        }
        return out;
    }

    /** The upper bound of the bucket that holds quantile q of these cumulative counts; NaN if empty. */
    private static double quantile(java.util.TreeMap<Double, Double> cumulative, double q) {
        double total = cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
        for (var e : cumulative.entrySet()) {
            if (total > 0 && e.getValue() >= q * total) {
                return e.getKey();
            }
        }
        return Double.NaN;
    }

    private Path gcLog(LobbyNode node) {
        return tmp.resolve("gc-" + node.pid() + ".log");
    }

    /** This JVM's (the clients') garbage collections so far: how many, and their time in ms. */
    private static long[] clientGc() {
        long[] sum = new long[2];
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            sum[0] += Math.max(0, gc.getCollectionCount());
            sum[1] += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    /**
     * The whole machine's CPU time from /proc/stat, in ticks: busy (all but idle and iowait),
     * stolen by the hypervisor, and total; other processes' load shows as busy beyond ours.
     */
    private static long[] machineCpu() throws Exception {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < Math.min(f.length, 9); i++) { // user nice system idle iowait irq softirq steal
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        return new long[] {total - idle, Long.parseLong(f[8]), total};
    }

    /**
     * Of the threads of these processes whose name starts so: nanoseconds on a CPU and waiting
     * for one while runnable, summed (/proc/PID/task/TID/schedstat).
     */
    private static long[] sched(List<Long> pids, String threadPrefix) throws Exception {
        long[] sum = new long[2];
        for (long pid : pids) {
            try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        if (!Files.readString(task.resolve("comm")).startsWith(threadPrefix)) {
                            continue;
                        }
                        String[] f = Files.readString(task.resolve("schedstat")).trim().split(" ");
                        sum[0] += Long.parseLong(f[0]);
                        sum[1] += Long.parseLong(f[1]);
                    } catch (java.io.IOException gone) {
                        // a thread that ended meanwhile
                    }
                }
            }
        }
        return sum;
    }

    /**
     * Resident memory of the nodes, bytes; after a full GC in each if {@code collect} (what the
     * connections keep, without the garbage the heap happens to hold at that moment).
     */
    private static long rss(List<LobbyNode> nodes, boolean collect) throws Exception {
        long sum = 0;
        for (LobbyNode node : nodes) {
            if (collect) {
                Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(node.pid()), "GC.run").redirectErrorStream(true).start();
                String out = new String(gc.getInputStream().readAllBytes());
                if (!gc.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || gc.exitValue() != 0) {
                    throw new IllegalStateException("jcmd GC.run failed: " + out);
                }
                Thread.sleep(500);
            }
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
