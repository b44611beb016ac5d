package dev.gdwrtc.core.rtc;

import dev.gdwrtc.core.NativeMemory;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * A FIFO of packets (bytes and a was-text flag), stored back to back in {@link ChunkPool} chunks:
 * a data channel's send queue and its receive queue. A packet of any size spans as many chunks as
 * it needs, and each chunk goes back to the pool as soon as it is read, so what a queue holds
 * follows what is queued (an empty queue holds no chunk) and nothing keeps the size of the largest
 * packet it ever saw. The caller bounds what is queued (by bytes). Each operation holds the queue
 * for one packet's copy; one thread adds while another takes.
 */
final class PacketQueue {
    /** Bytes before each packet: {@code length << 1 | text}, never split across chunks. */
    static final int HEADER = 4;
    private static final int CHUNK = ChunkPool.CHUNK_BYTES;

    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private int readPos; // in the first chunk
    private int writePos = CHUNK; // in the last chunk (CHUNK: no room, take a chunk first)
    private int count;
    private long bytes; // payload bytes queued
    private volatile int available; // count, readable without the lock
    private volatile long queuedBytes; // bytes, likewise
    private boolean lastText; // of the packet last taken
    private long movedCost; // cost of the packets taken since takeMovedCost

    int count() {
        return available;
    }

    /** Payload bytes queued. */
    long bytes() {
        return queuedBytes;
    }

    /** What a packet of {@code length} bytes costs a queue: its bytes and its header. */
    static long cost(int length) {
        return (long) length + HEADER;
    }

    /** Whether the packet last taken was text. */
    synchronized boolean lastText() {
        return lastText;
    }

    /** The summed {@link #cost} of the packets taken since the last call. */
    synchronized long takeMovedCost() {
        long c = movedCost;
        movedCost = 0;
        return c;
    }

    // --- adding ------------------------------------------------------------------------------

    synchronized void add(byte[] src, int offset, int length, boolean text) {
        append(src, offset, 0, null, length, text);
    }

    /** Copies {@code length} bytes at a native address. */
    synchronized void add(long address, int length, boolean text) {
        append(null, 0, address, null, length, text);
    }

    /** Copies {@code length} bytes from {@code src}'s position, advancing it. */
    synchronized void add(ByteBuffer src, int length, boolean text) {
        append(null, 0, 0, src, length, text);
    }

    /** Appends one packet from whichever source is given: an array, else a buffer, else an address. */
    private void append(byte[] array, int offset, long address, ByteBuffer buffer, int length, boolean text) {
        header(length, text);
        for (int done = 0; done < length; ) {
            int n = room(length - done);
            byte[] c = chunks.peekLast();
            if (array != null) {
                System.arraycopy(array, offset + done, c, writePos, n);
            } else if (buffer != null) {
                buffer.get(c, writePos, n);
            } else {
                NativeMemory.read(address + done, c, writePos, n);
            }
            writePos += n;
            done += n;
        }
        count++;
        bytes += length;
        available = count;
        queuedBytes = bytes;
    }

    private void header(int length, boolean text) {
        if (CHUNK - writePos < HEADER) {
            chunks.addLast(ChunkPool.take());
            writePos = 0;
        }
        int v = length << 1 | (text ? 1 : 0);
        byte[] c = chunks.peekLast();
        c[writePos] = (byte) (v >>> 24);
        c[writePos + 1] = (byte) (v >>> 16);
        c[writePos + 2] = (byte) (v >>> 8);
        c[writePos + 3] = (byte) v;
        writePos += HEADER;
    }

    /** Bytes that fit in the last chunk now, up to {@code wanted}; takes a chunk when it is full. */
    private int room(int wanted) {
        if (writePos == CHUNK) {
            chunks.addLast(ChunkPool.take());
            writePos = 0;
        }
        return Math.min(wanted, CHUNK - writePos);
    }

    // --- taking ------------------------------------------------------------------------------

