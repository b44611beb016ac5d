package dev.gdwrtc.tests.network;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP forwarder that holds every datagram a fixed time each way: the delay `tc netem` would add,
 * which this kernel lacks (and nftables cannot delay). Placed in front of a TURN server, it makes
 * one peer's whole path longer by twice the delay per round trip. Each client address gets its own
 * upstream socket, so the server sees one 5-tuple per client, as without the forwarder. Runs in the
 * test JVM's namespace; every address it uses is one the test gives it.
 */
final class DelayForwarder implements AutoCloseable {
    private final DatagramChannel front;
    private final InetSocketAddress target;
    private final Selector selector;
    private final Map<SocketAddress, DatagramChannel> upstream = new HashMap<>(); // selector thread only
    private final ScheduledThreadPoolExecutor later = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "delay-forwarder-send");
        t.setDaemon(true);
        return t;
    });
    private final Thread receiver;
    private volatile long delayMicros;
    final AtomicLong forwarded = new AtomicLong();

    /** Listens on {@code listen}, forwards to {@code target}, holding each datagram {@code delayMs}. */
    DelayForwarder(InetSocketAddress listen, InetSocketAddress target, long delayMs) throws IOException {
        this.target = target;
        this.delayMicros = delayMs * 1000;
        selector = Selector.open();
        front = DatagramChannel.open().bind(listen);
        front.configureBlocking(false);
        front.register(selector, SelectionKey.OP_READ);
        receiver = new Thread(this::run, "delay-forwarder");
        receiver.setDaemon(true);
        receiver.start();
    }

    void delayMs(long ms) {
        delayMicros = ms * 1000;
    }

    private void run() {
        ByteBuffer buf = ByteBuffer.allocate(65536);
        try {
            while (selector.isOpen()) {
                selector.select();
                for (SelectionKey k : selector.selectedKeys()) {
                    DatagramChannel ch = (DatagramChannel) k.channel();
                    SocketAddress from;
                    while ((from = receive(ch, buf)) != null) {
                        byte[] data = new byte[buf.flip().remaining()];
                        buf.get(data);
                        if (ch == front) {
                            DatagramChannel up = upstream.computeIfAbsent(from, this::open);
                            if (up != null) {
                                send(up, data, target);
                            }
                        } else {
                            send(front, data, (SocketAddress) k.attachment());
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | ClosedSelectorException e) {
            // closed
        }
    }

    private static SocketAddress receive(DatagramChannel ch, ByteBuffer buf) throws IOException {
        buf.clear();
        return ch.receive(buf);
    }

    /** An upstream socket for one client, on the address the forwarder listens on. */
    private DatagramChannel open(SocketAddress client) {
        try {
            DatagramChannel up = DatagramChannel.open().bind(new InetSocketAddress(((InetSocketAddress) front.getLocalAddress()).getAddress(), 0));
            up.configureBlocking(false);
            up.register(selector, SelectionKey.OP_READ, client);
            return up;
        } catch (IOException e) {
            return null;
        }
    }

    private void send(DatagramChannel ch, byte[] data, SocketAddress to) {
        later.schedule(() -> {
            try {
                ch.send(ByteBuffer.wrap(data), to);
                forwarded.incrementAndGet();
            } catch (IOException e) {
                // a lost datagram, as on a real path
            }
        }, delayMicros, TimeUnit.MICROSECONDS);
    }

    @Override
    public void close() throws Exception {
        later.shutdownNow();
        selector.close();
        receiver.join(5000);
        front.close();
        for (DatagramChannel c : upstream.values()) {
            if (c != null) {
                c.close();
            }
        }
    }
}
