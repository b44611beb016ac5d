package dev.gdwrtc.core.rtc;

import dev.gdwrtc.core.ChannelConfig;
import dev.gdwrtc.core.DataChannel;
import dev.gdwrtc.core.GodotError;
import dev.gdwrtc.core.NativeMemory;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * A webrtc-java data channel with Godot's semantics. Received messages are copied on libwebrtc's
 * thread into an inbox; sends are copied into the channel's send queue, which a {@link Sender}
 * thread drains, so {@code putPacket} returns at once. Both queues are bounded by bytes (see
 * {@link ChannelGroup} and {@link ProcessMemory}), never by a packet count a game reaches in a
 * frame.
 *
 * <p>Between two of our peers ({@link PackingNegotiation}) every message on every channel is a
 * {@link PackedFrames} message: queued packets travel together, up to
 * {@link #PACKED_MESSAGE_BYTES} on a reliable channel and {@link #UNRELIABLE_MESSAGE_BYTES} (one
 * datagram) on an unreliable one. Both ends decide from the connection's agreement alone, not from
 * their own idea of the channel, so channels negotiated differently on each side still deliver
 * intact packets.
 */
public final class WebRtcJavaDataChannel implements DataChannel, RTCDataChannelObserver {
    /**
     * The largest packet: libwebrtc's SCTP max-message-size (256 KiB) less a packed record's header,
     * on every channel alike, so a packet accepted before packing is negotiated still fits after.
     */
    static final int MAX_PACKET_SIZE = 256 * 1024 - PackedFrames.MAX_HEADER;
    /** What get_max_packet_size reports: RFC 8831's safe size, as Godot's webrtc-native does. */
    static final int ADVERTISED_PACKET_SIZE = 16384;
    /**
     * Above this many bytes queued inside libwebrtc, the sender of a reliable channel waits.
     * libwebrtc delivers whatever it queued whether or not the remote's game reads (no
     * receive-side flow control), so this backlog must stay well under the remote's
     * ReceiveLimit.RELIABLE_LIMIT: 8 MiB of small packets, landing while a game was busy for a
     * frame, closed reliable connections.
     */
    static final long RELIABLE_HIGH_WATER = 1024 * 1024;
    /** The same for an unreliable channel, whose receiver drops what exceeds its limit instead. */
    static final long UNRELIABLE_HIGH_WATER = 8L * 1024 * 1024;
    /**
     * A packed message on a reliable channel grows while the next queued packet still fits under
     * this many bytes: enough to spread the per-send cost over hundreds of small packets. 64 KiB
     * sped up 1 KiB packets in short runs (each message is one wake-up of libwebrtc's network
     * thread), but the host of make soak's session then kept 9 MiB more after a world sync.
     */
    static final int PACKED_MESSAGE_BYTES = 16 * 1024;
    /**
     * A packed message on an unreliable channel stays within one SCTP packet (libwebrtc's SCTP MTU
     * is 1191 bytes, less its common and DATA chunk headers), so a lost datagram loses only the
     * packets it carried, as if each had been sent alone.
     */
    static final int UNRELIABLE_MESSAGE_BYTES = 1191 - 12 - 16;

    private final RTCDataChannel channel;
    private final WebRtcJavaRuntime transport;
    private final Sender sender;
    private final String label;
    private final String protocol;
    private final boolean ordered;
    private final boolean negotiated;
    private volatile int id; // an in-band channel's is assigned once its connection negotiates it
    private final int maxPacketLifeTime;
    private final int maxRetransmits;
    private final PackingNegotiation packing;
    /** Only reliable channels pack: one lost message of an unreliable one would lose many packets. */
    private final boolean reliable;
    private final PackedFrames.Sink unpacked;
    private volatile long messagesSent;
    private volatile long messagesReceived;

