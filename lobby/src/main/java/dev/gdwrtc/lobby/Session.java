package dev.gdwrtc.lobby;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One WebSocket connection: its member, its rate limit, and its operations, which run one after
 * another (a store may answer later, as Redis does) so a peer's messages keep their order.
 */
final class Session {
    final Channel channel;
    final Member member;
    final RateLimit rate;
    private final Consumer<Throwable> onError;
    private final AtomicBoolean closing = new AtomicBoolean();
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private volatile boolean joinRequested;

    Session(Channel channel, Member member, RateLimit rate, Consumer<Throwable> onError) {
        this.channel = channel;
        this.member = member;
        this.rate = rate;
        this.onError = onError;
    }

    boolean joinRequested() {
        return joinRequested;
    }

    /** Marks the one JOIN a connection may send; false if it sent one already. */
    boolean requestJoin() {
        if (joinRequested) {
            return false;
        }
        joinRequested = true;
        return true;
    }

    boolean closing() {
        return closing.get();
    }

    /** Whether the socket is gone (the peer left): Netty reports such a channel unwritable too. */
    boolean gone() {
        return !channel.isActive();
    }

    /** Runs {@code op} after the previous operations; skipped once the connection is closing. */
    void then(Supplier<CompletionStage<Void>> op) {
        chain(() -> closing() ? CompletableFuture.completedFuture(null) : op.get());
    }

    /** Runs {@code op} after the previous operations, even on a closing connection (its leave). */
    void chain(Supplier<CompletionStage<Void>> op) {
        synchronized (this) {
            if (tail.isDone()) {
                // Nothing pending (always so in memory, mostly so on Redis): run it now, and keep
                // the completed tail if it completed too, rather than two more futures per message.
                CompletableFuture<Void> now;
                try {
                    now = op.get().toCompletableFuture();
                } catch (RuntimeException e) {
                    onError.accept(e);
                    return;
                }
                if (!now.isDone() || now.isCompletedExceptionally()) {
                    tail = now.exceptionally(this::failed);
                }
                return;
            }
            tail = tail.thenCompose(v -> {
                        try {
                            return op.get();
                        } catch (RuntimeException e) {
                            return CompletableFuture.failedFuture(e);
                        }
                    })
                    .exceptionally(this::failed);
        }
    }

    private Void failed(Throwable e) {
        onError.accept(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
        return null;
    }

    /**
     * Queues a message for the peer; null (and nothing queued) if the connection is closing or
     * its queue is past --max-unsent, which the caller answers by closing it.
     */
    ChannelFuture send(int type, long id, String data) {
        if (closing() || !channel.isWritable()) {
            return null;
        }
        return channel.writeAndFlush(new TextWebSocketFrame(Frame.encode(channel.alloc(), type, id, data)));
    }

    /**
     * Sends nothing more and drops the socket after the close frame, or after FORCE_CLOSE_MS at
     * the latest; false if the connection was closing already.
     */
    boolean closeHard(int code, String reason) {
        if (!closing.compareAndSet(false, true)) {
            return false; // closing already
        }
        channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
        channel.eventLoop().schedule(() -> channel.close(), LobbyServer.FORCE_CLOSE_MS, TimeUnit.MILLISECONDS);
        return true;
    }

    /**
     * Sends a close frame, once; Netty closes the socket when the client answers it or after
     * LobbyServer's force-close time, so the client reads our reason even while it was still sending.
     */
    void close(int code, String reason) {
        if (closing.compareAndSet(false, true)) {
            channel.writeAndFlush(new CloseWebSocketFrame(code, reason));
        }
    }
}
