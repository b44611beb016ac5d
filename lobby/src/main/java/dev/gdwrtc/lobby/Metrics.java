package dev.gdwrtc.lobby;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** What /metrics shows: connections, lobbies, relayed messages, and errors by kind (their reason). */
final class Metrics {
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final AtomicInteger connections = registry.gauge("lobby.connections", new AtomicInteger());
    private final Counter relayed = registry.counter("lobby.relayed.messages");
    /** A relay's time on the node it arrived on: from its frame decoded to the store having taken it. */
    private final Timer relayIn = relayTimer("in");
    /** A relay's time on the node of its receiver: from the store handing it over to its bytes in the socket. */
    private final Timer relayOut = relayTimer("out");

    private Timer relayTimer(String stage) {
        return Timer.builder("lobby.relay")
                .description("a relayed message's time in this node; stage in: received until the store took it"
                        + " (in memory: until handed to the receiver's connection), out: handed to the receiver's"
                        + " connection until written to its socket")
                .tag("stage", stage)
                .publishPercentiles(0.5, 0.99)
                .percentilePrecision(2)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(1000))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .distributionStatisticExpiry(Duration.ofSeconds(60))
                .distributionStatisticBufferLength(2)
                .register(registry);
    }

    void relayIn(long nanos) {
        relayIn.record(nanos, TimeUnit.NANOSECONDS);
    }

    void relayOut(long nanos) {
        relayOut.record(nanos, TimeUnit.NANOSECONDS);
    }

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
