package dev.gdwrtc.tests.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Network namespaces made for one test, joined by veth pairs in 198.18.0.0/15, and the processes
 * started in them; {@link #close} kills the processes and deletes the namespaces. Names carry the
 * PID, since other test runs on the machine make their own. "Here" is the test JVM's namespace.
 */
final class Topology implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final int seq = SEQ.incrementAndGet();
    private final String tag = ProcessHandle.current().pid() + "-" + seq;
    private final List<String> namespaces = new ArrayList<>();
    private final List<Proc> processes = new ArrayList<>();
    private int links;

    /** Runs a command to completion; fails the test unless it exits 0. */
    static String sh(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", cmd) + " hung");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ":\n" + out);
        return out;
    }

    /** A new namespace with loopback up. */
    String namespace(String name) throws IOException, InterruptedException {
        String ns = "gdw-" + name + "-" + tag;
        sh("ip", "netns", "add", ns);
        namespaces.add(ns);
        sh("ip", "-n", ns, "link", "set", "lo", "up");
        return ns;
    }

    /** A veth pair between two namespaces (null: here) with the two /24 addresses; returns B's end. */
    String link(String nsA, String addrA, String nsB, String addrB) throws IOException, InterruptedException {
        // Unique per topology too: a deleted namespace's veth pair dies asynchronously, so the next
        // test's link of the same name could still find the old end here.
        int n = links++;
        String a = "gv" + seq + "x" + n + "a", b = "gv" + seq + "x" + n + "b";
        List<String> cmd = new ArrayList<>(List.of("ip", "link", "add", a));
        if (nsA != null) {
            cmd.addAll(List.of("netns", nsA));
        }
        cmd.addAll(List.of("type", "veth", "peer", "name", b, "netns", nsB));
        sh(cmd.toArray(String[]::new));
        for (String[] end : new String[][] {{nsA, a, addrA}, {nsB, b, addrB}}) {
            List<String> pre = end[0] == null ? List.of("ip") : List.of("ip", "-n", end[0]);
            List<String> c1 = new ArrayList<>(pre);
            c1.addAll(List.of("addr", "add", end[2] + "/24", "dev", end[1]));
            sh(c1.toArray(String[]::new));
            List<String> c2 = new ArrayList<>(pre);
            c2.addAll(List.of("link", "set", end[1], "up"));
            sh(c2.toArray(String[]::new));
        }
        return b;
    }

    /** Runs nft (with one argument per rule text) in a namespace (null: here). */
    static void nft(String ns, String rules) throws IOException, InterruptedException {
        if (ns == null) {
            sh("nft", rules);
        } else {
            sh("ip", "netns", "exec", ns, "nft", rules);
        }
    }

    /** Starts a command in a namespace; its output lines are collected. */
    Proc start(String name, String ns, List<String> cmd) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(cmd);
        Proc p = new Proc(name, new ProcessBuilder(full).redirectErrorStream(true).start());
        processes.add(p);
        return p;
    }

    /** This JVM's java and class path: a {@link RemotePeer} in namespace {@code ns}. */
    Proc remotePeer(String ns, int id, String config) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        return start("peer" + id, ns, List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                RemotePeer.class.getName(), "" + id, MeshNode.b64(config)));
    }

    /** A coturn in {@code ns} on the given addresses (first one relays), user gd / secret. */
    Proc coturn(String ns, Path dir, String... addresses) throws IOException, InterruptedException {
        StringBuilder conf = new StringBuilder();
        for (String a : addresses) {
            conf.append("listening-ip=").append(a).append('\n');
        }
        conf.append("relay-ip=").append(addresses[0]).append('\n').append("""
                listening-port=3478
                min-port=49152
                max-port=49352
                lt-cred-mech
                user=gd:secret
                realm=gdwrtc.test
                fingerprint
                no-tls
                no-dtls
                no-cli
                verbose
                log-file=stdout
                simple-log
                allowed-peer-ip=198.18.0.0-198.19.255.255
                """);
        conf.append("userdb=").append(dir.resolve("turndb")).append('\n');
        conf.append("pidfile=").append(dir.resolve("turn.pid")).append('\n');
        Path file = dir.resolve("turnserver.conf");
        Files.writeString(file, conf);
        Proc p = start("coturn", ns, List.of("turnserver", "-c", file.toString()));
        p.await("Total General servers", "coturn did not start");
        return p;
    }

    @Override
    public void close() throws Exception {
        for (Proc p : processes) {
            p.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        for (String ns : namespaces) {
            new ProcessBuilder("ip", "netns", "del", ns).start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** A started process and the lines it printed. */
    static final class Proc {
        final String name;
        final Process process;
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        private final OutputStream stdin;

        Proc(String name, Process process) {
            this.name = name;
            this.process = process;
            this.stdin = process.getOutputStream();
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // killed
                }
            }, "out-" + name);
            t.setDaemon(true);
            t.start();
        }

        void send(String line) throws IOException {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        }

        boolean printed(String text) {
            synchronized (lines) {
                return lines.stream().anyMatch(l -> l.contains(text));
            }
        }

        /** Waits for a line containing {@code text}; fails if the process ends first or in 2 minutes. */
        void await(String text, String what) throws InterruptedException {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!printed(text)) {
                assertTrue(process.isAlive() || printed(text), () -> what + " (" + name + " exited):\n" + output());
                assertTrue(System.nanoTime() < deadline, () -> what + ":\n" + output());
                Thread.sleep(10);
            }
        }

        String output() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }
    }
}
