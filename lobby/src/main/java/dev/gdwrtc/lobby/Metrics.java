package dev.gdwrtc.lobby;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** What /metrics shows: connections, lobbies, relayed messages, and errors by kind (their reason). */
final class Metrics {
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final AtomicInteger connections = registry.gauge("lobby.connections", new AtomicInteger());
    private final Counter relayed = registry.counter("lobby.relayed.messages");

    void lobbies(LobbyStore store) {
        registry.gauge("lobby.lobbies", store, LobbyStore::lobbyCount);
    }

    void relayed() {
        relayed.increment();
    }

    void error(String reason) {
        String kind = reason.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "_").replaceAll("^_|_$", "");
        registry.counter("lobby.errors", "kind", kind).increment();
    }
}
