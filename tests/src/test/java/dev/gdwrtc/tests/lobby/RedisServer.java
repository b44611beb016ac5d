package dev.gdwrtc.tests.lobby;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.tests.Rig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's redis-server on a free loopback port of the test namespace, in a temporary folder, with
 * no persistence; stopped (and its exit checked) by {@link #close()}.
 */
public final class RedisServer implements AutoCloseable {
    final int port;
    private final Rig.Proc proc;

    public RedisServer(Path dir) throws Exception {
        port = Ports.free();
        Path data = Files.createDirectories(dir.resolve("redis-" + port));
        proc = Rig.Proc.start("redis", List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no",
                // A node that falls behind its deliveries must not be cut off (docs/lobby.md).
                "--client-output-buffer-limit", "pubsub 0 0 0", "--dir", data.toString(), "--daemonize", "no"), Map.of());
        if (!proc.waitFor("Ready to accept connections", 60)) {
            proc.kill9();
            proc.await(10);
            throw new AssertionError("redis-server did not start:\n" + proc.output());
        }
    }

    /** The server's process id (the bench reads its CPU time). */
    public long pid() {
        return proc.pid();
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() throws Exception {
        proc.terminate();
        assertTrue(proc.await(20), "redis-server did not stop");
        assertTrue(proc.exitCode() == 0, "redis-server failed:\n" + proc.output());
    }
}
