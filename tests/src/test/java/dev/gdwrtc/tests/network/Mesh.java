package dev.gdwrtc.tests.network;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;

/**
 * The signalling server of a test mesh: {@link MeshNode}s in this JVM and {@link RemotePeer}
 * processes, their descriptions and candidates routed between them, everything else they print
 * kept as events ("ID line").
 */
final class Mesh implements AutoCloseable {
    private final Map<Integer, MeshNode> local = new HashMap<>();
    private final Map<Integer, Topology.Proc> remote = new HashMap<>();
    private final Map<Integer, Integer> consumed = new HashMap<>();
    private final ConcurrentLinkedQueue<String[]> localOut = new ConcurrentLinkedQueue<>();
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    /** Every candidate each node gathered, as it sent it. */
    final Map<Integer, List<String>> candidates = new HashMap<>();

    MeshNode local(int id, String config) {
        MeshNode n = new MeshNode(id, config, false, line -> localOut.add(new String[] {"" + id, line}));
        local.put(id, n);
        return n;
    }

    MeshNode node(int id) {
        return local.get(id);
    }

    void remote(int id, Topology.Proc p) throws InterruptedException {
        remote.put(id, p);
        consumed.put(id, 0);
        p.await("ready " + id, "remote peer " + id + " did not start");
    }

    private void deliver(int to, String line) {
        if (local.containsKey(to)) {
            local.get(to).accept(line);
        } else if (remote.containsKey(to)) {
            try {
                remote.get(to).send(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // the remote died: the test says so
            }
        }
    }

    /** Peer {@code a} offers to peer {@code b}. */
    void connect(int a, int b) {
        deliver(a, "peer " + b + " 1");
        deliver(b, "peer " + a + " 0");
    }

    private void route(int from, String line) {
        String[] f = line.split(" ", 3);
        if ((f[0].equals("desc") || f[0].equals("cand")) && f.length == 3) {
            if (f[0].equals("cand")) {
                String[] c = f[2].split(" ");
                candidates.computeIfAbsent(from, k -> Collections.synchronizedList(new ArrayList<>()))
                        .add(MeshNode.unb64(c[2]));
            }
            deliver(Integer.parseInt(f[1]), f[0] + " " + from + " " + f[2]);
        } else {
            events.add(from + " " + line);
        }
    }

    void pump() {
        local.values().forEach(MeshNode::pump);
        String[] o;
        while ((o = localOut.poll()) != null) {
            route(Integer.parseInt(o[0]), o[1]);
        }
        for (Map.Entry<Integer, Topology.Proc> e : remote.entrySet()) {
            List<String> lines = e.getValue().lines;
            int from = consumed.get(e.getKey());
            List<String> fresh;
            synchronized (lines) {
                fresh = new ArrayList<>(lines.subList(from, lines.size()));
            }
            consumed.put(e.getKey(), from + fresh.size());
            fresh.forEach(l -> route(e.getKey(), l));
        }
    }

    boolean saw(String event) {
        synchronized (events) {
            return events.contains(event);
        }
    }

    /** Pumps until {@code done}; the bound only ends a broken run (no timing is asserted). */
    void until(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "never happened: " + what + "; events " + events);
            pump();
            Thread.sleep(1);
        }
    }

    @Override
    public void close() {
        local.values().forEach(n -> n.mp.close());
    }
}
