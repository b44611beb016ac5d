package dev.gdwrtc.tests.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The lobby's load (LobbyBench): lobbies of WebSocket clients that join, then each relay an offer,
 * an answer and candidates to the next peer of their lobby, stamped with the time each was due so
 * the receiver measures the relay latency from it. Netty's WebSocket client on {@link #THREADS} event loop
 * threads for all the clients, so the load generator itself costs little next to the server it
 * measures: the sends go in due order from one task on that loop, each stamped with its due time
 * and the time it went, and each arrival is timed as its frame is decoded. Bounded: a fixed number of clients and messages, and
 * every wait has a limit.
 */
final class LobbyLoad implements AutoCloseable {
    static final int CANDIDATES = 10;
    static final int PER_CLIENT = 2 + CANDIDATES;
    /** Event loop threads of all the clients. */
    static final int THREADS = 1;
    /** Connections being opened at once. */
    private static final int OPENING = 200;
    private static final long JOIN_WAIT_S = 60;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(THREADS, NioIoHandler.newFactory());
    private final List<Client> clients = new ArrayList<>();
    private final int lobbies;
    private final int perLobby;
    /** Per arrival of the last {@link #relay}: from the send's intended time to its arrival, ns. */
    private volatile long[] latencies = new long[0];
    /** Per arrival: how late the client itself sent it (actual less intended send time), ns. */
    private volatile long[] lateSends = new long[0];
    private volatile long[] sentAt = new long[0];
    private final AtomicInteger received = new AtomicInteger();
    private volatile CountDownLatch done = new CountDownLatch(0);
    /** Clients that had to connect again. */
    final AtomicInteger retries = new AtomicInteger();

    LobbyLoad(int lobbies, int perLobby) {
        this.lobbies = lobbies;
        this.perLobby = perLobby;
    }

    /** One client: its connection, the lobby it asked for and got, its id there. */
    final class Client extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        final String url;
        final String wanted;
        Channel channel;
        volatile String lobby;
        volatile long id;
        final CompletableFuture<Void> joined = new CompletableFuture<>();

        Client(String url, String wanted) {
            this.url = url;
            this.wanted = wanted;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                ctx.writeAndFlush(new TextWebSocketFrame("{\"type\":0,\"id\":0,\"data\":\"" + wanted + "\"}"));
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            long now = System.nanoTime();
            // The server writes {"type":T,"id":I,"data":"..."} (Frame.encode); only the relays are
            // timed, so their stamp is read straight from the frame's bytes, without decoding the
            // whole message into a String (the clients' garbage, and so their GC pauses, counts in
            // every latency).
            ByteBuf bytes = frame.content();
            int at = bytes.readerIndex();
            int type = bytes.getByte(at + 8) - '0';
            if (type >= 4 && type <= 6) {
                int d = bytes.indexOf(at + 8, bytes.writerIndex(), (byte) ':');
                d = bytes.indexOf(d + 1, bytes.writerIndex(), (byte) ':') + 2; // after "data":"
                int semi = bytes.indexOf(d, bytes.writerIndex(), (byte) ';');
                long due = digits(bytes, d, semi);
                long sent = digits(bytes, semi + 1, bytes.indexOf(semi + 1, bytes.writerIndex(), (byte) ';'));
                int i = received.getAndIncrement();
                long[] l = latencies;
                if (i < l.length) {
                    l[i] = now - due;
                    lateSends[i] = sent - due;
                    sentAt[i] = due;
                }
                done.countDown();
                return;
            }
            var o = com.google.gson.JsonParser.parseString(frame.text()).getAsJsonObject();
            if (type == 1) {
                id = o.get("id").getAsLong();
            } else if (type == 0) {
                lobby = o.get("data").getAsString();
                joined.complete(null);
            }
        }

        /** The decimal number in bytes [from, to). */
        private static long digits(ByteBuf b, int from, int to) {
            long v = 0;
            for (int i = from; i < to; i++) {
                v = v * 10 + (b.getByte(i) - '0');
            }
            return v;
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            joined.completeExceptionally(new IllegalStateException("closed before joining"));
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            joined.completeExceptionally(cause);
            ctx.close();
        }

