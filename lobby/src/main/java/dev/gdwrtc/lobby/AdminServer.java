package dev.gdwrtc.lobby;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** GET /health (200 "ok", 503 when the store is not reachable) and /metrics (Prometheus text). */
final class AdminServer implements AutoCloseable {
    private final HttpServer http;

    AdminServer(InetSocketAddress address, LobbyStore store, Metrics metrics) throws IOException {
        http = HttpServer.create(address, 16);
        http.createContext("/health", x -> reply(x, store.healthy() ? 200 : 503, () -> store.healthy() ? "ok\n" : "unavailable\n"));
        http.createContext("/metrics", x -> reply(x, 200, metrics.registry::scrape));
        http.start();
    }

    int port() {
        return http.getAddress().getPort();
    }

    private static void reply(HttpExchange x, int status, Supplier<String> body) throws IOException {
        byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
