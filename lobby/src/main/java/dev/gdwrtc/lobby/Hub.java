package dev.gdwrtc.lobby;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's connections: admits them (limits, token), turns their messages into store operations,
 * and hands the store's deliveries to the connections they are for.
 */
final class Hub implements Consumer<Delivery> {
    private static final Logger log = LoggerFactory.getLogger(Hub.class);

    private final LobbyStore store;
    private final Limits limits;
    private final Tokens tokens;
    private final Metrics metrics;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final Map<Long, Session> byId = new ConcurrentHashMap<>();

    Hub(LobbyStore store, Limits limits, Tokens tokens, Metrics metrics) {
        this.store = store;
        this.limits = limits;
        this.tokens = tokens;
        this.metrics = metrics;
    }

    /** A WebSocket handshake completed. */
    Session open(Channel channel, String uri) {
        String address = ((InetSocketAddress) channel.remoteAddress()).getAddress().getHostAddress();
        Session[] self = new Session[1];
        Member member = new Member(address, id -> byId.put(id, self[0]));
        Session s = new Session(channel, member, new RateLimit(limits.messagesPerSecond(), limits.messageBurst()), e -> fail(self[0], e));
        self[0] = s;
        // Pinged every PING_INTERVAL_MS as the demo's server does, on its own event loop from a
        // random first time: never all connections in one burst that would delay the relays.
        var ping = channel.eventLoop().scheduleAtFixedRate(() -> channel.writeAndFlush(new PingWebSocketFrame()),
                ThreadLocalRandom.current().nextLong(Protocol.PING_INTERVAL_MS / 2), Protocol.PING_INTERVAL_MS, TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(f -> ping.cancel(false));
        sessions.add(s);
        metrics.connections.incrementAndGet();
        if (sessions.size() > limits.maxConnections()) {
            fail(s, new ProtocolError(Protocol.TOO_MANY_PEERS));
        } else if (tokens != null && !tokens.valid(token(uri), System.currentTimeMillis() / 1000)) {
            fail(s, new ProtocolError(Protocol.BAD_TOKEN));
        } else {
            channel.eventLoop().schedule(() -> {
                if (!s.joinRequested()) {
                    fail(s, new ProtocolError(Protocol.NO_LOBBY));
                }
            }, Protocol.JOIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
        return s;
    }

    private static String token(String uri) {
        List<String> t = new QueryStringDecoder(uri).parameters().get("token");
        return t == null || t.isEmpty() ? null : t.get(0);
    }

    /** A text frame's UTF-8: rate-limited, parsed, then run after the connection's earlier operations. */
    void onText(Session s, ByteBuf text) {
        if (s.closing()) {
            return;
        }
        if (!s.rate.take()) {
            fail(s, new ProtocolError(Protocol.RATE_LIMITED));
            return;
        }
        Frame f;
        try {
            f = Frame.parse(text);
        } catch (ProtocolError e) {
            fail(s, e);
            return;
        }
        long received = System.nanoTime();
        s.then(() -> operation(s, f, received));
    }

    private CompletionStage<Void> operation(Session s, Frame f, long received) {
        Member m = s.member;
        if (f.type() == Protocol.JOIN) {
            if (!s.requestJoin()) {
                throw new ProtocolError(Protocol.ALREADY_IN_LOBBY);
            }
            return store.join(m, f.data(), f.id() == 0).thenRun(() -> log.atInfo()
                    .addKeyValue("peer", m.id())
                    .addKeyValue("lobby", m.lobby())
                    .addKeyValue("address", m.address())
                    .log("joined"));
        }
        if (!m.joined()) {
            throw new ProtocolError(Protocol.NEED_LOBBY);
        }
        return switch (f.type()) {
            case Protocol.SEAL -> store.seal(m).thenRun(() -> sealTimer(s, m.lobby()));
            case Protocol.OFFER, Protocol.ANSWER, Protocol.CANDIDATE -> store.relay(m, f.type(), f.id(), f.data())
                    .thenRun(() -> metrics.relayIn(System.nanoTime() - received));
            default -> throw new ProtocolError(Protocol.INVALID_CMD);
        };
    }

    private void sealTimer(Session s, String lobby) {
        log.atInfo().addKeyValue("lobby", lobby).log("sealed");
        s.channel.eventLoop().schedule(() -> store.sealExpired(lobby), Protocol.SEAL_CLOSE_MS, TimeUnit.MILLISECONDS);
    }

    /** The connection is gone: its peer leaves its lobby (after its pending operations). */
    void closed(Session s) {
        if (!sessions.remove(s)) {
            return;
        }
        metrics.connections.decrementAndGet();
        Member m = s.member;
        s.chain(() -> s.joinRequested() ? store.leave(m) : CompletableFuture.completedFuture(null));
        s.chain(() -> {
            byId.remove(m.id(), s);
            return CompletableFuture.completedFuture(null);
        });
    }

    void fail(Session s, Throwable e) {
        String reason;
        if (e instanceof ProtocolError p) {
            reason = p.reason();
            log.atInfo().addKeyValue("peer", s.member.id()).addKeyValue("address", s.member.address())
                    .addKeyValue("reason", reason).log("closing connection");
        } else {
            reason = Protocol.UNAVAILABLE;
            log.atError().addKeyValue("peer", s.member.id()).setCause(e).log("store failed");
        }
        if (!s.closing()) {
            metrics.error(reason);
        }
        s.close(Protocol.CLOSE_ERROR, reason);
    }

    /**
     * A delivery from the store, for one of this node's peers (or for one gone already): queued on
     * its connection's event loop, even from that loop itself, so the store's lock (MemoryStore)
     * is held for a queue insert, not a socket write, and each loop sends in the store's order.
     */
    @Override
    public void accept(Delivery d) {
        Session s = byId.get(d.to());
        if (s == null) {
            return;
        }
        long handed = System.nanoTime();
        try {
            s.channel.eventLoop().execute(() -> deliver(s, d, handed));
        } catch (RejectedExecutionException stopping) {
            // the node is stopping: its connections are closed already
        }
    }

    private void deliver(Session s, Delivery d, long handed) {
        if (d.isClose()) {
            s.close((int) d.id(), d.data());
            return;
        }
        ChannelFuture sent = s.send(d.type(), d.id(), d.data());
        if (sent == null && s.gone()) {
            return; // it left: its channel's close handler announces that, not a slow reader's close
        }
        if (sent == null) {
            // Past --max-unsent: it does not read; queue nothing more, drop it (once).
            if (s.closeHard(Protocol.CLOSE_ERROR, Protocol.NOT_READING)) {
                log.atInfo().addKeyValue("peer", s.member.id()).addKeyValue("address", s.member.address())
                        .addKeyValue("reason", Protocol.NOT_READING).log("closing connection");
                metrics.error(Protocol.NOT_READING);
            }
            return;
        }
        if (d.type() >= Protocol.OFFER && d.type() <= Protocol.CANDIDATE) {
            metrics.relayed();
            sent.addListener(w -> metrics.relayOut(System.nanoTime() - handed));
        }
    }

    /** Closes every connection (the store lost this node's lobby state). */
    void closeAll() {
        sessions.forEach(s -> fail(s, new ProtocolError(Protocol.UNAVAILABLE)));
    }
}