        /**
         * Sends a relay to peer {@code to}, stamped with the time it was due and the time it went
         * (on the connection's event loop): latency counts from the due time, so a client that
         * sends late (its loop starved) does not hide the delay (no coordinated omission).
         */
        void relay(int type, long to, byte[] body, long due) {
            ByteBuf b = channel.alloc().buffer(body.length + 96);
            b.writeCharSequence("{\"type\":" + type + ",\"id\":" + to + ",\"data\":\"" + due + ";" + System.nanoTime() + ";",
                    StandardCharsets.US_ASCII);
            b.writeBytes(body).writeByte('"').writeByte('}');
            channel.writeAndFlush(new TextWebSocketFrame(b));
        }
    }

    private Client open(String url, String lobby) {
        Client c = new Client(url, lobby);
        URI uri = URI.create(url);
        WebSocketClientProtocolConfig ws = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .maxFramePayloadLength(1 << 20)
                .withUTF8Validator(false) // the node's frames, which the protocol tests check; it cost the clients a fifth of their CPU
                .handshakeTimeoutMillis(30_000)
                .build();
        c.channel = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                                new WebSocketClientProtocolHandler(ws), new WebSocketFrameAggregator(1 << 20), c);
                    }
                })
                .connect(uri.getHost(), uri.getPort())
                .channel();
        return c;
    }

    /** Opens every client: a host per lobby through {@code urls[0]}, its peers round the urls. */
    void join(String... urls) throws Exception {
        List<Client> hosts = new ArrayList<>();
        List<Client> batch = new ArrayList<>();
        for (int l = 0; l < lobbies; l++) {
            batch.add(open(urls[0], ""));
            if (batch.size() == OPENING) {
                hosts.addAll(joined(batch));
            }
        }
        hosts.addAll(joined(batch));
        clients.addAll(hosts);
        int n = 0;
        for (Client host : hosts) {
            for (int p = 1; p < perLobby; p++) {
                batch.add(open(urls[n++ % urls.length], host.lobby));
                if (batch.size() == OPENING) {
                    clients.addAll(joined(batch));
                }
            }
        }
        clients.addAll(joined(batch));
    }

    /**
     * The batch once joined (and the batch emptied). A client the lobby closed for joining late
     * (its 1 s, which a loaded machine can miss) connects again, as a game would; a second failure
     * ends the bench.
     */
    private List<Client> joined(List<Client> batch) throws Exception {
        List<Client> out = new ArrayList<>();
        for (Client c : batch) {
            try {
                c.joined.get(JOIN_WAIT_S, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                retries.incrementAndGet();
                c = open(c.url, c.wanted);
                c.joined.get(JOIN_WAIT_S, TimeUnit.SECONDS);
            }
            out.add(c);
        }
        batch.clear();
        return out;
    }

    int size() {
        return clients.size();
    }

    /**
     * Every client sends its messages to the next peer of its lobby, each at a random time within
     * {@code spreadMs} (0: all at once).
     */
    Relayed relay(long spreadMs, int offerBytes, int candidateBytes) throws Exception {
        int total = clients.size() * PER_CLIENT;
        latencies = new long[total];
        lateSends = new long[total];
        sentAt = new long[total];
        received.set(0);
        done = new CountDownLatch(total);
        byte[] offer = "x".repeat(offerBytes).getBytes(StandardCharsets.US_ASCII);
        byte[] candidate = "c".repeat(candidateBytes).getBytes(StandardCharsets.US_ASCII);
        // The sends are scheduled by a task on each client's event loop (no wakeup per send), for
        // times counted from a start a little ahead, so setting them up makes none late.
        long start = System.nanoTime() + (spreadMs == 0 ? 0 : 500_000_000L);
        List<Send> sends = new ArrayList<>(total);
        for (int l = 0; l < clients.size() / perLobby; l++) {
            for (int p = 0; p < perLobby; p++) {
                Client from = clients.get(index(l, p));
                long dest = clients.get(index(l, (p + 1) % perLobby)).id;
                for (int m = 0; m < PER_CLIENT; m++) {
                    long delayUs = spreadMs == 0 ? 0 : ThreadLocalRandom.current().nextLong(spreadMs * 1000);
                    sends.add(new Send(from, m == 0 ? 4 : m == 1 ? 5 : 6, dest, m < 2 ? offer : candidate, start + delayUs * 1000));
                }
            }
        }
        sends.sort(java.util.Comparator.comparingLong(Send::due));
        // One task sends whatever is due and schedules itself for the next due time (THREADS is
        // 1: every client's loop), rather than one scheduled task per send in a 60,000-entry queue.
        EventLoop loop = group.next();
        loop.execute(new Runnable() {
            private int next;

            @Override
            public void run() {
                long now = System.nanoTime();
                while (next < sends.size() && sends.get(next).due() <= now) {
                    Send x = sends.get(next++);
                    x.from().relay(x.type(), x.to(), x.body(), x.due());
                }
                if (next < sends.size()) {
                    loop.schedule(this, sends.get(next).due() - now, TimeUnit.NANOSECONDS);
                }
            }
        });
        if (!done.await(spreadMs + 120_000, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("only " + received.get() + " of " + total + " messages arrived");
        }
        double wallMs = (System.nanoTime() - start) / 1e6;
        if (Boolean.getBoolean("lobby.debug")) {
            // the median latency of each second's sends: a queue that grows shows as a slope
            java.util.TreeMap<Long, List<Long>> bySecond = new java.util.TreeMap<>();
            for (int i = 0; i < total; i++) {
                bySecond.computeIfAbsent((sentAt[i] - start) / 1_000_000_000L, k -> new ArrayList<>()).add(latencies[i]);
            }
            bySecond.forEach((sec, l) -> {
                l.sort(null);
                System.out.printf("perf: second %d: %d sent, latency p50 %.1f ms p99 %.1f ms%n", sec, l.size(), l.get(l.size() / 2) / 1e6, l.get((int) (l.size() * 0.99)) / 1e6);
            });
        }
        return new Relayed(micros(latencies), micros(lateSends), wallMs);
    }

    /** One relay to send: from whom, its type, to which peer, its body and when it is due. */
    private record Send(Client from, int type, long to, byte[] body, long due) {}

    private static double[] micros(long[] nanos) {
        return Arrays.stream(nanos).mapToDouble(ns -> ns / 1e3).sorted().toArray();
    }

    /**
     * What one {@link #relay} measured: latencies from each send's intended time to its arrival and
     * how late the client sent, both in microseconds and sorted, and the wall time until the last
     * arrival.
     */
    record Relayed(double[] latencyUs, double[] lateSendUs, double wallMs) {
        int count() {
            return latencyUs.length;
        }

        static double quantile(double[] sorted, double q) {
            return sorted[(int) Math.min(sorted.length - 1, sorted.length * q)];
        }
    }

    /** Hosts come first in {@link #clients}, then each lobby's peers in order. */
    private int index(int lobby, int p) {
        return p == 0 ? lobby : lobbies + lobby * (perLobby - 1) + (p - 1);
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
