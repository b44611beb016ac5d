package dev.gdwrtc.core.rtc;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The process-wide bounds on queued packets, sized from the Java heap (-Xmx: 512 MiB in the
 * addon): what every connection's send queues hold together, and what every connection's unread
 * packets hold together. Each is a quarter of the heap, so both full still leave half of it to
 * everything else, and many slow or hostile peers together cannot exhaust it.
 */
final class ProcessMemory {
    static final long HEAP = Runtime.getRuntime().maxMemory();
    /** Bytes all send queues of the process may hold. */
    static final long SEND_LIMIT = HEAP / 4;
    /** Bytes of unread packets all connections of the process may hold. */
    static final long RECEIVE_LIMIT = HEAP / 4;

    static final AtomicLong sendQueued = new AtomicLong();
    static final AtomicLong receiveQueued = new AtomicLong();

    private ProcessMemory() {}

    /** Adds {@code cost} to {@code counter} unless that passes {@code limit}. */
    static boolean reserve(AtomicLong counter, long cost, long limit) {
        if (counter.addAndGet(cost) > limit) {
            counter.addAndGet(-cost);
            return false;
        }
        return true;
    }
}
