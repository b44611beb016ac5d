package dev.gdwrtc.core.rtc;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The live data channels of one peer connection and the receive memory they share. A closed
 * channel leaves the group (so a remote opening and closing channels in a loop keeps it small);
 * a reliable channel over its limit makes the group ask its connection to close, once.
 */
final class ChannelGroup {
    /** Bytes of unread packets all channels of one connection may hold together. */
    static final long CONNECTION_LIMIT = 32L * 1024 * 1024;
    /**
     * Bytes the send queues of one connection's channels may hold together: a level or a world
     * put in one frame (tens of MiB; a 20,000-RPC world sync is about 1 MiB) fits, as it does in
     * webrtc-native, which has no bound; half the process's bound, so two such bursts fill it.
     */
    static final long CONNECTION_SEND_LIMIT = Math.min(64L * 1024 * 1024, ProcessMemory.SEND_LIMIT);

    final List<WebRtcJavaDataChannel> channels = new CopyOnWriteArrayList<>();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong sendBytes = new AtomicLong();
    private final AtomicBoolean overflowed = new AtomicBoolean();
    private final Consumer<String> onOverflow;
    private final Consumer<String> onWarning;

    /**
     * @param onOverflow told once, with a message, that a reliable channel could not keep a packet
     *                   (the connection must close: a reliable stream cannot skip one)
     * @param onWarning  told, with a message, the first time each channel drops an unreliable packet
     */
    ChannelGroup(Consumer<String> onOverflow, Consumer<String> onWarning) {
        this.onOverflow = onOverflow;
        this.onWarning = onWarning;
    }

    /** Room for an unread packet in this connection's and the process's receive bounds. */
    boolean reserve(long cost) {
        if (!ProcessMemory.reserve(bytes, cost, CONNECTION_LIMIT)) {
            return false;
        }
        if (!ProcessMemory.reserve(ProcessMemory.receiveQueued, cost, ProcessMemory.RECEIVE_LIMIT)) {
            bytes.addAndGet(-cost);
            return false;
        }
        return true;
    }

    void release(long cost) {
        bytes.addAndGet(-cost);
        ProcessMemory.receiveQueued.addAndGet(-cost);
    }

    /** Room for a packet to send in this connection's and the process's send bounds. */
    boolean reserveSend(long cost) {
        if (!ProcessMemory.reserve(sendBytes, cost, CONNECTION_SEND_LIMIT)) {
            return false;
        }
        if (!ProcessMemory.reserve(ProcessMemory.sendQueued, cost, ProcessMemory.SEND_LIMIT)) {
            sendBytes.addAndGet(-cost);
            return false;
        }
        return true;
    }

    void releaseSend(long cost) {
        sendBytes.addAndGet(-cost);
        ProcessMemory.sendQueued.addAndGet(-cost);
    }

    long sendBytes() {
        return sendBytes.get();
    }

    long bytes() {
        return bytes.get();
    }

    void add(WebRtcJavaDataChannel ch) {
        channels.add(ch);
    }

    /** The channel closed: it leaves the group and its unread packets are freed. */
    void closed(WebRtcJavaDataChannel ch) {
        channels.remove(ch);
    }

    void reliableOverflow(String label) {
        if (overflowed.compareAndSet(false, true)) {
            onOverflow.accept("The remote peer sent more than the receive limit (" + ReceiveLimit.RELIABLE_LIMIT
                    + " bytes per channel, " + CONNECTION_LIMIT + " per connection, " + ProcessMemory.RECEIVE_LIMIT
                    + " per process) of unread packets on reliable channel '"
                    + label + "': closing the connection. Read packets every frame.");
        }
    }

    void outOfMemory(String label) {
        if (overflowed.compareAndSet(false, true)) {
            onOverflow.accept("The Java heap is exhausted: a packet on reliable channel '" + label
                    + "' could not be kept; closing the connection.");
        }
    }

    void unreliableDropped(String label) {
        onWarning.accept("Data channel '" + label + "' dropped received packets: more than the receive limit ("
                + ReceiveLimit.UNRELIABLE_LIMIT + " bytes per channel, " + CONNECTION_LIMIT + " per connection, "
                + ProcessMemory.RECEIVE_LIMIT + " per process) was waiting to be read.");
    }
}