    private volatile int readyState; // only ever moves forward: see advance
    private static final AtomicIntegerFieldUpdater<WebRtcJavaDataChannel> READY_STATE =
            AtomicIntegerFieldUpdater.newUpdater(WebRtcJavaDataChannel.class, "readyState");
    private volatile long libwebrtcBuffered; // as of the last onBufferedAmountChange
    private volatile int writeMode = WRITE_MODE_BINARY;
    private boolean lastWasString;

    private final PacketQueue inbox = new PacketQueue();
    private final ReceiveLimit limit;
    private final ChannelGroup group;
    private boolean disposed; // guarded by this: no webrtc-java call on the channel after dispose

    private final PacketQueue outbox = new PacketQueue();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile long sendDropped; // unreliable packets refused by the send bounds
    // Callers on several threads take turns reading (uncontended when one thread reads).
    private final Object readLock = new Object();

    /**
     * Made on a thread allowed to call webrtc-java: the transport's, or a libwebrtc callback's.
     * {@code local} is the configuration this side created the channel with; null for a channel
     * the remote side opened.
     */
    WebRtcJavaDataChannel(RTCDataChannel channel, ChannelConfig local, WebRtcJavaRuntime transport, PackingNegotiation packing,
            ChannelGroup group) {
        this.channel = channel;
        this.transport = transport;
        this.sender = transport.sender;
        this.label = channel.getLabel();
        this.protocol = channel.getProtocol();
        this.ordered = channel.isOrdered();
        this.negotiated = channel.isNegotiated();
        this.id = channel.getId();
        this.packing = packing;
        this.group = group;
        this.reliable = channel.isReliable();
        this.limit = new ReceiveLimit(group, reliable);
        // webrtc-java reports an unset lifetime or retransmit limit as 0, like a set 0.
        int life = channel.getMaxPacketLifeTime(), retransmits = channel.getMaxRetransmits();
        if (local != null) {
            life = local.maxPacketLifeTime() < 0 ? UNSPECIFIED : local.maxPacketLifeTime();
            retransmits = local.maxRetransmits() < 0 ? UNSPECIFIED : local.maxRetransmits();
        } else if (reliable) {
            life = retransmits = UNSPECIFIED;
        } else if (life > 0) {
            retransmits = UNSPECIFIED;
        } else {
            life = UNSPECIFIED; // both read 0: maxRetransmits 0 is by far the likelier of the two
        }
        this.maxPacketLifeTime = life;
        this.maxRetransmits = retransmits;
        this.unpacked = this::receive;
        this.readyState = map(channel.getState());
        channel.registerObserver(GuardedObservers.of(this));
        group.add(this);
    }

    private static int map(RTCDataChannelState s) {
        return switch (s) {
            case CONNECTING -> STATE_CONNECTING;
            case OPEN -> STATE_OPEN;
            case CLOSING -> STATE_CLOSING;
            case CLOSED -> STATE_CLOSED;
        };
    }

    // --- libwebrtc's threads ---------------------------------------------------------------

    @Override
    public void onStateChange() {
        int state;
        try {
            state = map(channel.getState());
            if (state == STATE_OPEN) {
                id = channel.getId();
            }
        } catch (Throwable t) {
            state = STATE_CLOSED; // see onMessage: nothing may escape to libwebrtc's thread
        }
        advance(state);
        if (readyState == STATE_CLOSED) {
            // Not from inside this callback: webrtc-java would free the observer running it.
            transport.post(this::dispose);
        }
    }

    /**
     * Moves the state forward to {@code state}, never back: a local close() racing the remote's
     * must not turn the CLOSED libwebrtc just reported back into a CLOSING nothing would end.
     */
    private void advance(int state) {
        int now;
        while ((now = readyState) < state && !READY_STATE.compareAndSet(this, now, state)) {
            // another thread moved it meanwhile: look again
        }
    }

    /**
     * The channel's connection closed (after pc.close()): libwebrtc reports no state change after
     * that, so a channel left OPEN or CLOSING is closed here. Not disposed: that would take its
     * unread packets, which a script may still hold, off the receive bounds.
     */
    void connectionClosed() {
        advance(STATE_CLOSED);
    }

