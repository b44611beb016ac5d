package dev.gdwrtc.core.rtc;

import java.nio.ByteBuffer;

/**
 * The wire format of a packed SCTP message between two of our peers: records of
 * {@code [varint (length << 1 | text)][payload]}, back to back. One record per packet keeps each
 * packet's boundaries and its was-string flag; the records' order is the packets' order.
 */
final class PackedFrames {
    /** Bytes a record header takes at most: a varint of 21 bits covers any packet we accept. */
    static final int MAX_HEADER = 3;
    /** The largest packet a record can carry. */
    static final int MAX_RECORD = (1 << (7 * MAX_HEADER - 1)) - 1;

    /** Receives each packet of a packed message; {@code src} is positioned at its first byte. */
    interface Sink {
        void packet(ByteBuffer src, int length, boolean text);
    }

    private PackedFrames() {}

    static int headerSize(int length) {
        int v = length << 1;
        return v < (1 << 7) ? 1 : v < (1 << 14) ? 2 : 3;
    }

    /** Writes one record's header; {@code dst} must have {@link #headerSize} bytes left. */
    static void writeHeader(ByteBuffer dst, int length, boolean text) {
        if (length < 0 || length > MAX_RECORD) {
            throw new IllegalArgumentException("record of " + length + " bytes");
        }
        int v = (length << 1) | (text ? 1 : 0);
        while (v >= 0x80) {
            dst.put((byte) (v | 0x80));
            v >>>= 7;
        }
        dst.put((byte) v);
    }

    /**
     * Hands every record of {@code message} (from its position to its limit) to {@code sink}, in
     * order. Returns the number of packets delivered, or -1 - delivered when the message is
     * malformed (a remote is not trusted): the records before the fault are delivered, the rest
     * dropped.
     */
    static int unpack(ByteBuffer message, Sink sink) {
        int delivered = 0;
        while (message.hasRemaining()) {
            int v = 0;
            int shift = 0;
            while (true) {
                if (!message.hasRemaining() || shift >= 7 * MAX_HEADER) {
                    return -1 - delivered;
                }
                int b = message.get() & 0xff;
                v |= (b & 0x7f) << shift;
                shift += 7;
                if (b < 0x80) {
                    break;
                }
            }
            int length = v >>> 1;
            if (length > message.remaining()) {
                return -1 - delivered;
            }
            int end = message.position() + length;
            sink.packet(message, length, (v & 1) != 0);
            message.position(end); // whatever the sink read, the next record starts here
            delivered++;
        }
        return delivered;
    }
}
