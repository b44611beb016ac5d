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

/**
 * A webrtc-java data channel with Godot's semantics. Received messages are copied on libwebrtc's
 * thread into an inbox; sends are copied into a bounded single-producer outbox that the
 * {@link Sender} thread drains, so {@code putPacket} returns at once and reports ERR_BUSY when full.
 */
public final class WebRtcJavaDataChannel implements DataChannel, RTCDataChannelObserver {
    /** Packets an outbox holds before {@code putPacket} answers ERR_BUSY. */
    static final int OUTBOX_PACKETS = 1024;
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
     * A packed message grows while the next queued packet still fits under this many bytes: enough
     * to spread the per-send cost over hundreds of small packets, while a packet this big gains
     * nothing from company and only makes the others behind it wait.
     */
    static final int PACKED_MESSAGE_BYTES = 16 * 1024;

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

    private volatile int readyState;
    private volatile long libwebrtcBuffered; // as of the last onBufferedAmountChange
    private volatile int writeMode = WRITE_MODE_BINARY;
    private boolean lastWasString;

    private final Inbox inbox = new Inbox();
    private final ReceiveLimit limit;
    private final ChannelGroup group;
    private boolean disposed; // guarded by this: no webrtc-java call on the channel after dispose

    // Outbox: a ring of reusable slots; the owner's thread writes tail, the sender thread head.
    private final byte[][] slots = new byte[OUTBOX_PACKETS][];
    private final int[] lengths = new int[OUTBOX_PACKETS];
    private final boolean[] texts = new boolean[OUTBOX_PACKETS];
    private volatile long head;
    private volatile long tail;
    private final AtomicInteger queuedBytes = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private ByteBuffer sendBuffer; // sender thread only
    // The outbox has one producer and the inbox one consumer at a time: callers on several
    // threads take turns here (uncontended when one thread sends and one reads).
    private final Object putLock = new Object();
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
        try {
            readyState = map(channel.getState());
            if (readyState == STATE_OPEN) {
                id = channel.getId();
            }
        } catch (Throwable t) {
            readyState = STATE_CLOSED; // see onMessage: nothing may escape to libwebrtc's thread
        }
        if (readyState == STATE_CLOSED) {
            // Not from inside this callback: webrtc-java would free the observer running it.
            transport.post(this::dispose);
        }
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
            if (head != tail && scheduled.compareAndSet(false, true)) {
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
            if (packs()) {
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

    private byte[] claimSlot(int length) {
        int i = (int) (tail % OUTBOX_PACKETS);
        byte[] slot = slots[i];
        if (slot == null || slot.length < length) {
            slot = new byte[Math.max(length, 64)];
            slots[i] = slot;
        }
        return slot;
    }

    private int checkPut(int length) {
        if (readyState != STATE_OPEN) {
            return GodotError.fail(GodotError.FAILED, "Data channel '" + label + "' is not open.");
        }
        if (length < 0 || length > MAX_PACKET_SIZE) {
            return GodotError.fail(GodotError.ERR_INVALID_PARAMETER,
                    "Packet of " + length + " bytes exceeds the maximum of " + MAX_PACKET_SIZE + ".");
        }
        if (tail - head >= OUTBOX_PACKETS) {
            return GodotError.fail(GodotError.ERR_BUSY,
                    "Send queue of data channel '" + label + "' is full (" + OUTBOX_PACKETS + " packets); try again later.");
        }
        return GodotError.OK;
    }

    private void commit(int length) {
        int i = (int) (tail % OUTBOX_PACKETS);
        lengths[i] = length;
        texts[i] = writeMode == WRITE_MODE_TEXT;
        queuedBytes.addAndGet(length);
        tail = tail + 1;
        if (scheduled.compareAndSet(false, true)) {
            sender.schedule(this);
        }
    }

    @Override
    public int putPacket(byte[] src, int offset, int length) {
        synchronized (putLock) {
            int err = checkPut(length);
            if (err != GodotError.OK) {
                return err;
            }
            System.arraycopy(src, offset, claimSlot(length), 0, length);
            commit(length);
            return GodotError.OK;
        }
    }

    @Override
    public int putPacket(long address, int length) {
        synchronized (putLock) {
            int err = checkPut(length);
            if (err != GodotError.OK) {
                return err;
            }
            NativeMemory.read(address, claimSlot(length), 0, length);
            commit(length);
            return GodotError.OK;
        }
    }

    @Override
    public int availablePacketCount() {
        return inbox.count();
    }

    @Override
    public int nextPacketSize() {
        return inbox.nextSize();
    }

    /** Maps an {@link Inbox#take} answer to getPacket's: the length or a negated error. */
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

    /** Whether packets sent now are packed: a reliable channel between two of our peers. */
    boolean packs() {
        return reliable && packing.active();
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
        return (int) Math.min(Integer.MAX_VALUE, inLibwebrtc + queuedBytes.get());
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
        readyState = STATE_CLOSING;
        transport.run(() -> {
            synchronized (this) {
                if (!disposed) {
                    channel.close();
                }
            }
        });
    }

    // --- the sender thread -------------------------------------------------------------------

    private ByteBuffer sendBuffer(int bytes) {
        if (sendBuffer == null || sendBuffer.capacity() < bytes) {
            sendBuffer = ByteBuffer.allocateDirect(Math.max(bytes, PACKED_MESSAGE_BYTES + PackedFrames.MAX_HEADER));
        }
        sendBuffer.clear();
        return sendBuffer;
    }

    /** Puts the next queued packet alone into the send buffer; returns 1. */
    private int plainInto() {
        int i = (int) (head % OUTBOX_PACKETS);
        sendBuffer(lengths[i]).put(slots[i], 0, lengths[i]).flip();
        return 1;
    }

    /**
     * Packs queued packets, in order, into the send buffer while they fit one packed message (the
     * first always goes, whatever its size); returns how many. Packing only what is already
     * queued adds no delay: a lone packet leaves at once.
     */
    private int packInto() {
        int first = lengths[(int) (head % OUTBOX_PACKETS)];
        ByteBuffer out = sendBuffer(first + PackedFrames.MAX_HEADER);
        int count = 0;
        long end = tail;
        while (head + count != end) {
            int i = (int) ((head + count) % OUTBOX_PACKETS);
            int length = lengths[i];
            int need = PackedFrames.headerSize(length) + length;
            if (count > 0 && out.position() + need > PACKED_MESSAGE_BYTES) {
                break;
            }
            PackedFrames.writeHeader(out, length, texts[i]);
            out.put(slots[i], 0, length);
            count++;
        }
        out.flip();
        return count;
    }

    void unschedule() {
        scheduled.set(false);
    }

    /** Sends what the outbox holds; false when libwebrtc's buffer is too full to take more now. */
    boolean flush() {
        synchronized (this) { // dispose waits for a send in progress
            if (disposed) {
                queuedBytes.set(0);
                head = tail;
                scheduled.set(false);
                return true;
            }
            return flushOpen();
        }
    }

    private boolean flushOpen() {
        // At most one outbox's worth per turn: a channel its owner keeps refilling must not
        // starve the other channels (a reliable stream would silence the unreliable ones).
        int budget = OUTBOX_PACKETS;
        while (true) {
            while (head != tail && budget-- > 0) {
                if (readyState != STATE_OPEN) {
                    // Closed under us: what is queued can never be sent.
                    queuedBytes.set(0);
                    head = tail;
                    break;
                }
                if (channel.getBufferedAmount() > (reliable ? RELIABLE_HIGH_WATER : UNRELIABLE_HIGH_WATER)) {
                    return false; // rescheduled; onBufferedAmountChange also wakes us
                }
                boolean packed = packs();
                int count = packed ? packInto() : plainInto();
                try {
                    // webrtc-java sends a direct buffer's whole capacity: pass an exact-size view.
                    channel.send(new RTCDataChannelBuffer(sendBuffer.slice(), packed || !texts[(int) (head % OUTBOX_PACKETS)]));
                } catch (Exception e) {
                    if (channel.getState() == RTCDataChannelState.OPEN) {
                        return false; // libwebrtc refused (its queue is full); keep the packets
                    }
                }
                messagesSent++;
                int bytes = 0;
                for (int k = 0; k < count; k++) {
                    bytes += lengths[(int) ((head + k) % OUTBOX_PACKETS)];
                }
                queuedBytes.addAndGet(-bytes);
                head = head + count;
            }
            scheduled.set(false);
            // A put may have raced with the clear above; take the work back if so.
            if (head == tail || !scheduled.compareAndSet(false, true)) {
                return true;
            }
            if (budget <= 0) {
                sender.schedule(this); // the rest after the other channels' turns
                return true;
            }
        }
    }

}
