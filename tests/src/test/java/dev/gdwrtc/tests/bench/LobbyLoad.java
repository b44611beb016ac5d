package dev.gdwrtc.tests.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The lobby's load (LobbyBench): lobbies of WebSocket clients that join, then each relay an offer,
 * an answer and candidates to the next peer of their lobby, stamped with the send time so the
 * receiver measures the relay latency. Bounded: a fixed number of clients and messages.
 */
final class LobbyLoad implements AutoCloseable {
    static final int CANDIDATES = 10;
    static final int PER_CLIENT = 2 + CANDIDATES;
    /** Connections being opened at once (each must send JOIN within the lobby's 1 s). */
    private static final int OPENING = 100;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Client> clients = new ArrayList<>();
    private final int lobbies;
    private final int perLobby;
    private long[] latencies = new long[0];
    private final AtomicInteger received = new AtomicInteger();
    private volatile CountDownLatch done = new CountDownLatch(0);

    LobbyLoad(int lobbies, int perLobby) {
        this.lobbies = lobbies;
        this.perLobby = perLobby;
    }

    /** One client: its lobby, its id there, its send chain (one send at a time, as the API wants). */
    final class Client implements WebSocket.Listener {
        WebSocket ws;
        String url;
        String wanted;
        volatile String lobby;
        volatile long id;
        final CompletableFuture<Void> joined = new CompletableFuture<>();
        private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                onMessage(partial.toString());
                partial.setLength(0);
            }
            w.request(1);
            return null;
        }

        private void onMessage(String text) {
            JsonObject o = JsonParser.parseString(text).getAsJsonObject();
            int type = o.get("type").getAsInt();
            String data = o.get("data").getAsString();
            if (type == 1) {
                id = o.get("id").getAsLong();
            } else if (type == 0) {
                lobby = data;
                joined.complete(null);
            } else if (type >= 4 && type <= 6) {
                long sent = Long.parseLong(data.substring(0, data.indexOf(';')));
                int i = received.getAndIncrement();
                if (i < latencies.length) {
                    latencies[i] = System.nanoTime() - sent;
                }
                done.countDown();
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
            joined.completeExceptionally(new IllegalStateException("closed " + code + " " + reason));
            return null;
        }

        synchronized void send(int type, long to, String data) {
            String text = "{\"type\":" + type + ",\"id\":" + to + ",\"data\":\"" + data + "\"}";
            sending = sending.thenCompose(v -> ws.sendText(text, true));
        }
    }

    private Client open(String url, String lobby) {
        Client c = new Client();
        c.url = url;
        c.wanted = lobby;
        c.ws = http.newWebSocketBuilder().buildAsync(URI.create(url), c).join();
        c.send(0, 0, lobby);
        return c;
    }

    /** Opens every client: a host per lobby through {@code urls[0]}, its peers round the urls. */
    void join(String... urls) throws Exception {
        List<Client> hosts = new ArrayList<>();
        for (int l = 0; l < lobbies; l += OPENING) {
            List<Client> batch = new ArrayList<>();
            for (int i = l; i < Math.min(lobbies, l + OPENING); i++) {
                batch.add(open(urls[0], ""));
            }
            hosts.addAll(joined(batch));
        }
        clients.addAll(hosts);
        List<Client> batch = new ArrayList<>();
        int n = 0;
        for (Client host : hosts) {
            for (int p = 1; p < perLobby; p++) {
                batch.add(open(urls[n++ % urls.length], host.lobby));
                if (batch.size() == OPENING) {
                    await(batch);
                }
            }
        }
        await(batch);
    }

    private void await(List<Client> batch) throws Exception {
        clients.addAll(joined(batch));
        batch.clear();
    }

    /**
     * The batch once joined. A client the lobby closed for joining late (its 1 s, which a loaded
     * machine can miss) connects again, as a game would; a second failure ends the bench.
     */
    private List<Client> joined(List<Client> batch) throws Exception {
        List<Client> out = new ArrayList<>();
        for (Client c : batch) {
            try {
                c.joined.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                retries.incrementAndGet();
                c = open(c.url, c.wanted);
                c.joined.get(30, TimeUnit.SECONDS);
            }
            out.add(c);
        }
        return out;
    }

    /** Clients that had to connect again. */
    final AtomicInteger retries = new AtomicInteger();

    int size() {
        return clients.size();
    }

    /**
     * Every client sends its messages to the next peer of its lobby, spread at random over
     * {@code spreadMs} (0: all at once); answers the latencies in microseconds, sorted, and the
     * wall time until the last arrived.
     */
    double[] relay(long spreadMs, int offerBytes, int candidateBytes) throws Exception {
        int total = clients.size() * PER_CLIENT;
        latencies = new long[total];
        received.set(0);
        done = new CountDownLatch(total);
        String offer = "x".repeat(offerBytes);
        String candidate = "c".repeat(candidateBytes);
        ScheduledExecutorService pace = Executors.newScheduledThreadPool(2);
        long start = System.nanoTime();
        try {
            for (int l = 0; l < clients.size() / perLobby; l++) {
                for (int p = 0; p < perLobby; p++) {
                    Client from = clients.get(index(l, p));
                    Client to = clients.get(index(l, (p + 1) % perLobby));
                    long dest = to.id;
                    for (int m = 0; m < PER_CLIENT; m++) {
                        int type = m == 0 ? 4 : m == 1 ? 5 : 6;
                        String body = m < 2 ? offer : candidate;
                        Runnable send = () -> from.send(type, dest, System.nanoTime() + ";" + body);
                        if (spreadMs == 0) {
                            send.run();
                        } else {
                            pace.schedule(send, ThreadLocalRandom.current().nextLong(spreadMs), TimeUnit.MILLISECONDS);
                        }
                    }
                }
            }
            if (!done.await(spreadMs + 120_000, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("only " + received.get() + " of " + total + " messages arrived");
            }
        } finally {
            pace.shutdownNow();
        }
        double wallMs = (System.nanoTime() - start) / 1e6;
        double[] us = Arrays.stream(latencies).mapToDouble(ns -> ns / 1e3).sorted().toArray();
        double[] out = Arrays.copyOf(us, us.length + 1);
        out[us.length] = wallMs;
        return out;
    }

    /** Hosts come first in {@link #clients}, then each lobby's peers in order. */
    private int index(int lobby, int p) {
        return p == 0 ? lobby : lobbies + lobby * (perLobby - 1) + (p - 1);
    }

    @Override
    public void close() {
        for (Client c : clients) {
            c.ws.abort();
        }
    }
}
