package dev.gdwrtc.lobby;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;

/**
 * The WebSocket endpoint (any path; ws://, or wss:// with a certificate), on Netty. Each connection:
 * [TLS], HTTP for the handshake (bounded), WebSocket frames of at most maxMessageBytes, whole
 * messages (fragments joined, within the same bound), then {@link SignalHandler}.
 */
final class LobbyServer implements AutoCloseable {
    /** The handshake request: headers only, and small ones. */
    private static final int MAX_HANDSHAKE_BYTES = 8192;

    private static final long HANDSHAKE_TIMEOUT_MS = 5000;

    /** After our close frame, the client has this long to answer it before the socket is closed. */
    static final long FORCE_CLOSE_MS = 2000;

    private final EventLoopGroup group;
    private final int threads;
    private final ChannelGroup connections;
    private Channel channel;

    /**
     * {@code threads} event loops (0: one per processor, not Netty's two: fewer threads to
     * schedule and fewer relays crossing to another loop, which costs a wakeup each).
     */
    LobbyServer(int threads) {
        this.threads = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        group = new MultiThreadIoEventLoopGroup(this.threads, NioIoHandler.newFactory());
        connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    }

    /** The event loops, for the Redis client to share (RedisStore): they stay up until {@link #close()}. */
    SharedLoops loops() {
        return new SharedLoops(group, threads);
    }

    int start(InetSocketAddress address, Hub hub, Limits limits, SslContext tls) throws InterruptedException {
        WebSocketServerProtocolConfig ws = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(true)
                .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MS)
                .forceCloseTimeoutMillis(FORCE_CLOSE_MS)
                .decoderConfig(WebSocketDecoderConfig.newBuilder()
                        .maxFramePayloadLength(limits.maxMessageBytes())
                        .allowExtensions(false)
                        .closeOnProtocolViolation(false)
                        .build())
                .build();
        channel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark(limits))
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ChannelPipeline p = ch.pipeline();
                        if (tls != null) {
                            p.addLast(tls.newHandler(ch.alloc()));
                        }
                        p.addLast(new HttpServerCodec(4096, MAX_HANDSHAKE_BYTES, MAX_HANDSHAKE_BYTES));
                        p.addLast(new HttpObjectAggregator(MAX_HANDSHAKE_BYTES));
                        p.addLast(new WebSocketServerProtocolHandler(ws));
                        p.addLast(new WebSocketFrameAggregator(limits.maxMessageBytes()));
                        p.addLast(new SignalHandler(hub));
                    }
                })
                .bind(address)
                .sync()
                .channel();
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /**
     * A connection turns unwritable past --max-unsent bytes queued and not yet taken by its socket
     * (what the kernel's send buffer holds is not counted): a peer that does not read what we send
     * it; Session drops it there, so its queue, and our memory, stays bounded.
     */
    static WriteBufferWaterMark waterMark(Limits limits) {
        int high = Math.max(1, limits.maxUnsentBytes());
        return new WriteBufferWaterMark(high / 2, high);
    }

    /** Stops listening and closes every connection; the loops run on (the store may still need them). */
    void disconnect() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        connections.close().awaitUninterruptibly(2, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        disconnect();
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
