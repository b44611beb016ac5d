package dev.gdwrtc.core;

/**
 * A data channel with the semantics of Godot's {@code WebRTCDataChannel}: packets are queued on
 * arrival and read from the owner's thread; {@code putPacket} never blocks on the network.
 */
public interface DataChannel {
    int STATE_CONNECTING = 0;
    int STATE_OPEN = 1;
    int STATE_CLOSING = 2;
    int STATE_CLOSED = 3;

    /**
     * What {@link #id} reads until negotiation assigns an in-band channel's id, and what
     * {@link #maxPacketLifeTime} and {@link #maxRetransmits} read when not specified (Godot's class reference).
     */
    int UNSPECIFIED = 65535;

    int WRITE_MODE_TEXT = 0;
    int WRITE_MODE_BINARY = 1;

    /** Queues a packet for sending: OK, ERR_BUSY when the send queue is full, FAILED when not open. */
    int putPacket(byte[] src, int offset, int length);

    /** As {@link #putPacket(byte[], int, int)}, reading {@code length} bytes at a native address. */
    int putPacket(long address, int length);

    /** Packets received and not yet read. */
    int availablePacketCount();

    /** Size of the next packet, or -1 when there is none. */
    int nextPacketSize();

    /**
     * Moves the next packet into native memory at {@code address} ({@code capacity} bytes there).
     * Returns its length, or a negated Godot error: -ERR_UNAVAILABLE when there is no packet,
     * -ERR_OUT_OF_MEMORY when it does not fit (it stays queued; see {@link #nextPacketSize}).
     */
    int getPacket(long address, int capacity);

    /** As {@link #getPacket(long, int)} into a Java array; for Java callers and tests. */
    int getPacket(byte[] dst, int offset, int capacity);

    /** Whether the packet last read was sent as text. */
    boolean wasStringPacket();

    void setWriteMode(int mode);

    int writeMode();

    int readyState();

    String label();

    boolean ordered();

    int id();

    int maxPacketLifeTime();

    int maxRetransmits();

    String protocol();

    boolean negotiated();

    /** Bytes queued for sending and not yet handed to the network. */
    int bufferedAmount();

    int maxPacketSize();

    void close();
}