    /** The next packet's header, the read position at it; -1 when the queue is empty. */
    private int peekHeader() {
        if (count == 0) {
            return -1;
        }
        if (CHUNK - readPos < HEADER) {
            ChunkPool.give(chunks.pollFirst());
            readPos = 0;
        }
        byte[] c = chunks.peekFirst();
        return (c[readPos] & 0xff) << 24 | (c[readPos + 1] & 0xff) << 16 | (c[readPos + 2] & 0xff) << 8 | (c[readPos + 3] & 0xff);
    }

    /** Size of the next packet, or -1 when there is none. */
    synchronized int nextLength() {
        int h = peekHeader();
        return h < 0 ? -1 : h >>> 1;
    }

    /** Whether the next packet is text; false when there is none. */
    synchronized boolean nextText() {
        int h = peekHeader();
        return h >= 0 && (h & 1) != 0;
    }

    /** Moves the next packet into {@code dst}: its length, -1 when none, -2 when it does not fit. */
    synchronized int take(byte[] dst, int offset, int capacity) {
        return takeFitting(dst, offset, 0, capacity);
    }

    /** As {@link #take(byte[], int, int)} into native memory. */
    synchronized int take(long address, int capacity) {
        return takeFitting(null, 0, address, capacity);
    }

    private int takeFitting(byte[] array, int offset, long address, int capacity) {
        int h = peekHeader();
        int length = h < 0 ? -1 : h >>> 1;
        if (length > capacity) {
            return -2;
        }
        if (length >= 0) {
            lastText = (h & 1) != 0;
            moveNext(h, array, offset, address, null);
        }
        return length;
    }

    /**
     * Moves the next packet's bytes to {@code out}'s position (which must have room); returns its
     * header ({@code length << 1 | text}), or -1 when the queue is empty.
     */
    synchronized int takeInto(ByteBuffer out) {
        int h = peekHeader();
        if (h >= 0) {
            moveNext(h, null, 0, 0, out);
        }
        return h;
    }

    /**
     * Packs queued packets, in order, into {@code out} as {@link PackedFrames} records while the
     * message stays within {@code maxMessage} bytes (the first packet goes whatever its size;
     * {@code out} must have room for it). Returns how many packets it moved.
     */
    synchronized int packInto(ByteBuffer out, int maxMessage) {
        int moved = 0;
        for (int h; (h = peekHeader()) >= 0; moved++) {
            int length = h >>> 1;
            if (moved > 0 && out.position() + PackedFrames.headerSize(length) + length > maxMessage) {
                break;
            }
            PackedFrames.writeHeader(out, length, (h & 1) != 0);
            moveNext(h, null, 0, 0, out);
        }
        return moved;
    }

    /** Moves the packet at the read position (header {@code h}) to an array, else a buffer, else an address. */
    private void moveNext(int h, byte[] array, int offset, long address, ByteBuffer buffer) {
        int length = h >>> 1;
        readPos += HEADER;
        for (int done = 0; done < length; ) {
            int n = readable(length - done);
            byte[] c = chunks.peekFirst();
            if (array != null) {
                System.arraycopy(c, readPos, array, offset + done, n);
            } else if (buffer != null) {
                buffer.put(c, readPos, n);
            } else {
                NativeMemory.write(c, readPos, address + done, n);
            }
            readPos += n;
            done += n;
        }
        taken(length);
    }

    /** Drops every queued packet (a closed channel's send queue); returns their summed cost. */
    synchronized long clear() {
        long dropped = bytes + (long) count * HEADER;
        while (!chunks.isEmpty()) {
            ChunkPool.give(chunks.pollFirst());
        }
        readPos = 0;
        writePos = CHUNK;
        count = 0;
        bytes = 0;
        available = 0;
        queuedBytes = 0;
        return dropped;
    }

    /** Bytes readable in the first chunk now, up to {@code wanted}; moves past a finished chunk. */
    private int readable(int wanted) {
        if (readPos == CHUNK) {
            ChunkPool.give(chunks.pollFirst());
            readPos = 0;
        }
        return Math.min(wanted, CHUNK - readPos);
    }

    private void taken(int length) {
        movedCost += cost(length);
        count--;
        bytes -= length;
        if (count == 0) {
            clear(); // an empty queue holds no chunk
        } else {
            available = count;
            queuedBytes = bytes;
        }
    }
}
