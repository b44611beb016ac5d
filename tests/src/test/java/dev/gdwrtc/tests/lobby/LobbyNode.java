package dev.gdwrtc.tests.lobby;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.tests.Rig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One lobby node (dev.gdwrtc.lobby.Main, the jar's main class) as its own process on loopback, with
 * the test's class path; {@link #close()} stops it with SIGTERM and checks it exited 0,
 * {@link #kill9()} kills it as a crash would.
 */
public final class LobbyNode implements AutoCloseable {
    final String name;
    final int port;
    final int adminPort;
    private final Rig.Proc proc;
    private boolean killed;

    public LobbyNode(String name, String redis, String... options) throws Exception {
        this.name = name;
        port = Ports.free();
        adminPort = Ports.free();
        // The options a node is run with (`make lobby` and docs/lobby.md give the same file);
        // -Dlobby.optionsFile=PATH runs the nodes with another, to compare.
        String optionsFile = System.getProperty("lobby.optionsFile", Rig.ROOT.resolve("lobby/jvm.options").toString());
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + optionsFile));
        // -Dlobby.jvmOptions="-Xlog:gc ..." (space-separated): more options for the node's JVM, to look into one.
        String extra = System.getProperty("lobby.jvmOptions", "").trim();
        if (!extra.isEmpty()) {
            cmd.addAll(List.of(extra.split("\\s+")));
        }
        // -Dlobby.classpath=JAR: another build of the lobby ahead of this one (the bench's A/B of two builds).
        String before = System.getProperty("lobby.classpath", "").trim();
        String classPath = (before.isEmpty() ? "" : before + java.io.File.pathSeparator) + System.getProperty("java.class.path");
        cmd.addAll(List.of("-cp", classPath, "dev.gdwrtc.lobby.Main",
                "--bind", "127.0.0.1", "--port", Integer.toString(port), "--admin-port", Integer.toString(adminPort),
                "--node-name", name));
        if (redis != null) {
            cmd.addAll(List.of("--redis", redis));
        }
        cmd.addAll(List.of(options));
        proc = Rig.Proc.start(name, cmd, Map.of());
        // Generous: other builds may load this machine; a node alone starts in about a second.
        if (!proc.waitFor("msg=\"listening\"", 120)) {
            proc.kill9();
            proc.await(10);
            throw new AssertionError(name + " did not start:\n" + proc.output());
        }
    }

    public String url() {
        return "ws://127.0.0.1:" + port;
    }

    /** The node's process id (the bench reads its memory). */
    public long pid() {
        return proc.pid();
    }

    /** The node's /metrics (Prometheus text). */
    public String metrics() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var answer = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + adminPort + "/metrics"))
                .timeout(java.time.Duration.ofSeconds(30)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), "/metrics of " + name);
        return answer.body();
    }

    /** One sample of /metrics, e.g. {@code lobby_relay_seconds{quantile="0.99",stage="in"}}; NaN if absent. */
    public double metric(String sample) throws Exception {
        for (String line : metrics().split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(line.substring(sample.length() + 1).trim());
            }
        }
        return Double.NaN;
    }

    String output() {
        return proc.output();
    }

    void kill9() throws Exception {
        killed = true;
        proc.kill9();
        proc.await(10);
    }

    @Override
    public void close() throws Exception {
        if (killed) {
            return;
        }
        proc.terminate();
        assertTrue(proc.await(20), name + " did not stop");
        if (Boolean.getBoolean("lobby.debug")) {
            System.out.println(proc.output());
        }
        // 143: the JVM's exit on SIGTERM once its shutdown hook (the clean stop) ran.
        assertEquals(143, proc.exitCode(), name + " failed:\n" + proc.output());
        assertTrue(!proc.output().contains("level=ERROR"), name + " logged an error:\n" + proc.output());
    }
}