    /** Unregisters and frees the closed channel; it leaves its group (unread packets stay readable). */
    private synchronized void dispose() {
        if (!disposed) {
            disposed = true;
            try {
                channel.unregisterObserver();
                channel.dispose();
            } catch (RuntimeException e) {
                // webrtc-java already freed it with its connection
            }
            limit.detach();
            group.releaseSend(outbox.clear()); // a put racing this is dropped by the next flush
            group.closed(this);
        }
    }

    /** Packets dropped because more than the receive limit was waiting to be read. */
    public long droppedPackets() {
        return limit.dropped();
    }

    @Override
    public void onBufferedAmountChange(long previousAmount) {
        try {
            libwebrtcBuffered = channel.getBufferedAmount();
            if (outbox.count() > 0 && scheduled.compareAndSet(false, true)) {
                sender.schedule(this);
            }
        } catch (Throwable t) {
            // See onMessage.
        }
    }

    @Override
    public void onMessage(RTCDataChannelBuffer buffer) {
        try {
            ByteBuffer data = buffer.data;
            messagesReceived++; // libwebrtc's one thread for this channel is the only writer
            if (packing.active()) {
                // A malformed packed message (a hostile remote) delivers what precedes the fault.
                PackedFrames.unpack(data, unpacked);
            } else {
                receive(data, data.remaining(), !buffer.binary);
            }
        } catch (Throwable t) {
            // webrtc-java rethrows an observer's exception as a C++ one on libwebrtc's thread,
            // which aborts the process: a message we cannot even copy (no memory) is dropped.
        }
    }

    /** Queues one received packet within the receive limit (libwebrtc's thread). */
    private void receive(ByteBuffer data, int length, boolean text) {
        if (!limit.reserve(length)) {
            if (reliable) {
                group.reliableOverflow(label); // a reliable stream cannot skip a packet
            } else if (limit.dropped() == 1) {
                group.unreliableDropped(label);
            }
            return;
        }
        try {
            inbox.add(data, length, text);
        } catch (OutOfMemoryError e) {
            limit.release(length);
            if (reliable) {
                group.outOfMemory(label); // a reliable stream cannot skip the packet
            }
        }
    }

    // --- the owner's thread ------------------------------------------------------------------

    /** OK when a packet of {@code length} bytes may be queued now (its cost reserved), else the error. */
    private int checkPut(int length) {
        if (readyState != STATE_OPEN) {
            return GodotError.fail(GodotError.FAILED, "Data channel '" + label + "' is not open.");
        }
        if (length < 0 || length > MAX_PACKET_SIZE) {
            return GodotError.fail(GodotError.ERR_INVALID_PARAMETER,
                    "Packet of " + length + " bytes exceeds the maximum of " + MAX_PACKET_SIZE + ".");
        }
        if (!group.reserveSend(PacketQueue.cost(length))) {
            if (!reliable) {
                // As a lost datagram: an unreliable packet may be dropped, and the game goes on.
                if (sendDropped++ == 0) {
                    GodotError.print("Data channel '" + label + "' dropped unreliable packets to send: " + sendBoundMessage());
                }
                return DROPPED;
            }
            return GodotError.fail(GodotError.ERR_BUSY, "Send queue of data channel '" + label + "' is full: "
                    + sendBoundMessage() + " Try again later.");
        }
        return GodotError.OK;
    }

    /** checkPut's answer for an unreliable packet dropped at the send bound (putPacket says OK). */
    private static final int DROPPED = -1;

    private String sendBoundMessage() {
        return group.sendBytes() + " bytes of this connection (bound " + ChannelGroup.CONNECTION_SEND_LIMIT + ") and "
                + ProcessMemory.sendQueued.get() + " of all connections (bound " + ProcessMemory.SEND_LIMIT
                + ") are waiting for the network.";
    }

    private int queued() {
        if (scheduled.compareAndSet(false, true)) {
            sender.schedule(this);
        }
        return GodotError.OK;
    }

