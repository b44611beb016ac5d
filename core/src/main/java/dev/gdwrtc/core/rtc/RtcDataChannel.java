package dev.gdwrtc.core.rtc;

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
public final class RtcDataChannel implements DataChannel, RTCDataChannelObserver {
    /** Packets an outbox holds before {@code putPacket} answers ERR_BUSY. */
    static final int OUTBOX_PACKETS = 1024;
    /** The largest message libwebrtc accepts (its SCTP max-message-size). */
    static final int MAX_PACKET_SIZE = 256 * 1024;
    /** What get_max_packet_size reports: RFC 8831's safe size, as Godot's webrtc-native does. */
    static final int ADVERTISED_PACKET_SIZE = 16384;
    /** Above this many bytes queued inside libwebrtc, the sender waits rather than risk its limit. */
    private static final long LIBWEBRTC_HIGH_WATER = 8L * 1024 * 1024;

    private final RTCDataChannel channel;
    private final RtcTransport transport;
    private final Sender sender;
    private final String label;
    private final String protocol;
    private final boolean ordered;
    private final boolean negotiated;
    private final int id;
    private final int maxPacketLifeTime;
    private final int maxRetransmits;

    private volatile int readyState;
    private volatile long libwebrtcBuffered; // as of the last onBufferedAmountChange
    private volatile int writeMode = WRITE_MODE_BINARY;
    private boolean lastWasString;

    private final ReceiveQueue inbox;
    private final ChannelGroup group;
    private final boolean reliable;
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

    /** Made on a thread allowed to call webrtc-java: the transport's, or a libwebrtc callback's. */
    RtcDataChannel(RTCDataChannel channel, RtcTransport transport, ChannelGroup group) {
        this.channel = channel;
        this.group = group;
        this.inbox = new ReceiveQueue(group);
        this.transport = transport;
        this.sender = transport.sender;
        this.label = channel.getLabel();
        this.protocol = channel.getProtocol();
        this.ordered = channel.isOrdered();
        this.negotiated = channel.isNegotiated();
        this.id = channel.getId();
        this.maxPacketLifeTime = channel.getMaxPacketLifeTime();
        this.maxRetransmits = channel.getMaxRetransmits();
        this.reliable = channel.isReliable(); // webrtc-java reports an unset lifetime or retransmit count as 0
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
        readyState = map(channel.getState());
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
            inbox.detach();
            group.closed(this);
        }
    }

    /** Packets dropped because more than the receive limit was waiting to be read. */
    public long droppedPackets() {
        return inbox.dropped();
    }

    @Override
    public void onBufferedAmountChange(long previousAmount) {
        libwebrtcBuffered = channel.getBufferedAmount();
        if (head != tail && scheduled.compareAndSet(false, true)) {
            sender.schedule(this);
        }
    }

    @Override
    public void onMessage(RTCDataChannelBuffer buffer) {
        ByteBuffer data = buffer.data;
        int length = data == null ? 0 : data.remaining();
        if (!inbox.reserve(length)) {
            if (reliable) {
                group.reliableOverflow(label); // a reliable stream cannot skip a packet
            } else if (inbox.dropped() == 1) {
                group.unreliableDropped(label);
            }
            return;
        }
        byte[] copy;
        try {
            copy = new byte[length];
        } catch (OutOfMemoryError e) {
            inbox.unreserve(length);
            if (reliable) {
                group.outOfMemory(label); // a reliable stream cannot skip the packet
            }
            throw e; // reported by GuardedObservers, never returned to webrtc-java
        }
        data.get(copy);
        inbox.add(copy, !buffer.binary);
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
        int err = checkPut(length);
        if (err != GodotError.OK) {
            return err;
        }
        System.arraycopy(src, offset, claimSlot(length), 0, length);
        commit(length);
        return GodotError.OK;
    }

    @Override
    public int putPacket(long address, int length) {
        int err = checkPut(length);
        if (err != GodotError.OK) {
            return err;
        }
        NativeMemory.read(address, claimSlot(length), 0, length);
        commit(length);
        return GodotError.OK;
    }

    @Override
    public int availablePacketCount() {
        return inbox.size();
    }

    @Override
    public int nextPacketSize() {
        ReceiveQueue.Packet p = inbox.peek();
        return p == null ? -1 : p.data().length;
    }

    private ReceiveQueue.Packet take(int capacity) {
        ReceiveQueue.Packet p = inbox.peek();
        if (p == null || p.data().length > capacity) {
            return p;
        }
        inbox.remove();
        lastWasString = p.text();
        return p;
    }

    @Override
    public int getPacket(long address, int capacity) {
        ReceiveQueue.Packet p = take(capacity);
        if (p == null) {
            return -GodotError.fail(GodotError.ERR_UNAVAILABLE, "No packet available on data channel '" + label + "'.");
        }
        if (p.data().length > capacity) {
            return -GodotError.ERR_OUT_OF_MEMORY;
        }
        NativeMemory.write(p.data(), 0, address, p.data().length);
        return p.data().length;
    }

    @Override
    public int getPacket(byte[] dst, int offset, int capacity) {
        ReceiveQueue.Packet p = take(capacity);
        if (p == null) {
            return -GodotError.fail(GodotError.ERR_UNAVAILABLE, "No packet available on data channel '" + label + "'.");
        }
        if (p.data().length > capacity) {
            return -GodotError.ERR_OUT_OF_MEMORY;
        }
        System.arraycopy(p.data(), 0, dst, offset, p.data().length);
        return p.data().length;
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
        return id;
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
                if (channel.getBufferedAmount() > LIBWEBRTC_HIGH_WATER) {
                    return false; // rescheduled; onBufferedAmountChange also wakes us
                }
                int i = (int) (head % OUTBOX_PACKETS);
                int length = lengths[i];
                if (sendBuffer == null || sendBuffer.capacity() < length) {
                    sendBuffer = ByteBuffer.allocateDirect(Math.max(length, 64 * 1024));
                }
                sendBuffer.clear();
                sendBuffer.put(slots[i], 0, length).flip();
                try {
                    // webrtc-java sends a direct buffer's whole capacity: pass an exact-size view.
                    channel.send(new RTCDataChannelBuffer(sendBuffer.slice(), !texts[i]));
                } catch (Exception e) {
                    if (channel.getState() == RTCDataChannelState.OPEN) {
                        return false; // libwebrtc refused (its queue is full); keep the packet
                    }
                }
                queuedBytes.addAndGet(-length);
                head = head + 1;
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
