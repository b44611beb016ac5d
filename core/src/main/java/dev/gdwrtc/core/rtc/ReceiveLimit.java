package dev.gdwrtc.core.rtc;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The receive memory bound of one data channel: at most {@link #RELIABLE_LIMIT} (reliable) or
 * {@link #UNRELIABLE_LIMIT} bytes of unread
 * packets per channel and {@link ChannelGroup#CONNECTION_LIMIT} per connection, each packet counted
 * with {@link #PACKET_OVERHEAD} bytes beside its payload (so empty packets are bounded too). A remote
 * that sends faster than the game reads cannot grow the heap past these. Reserved on libwebrtc's
 * network thread before a packet is queued, released on the owner's thread when it is read.
 */
final class ReceiveLimit {
    /**
     * Bytes of unread packets a reliable channel may hold before its connection must close: many
     * times what a sender of ours keeps in flight (WebRtcJavaDataChannel.RELIABLE_HIGH_WATER plus
     * its outbox), so a burst that lands while the game is busy for a few frames fits.
     */
    static final long RELIABLE_LIMIT = 16L * 1024 * 1024;
    /** Bytes of unread packets an unreliable channel may hold; beyond, packets are dropped. */
    static final long UNRELIABLE_LIMIT = 4L * 1024 * 1024;
    /** What a queued packet costs beside its payload: its header in the queue. */
    static final int PACKET_OVERHEAD = PacketQueue.HEADER;

    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final ChannelGroup group;
    private final long limit;
    private boolean detached; // guarded by this: closed, no longer charged to the connection

    ReceiveLimit(ChannelGroup group, boolean reliable) {
        this.group = group;
        this.limit = reliable ? RELIABLE_LIMIT : UNRELIABLE_LIMIT;
    }

    /**
     * Reserves room for a packet of {@code length} bytes before it is queued; false (and counted
     * as dropped) when this channel or its connection holds its limit of unread packets.
     */
    boolean reserve(int length) {
        long cost = (long) length + PACKET_OVERHEAD;
        if (bytes.addAndGet(cost) > limit) {
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

    /** Frees a reservation: its packet was read, or could not be queued (no memory). */
    synchronized void release(int length) {
        long cost = (long) length + PACKET_OVERHEAD;
        bytes.addAndGet(-cost);
        if (!detached) {
            group.release(cost);
        }
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
