package dev.gdwrtc.core.rtc;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A data channel's received packets, waiting to be read, bounded in memory: at most
 * {@link #CHANNEL_LIMIT} bytes per channel and {@link ChannelGroup#CONNECTION_LIMIT} per connection,
 * each packet counted with {@link #PACKET_OVERHEAD} bytes beside its payload (so empty packets are
 * bounded too). A remote that sends faster than the game reads cannot grow the heap past these.
 * Written on libwebrtc's network thread, read on the owner's.
 */
final class ReceiveQueue {
    /** Bytes of unread packets one channel may hold. */
    static final long CHANNEL_LIMIT = 4L * 1024 * 1024;
    /** What a queued packet costs beside its payload (its array, record and queue node). */
    static final int PACKET_OVERHEAD = 64;

    record Packet(byte[] data, boolean text) {}

    private final ConcurrentLinkedQueue<Packet> packets = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final ChannelGroup group;
    private volatile boolean detached; // closed: no longer charged to the connection

    ReceiveQueue(ChannelGroup group) {
        this.group = group;
    }

    /**
     * Reserves room for a packet of {@code length} bytes before it is copied; false (and counted
     * as dropped) when this channel or its connection holds its limit of unread packets.
     */
    boolean reserve(int length) {
        long cost = (long) length + PACKET_OVERHEAD;
        if (bytes.addAndGet(cost) > CHANNEL_LIMIT) {
            bytes.addAndGet(-cost);
            dropped.incrementAndGet();
            return false;
        }
        if (!group.reserve(cost)) {
            bytes.addAndGet(-cost);
            dropped.incrementAndGet();
            return false;
        }
        return true;
    }

    /** Gives back a reservation whose packet could not be made (the allocation failed). */
    void unreserve(int length) {
        long cost = (long) length + PACKET_OVERHEAD;
        bytes.addAndGet(-cost);
        group.release(cost);
    }

    /** Queues a packet {@link #reserve reserved} before. */
    void add(byte[] data, boolean text) {
        packets.add(new Packet(data, text));
        count.incrementAndGet();
    }

    Packet peek() {
        return packets.peek();
    }

    /** Removes the head packet (the one {@link #peek} returned) and frees its room. */
    synchronized void remove() {
        Packet p = packets.poll();
        if (p != null) {
            count.decrementAndGet();
            long cost = (long) p.data.length + PACKET_OVERHEAD;
            bytes.addAndGet(-cost);
            if (!detached) {
                group.release(cost);
            }
        }
    }

    int size() {
        return count.get();
    }

    long bytes() {
        return bytes.get();
    }

    long dropped() {
        return dropped.get();
    }

    /**
     * The channel closed: its unread packets stay readable (a peer may send a last packet and
     * close), but no longer count against the connection, which may outlive this channel.
     */
    synchronized void detach() {
        if (!detached) {
            detached = true;
            group.release(bytes.get());
        }
    }
}