    @Override
    public int putPacket(byte[] src, int offset, int length) {
        int err = checkPut(length);
        if (err != GodotError.OK) {
            return err == DROPPED ? GodotError.OK : err;
        }
        outbox.add(src, offset, length, writeMode == WRITE_MODE_TEXT);
        return queued();
    }

    @Override
    public int putPacket(long address, int length) {
        int err = checkPut(length);
        if (err != GodotError.OK) {
            return err == DROPPED ? GodotError.OK : err;
        }
        outbox.add(address, length, writeMode == WRITE_MODE_TEXT);
        return queued();
    }

    @Override
    public int availablePacketCount() {
        return inbox.count();
    }

    @Override
    public int nextPacketSize() {
        return inbox.nextLength();
    }

    /** Maps a {@link PacketQueue#take} answer to getPacket's: the length or a negated error. */
    private int taken(int length) {
        if (length == -1) {
            return -GodotError.fail(GodotError.ERR_UNAVAILABLE, "No packet available on data channel '" + label + "'.");
        }
        if (length == -2) {
            return -GodotError.ERR_OUT_OF_MEMORY;
        }
        limit.release(length);
        lastWasString = inbox.lastText();
        return length;
    }

    @Override
    public int getPacket(long address, int capacity) {
        synchronized (readLock) {
            return taken(inbox.take(address, capacity));
        }
    }

    @Override
    public int getPacket(byte[] dst, int offset, int capacity) {
        synchronized (readLock) {
            return taken(inbox.take(dst, offset, capacity));
        }
    }

    /** Unreliable packets this channel dropped at the send bounds. */
    public long sendDroppedPackets() {
        return sendDropped;
    }

    /** SCTP messages this channel handed to libwebrtc (for tests and the bench). */
    public long messagesSent() {
        return messagesSent;
    }

    /** SCTP messages this channel received (for tests and the bench). */
    public long messagesReceived() {
        return messagesReceived;
    }

    @Override
    public boolean wasStringPacket() {
        return lastWasString;
    }

    @Override
    public void setWriteMode(int mode) {
        writeMode = mode == WRITE_MODE_TEXT ? WRITE_MODE_TEXT : WRITE_MODE_BINARY;
    }

    @Override
    public int writeMode() {
        return writeMode;
    }

