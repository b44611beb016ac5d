package dev.gdwrtc.core.rtc;

import dev.gdwrtc.core.NativeMemory;
import java.nio.ByteBuffer;

/**
 * Received packets waiting for their owner: a ring of reusable byte slots, filled on libwebrtc's
 * thread and read on the owner's. It grows when full (its owner bounds what it holds: ReceiveLimit) and
 * its slots are reused, so a steady stream allocates nothing per packet.
 */
final class Inbox {
    /** Slots bigger than this are let go once read, so one burst of large packets is not pinned. */
    private static final int KEPT_SLOT_BYTES = 64 * 1024;

    private byte[][] slots = new byte[64][];
    private int[] lengths = new int[64];
    private boolean[] texts = new boolean[64];
    private int head;
    private int count;
    private volatile int available;
    private boolean lastText;

    /** Copies {@code length} bytes from {@code src}'s position into the next slot. */
    synchronized void add(ByteBuffer src, int length, boolean text) {
        if (count == slots.length) {
            grow();
        }
        int i = (head + count) % slots.length;
        byte[] slot = slots[i];
        if (slot == null || slot.length < length) {
            slot = new byte[Math.max(length, 64)];
            slots[i] = slot;
        }
        src.get(slot, 0, length);
        lengths[i] = length;
        texts[i] = text;
        available = ++count;
    }

    private void grow() {
        int n = slots.length * 2;
        byte[][] s = new byte[n][];
        int[] l = new int[n];
        boolean[] t = new boolean[n];
        for (int k = 0; k < count; k++) {
            int j = (head + k) % slots.length;
            s[k] = slots[j];
            l[k] = lengths[j];
            t[k] = texts[j];
        }
        slots = s;
        lengths = l;
        texts = t;
        head = 0;
    }

    int count() {
        return available;
    }

    synchronized int nextSize() {
        return count == 0 ? -1 : lengths[head];
    }

    /** Whether the packet last taken was text. */
    synchronized boolean lastText() {
        return lastText;
    }

    /** Moves the next packet into {@code dst}: its length, -1 when none, -2 when it does not fit. */
    synchronized int take(byte[] dst, int offset, int capacity) {
        int length = count == 0 ? -1 : lengths[head];
        if (length > capacity) {
            return -2;
        }
        if (length >= 0) {
            System.arraycopy(slots[head], 0, dst, offset, length);
            release();
        }
        return length;
    }

    /** As {@link #take(byte[], int, int)} into native memory. */
    synchronized int take(long address, int capacity) {
        int length = count == 0 ? -1 : lengths[head];
        if (length > capacity) {
            return -2;
        }
        if (length >= 0) {
            NativeMemory.write(slots[head], 0, address, length);
            release();
        }
        return length;
    }

    private void release() {
        lastText = texts[head];
        if (slots[head].length > KEPT_SLOT_BYTES) {
            slots[head] = null;
        }
        head = (head + 1) % slots.length;
        available = --count;
    }
}