    @Override
    public int readyState() {
        return readyState;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public boolean ordered() {
        return ordered;
    }

    @Override
    public int id() {
        int assigned = id;
        return assigned < 0 ? UNSPECIFIED : assigned;
    }

    @Override
    public int maxPacketLifeTime() {
        return maxPacketLifeTime;
    }

    @Override
    public int maxRetransmits() {
        return maxRetransmits;
    }

    @Override
    public String protocol() {
        return protocol;
    }

    @Override
    public boolean negotiated() {
        return negotiated;
    }

    @Override
    public int bufferedAmount() {
        long inLibwebrtc = readyState == STATE_OPEN ? libwebrtcBuffered : 0;
        return (int) Math.min(Integer.MAX_VALUE, inLibwebrtc + outbox.bytes());
    }

    @Override
    public int maxPacketSize() {
        return ADVERTISED_PACKET_SIZE;
    }

    @Override
    public void close() {
        if (readyState == STATE_CLOSED) {
            return;
        }
        advance(STATE_CLOSING);
        transport.run(() -> {
            synchronized (this) {
                if (!disposed) {
                    channel.close();
                }
            }
        });
    }

    // --- the sender threads ------------------------------------------------------------------

    void unschedule() {
        scheduled.set(false);
    }

    /** How a turn of the sender threads ended for a channel. */
    enum Flush {
        /** Everything sent, or the rest scheduled after the other channels' turns. */
        DONE,
        /** libwebrtc holds more than the high-water mark: it drains at network speed. */
        OVER_HIGH_WATER,
        /** libwebrtc refused a message while open (SCTP not ready to send): it is ready again soon. */
        REFUSED
    }

    /** Sends what the send queue holds, one sender thread at a time. {@code buffer} is the sender thread's own. */
    Flush flush(SendBuffer buffer) {
        synchronized (this) { // dispose waits for a send in progress
            if (disposed) {
                group.releaseSend(outbox.clear());
                scheduled.set(false);
                return Flush.DONE;
            }
            return flushOpen(buffer);
        }
    }

    private Flush flushOpen(SendBuffer buffer) {
        if (retry != null && !sendRetry()) {
            return Flush.REFUSED;
        }
        // At most this many messages per turn: a channel its owner keeps refilling must not
        // starve the other channels (a reliable stream would silence the unreliable ones).
        int budget = MESSAGES_PER_TURN;
        while (true) {
            while (outbox.count() > 0 && budget-- > 0) {
                if (readyState != STATE_OPEN) {
                    group.releaseSend(outbox.clear()); // closed under us: it can never be sent
                    break;
                }
                if (overHighWater()) {
                    return Flush.OVER_HIGH_WATER; // retried later; onBufferedAmountChange also wakes us
                }
                boolean packed = packing.active();
                int first = outbox.nextLength();
                ByteBuffer out = buffer.forMessage(first + PackedFrames.MAX_HEADER);
                boolean binary = true;
                if (packed) {
                    outbox.packInto(out, reliable ? PACKED_MESSAGE_BYTES : UNRELIABLE_MESSAGE_BYTES);
                } else {
                    binary = (outbox.takeInto(out) & 1) == 0;
                }
                out.flip();
                sentSinceCheck += out.remaining();
                group.releaseSend(outbox.takeMovedCost());
                try {
                    // webrtc-java sends a direct buffer's whole capacity: pass an exact-size view.
                    channel.send(new RTCDataChannelBuffer(out.slice(), binary));
                    messagesSent++;
                } catch (Exception e) {
                    if (channel.getState() == RTCDataChannelState.OPEN) {
                        // libwebrtc refused while open (its own queue full): keep the message, in
                        // order, for the next turn. Rare (the high-water mark keeps its queue
                        // short), so the copy does not matter.
                        retry = ByteBuffer.allocateDirect(out.remaining()).put(out.duplicate()).flip();
                        retryBinary = binary;
                        return Flush.REFUSED;
                    }
                    // Closing: what it carried is lost with the channel, as Godot's would be.
                } finally {
                    buffer.sent();
                }
            }
            scheduled.set(false);
            // A put may have raced with the clear above; take the work back if so.
            if (outbox.count() == 0 || !scheduled.compareAndSet(false, true)) {
                return Flush.DONE;
            }
            if (budget <= 0) {
                sender.schedule(this); // the rest after the other channels' turns
                return Flush.DONE;
            }
        }
    }

    /**
     * Whether libwebrtc holds more than the high-water mark. Asking it is a native call (a hop to
     * its thread) per message; what was sent since the last answer bounds how much it can have
     * grown, so it is asked only once that could reach the mark.
     */
    private boolean overHighWater() {
        long highWater = reliable ? RELIABLE_HIGH_WATER : UNRELIABLE_HIGH_WATER;
        if (checkedBuffered + sentSinceCheck <= highWater) {
            return false;
        }
        checkedBuffered = channel.getBufferedAmount();
        sentSinceCheck = 0;
        return checkedBuffered > highWater;
    }

    private long checkedBuffered; // guarded by this: libwebrtc's buffered amount when last asked
    private long sentSinceCheck; // guarded by this: bytes sent since

    /** A message libwebrtc refused while the channel was open, sent before any other. */
    private ByteBuffer retry; // guarded by this
    private boolean retryBinary;

    private boolean sendRetry() {
        try {
            channel.send(new RTCDataChannelBuffer(retry.slice(), retryBinary));
            messagesSent++;
        } catch (Exception e) {
            if (channel.getState() == RTCDataChannelState.OPEN) {
                return false;
            }
        }
        retry = null;
        return true;
    }

    /** Messages one turn of the sender sends for a channel before the next channel's turn. */
    static final int MESSAGES_PER_TURN = 256;
}
