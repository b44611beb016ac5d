package dev.gdwrtc.core.rtc;

/**
 * The fixed-size byte chunks every {@link PacketQueue} of the process stores packets in. A queue
 * takes chunks as it fills and gives each back once read, so a steady stream cycles a few chunks
 * without allocating, and memory follows what is queued: after a burst the pool keeps at most
 * {@link #KEPT_BYTES}, the rest becomes garbage, and {@link #trimIfBurstEnded} lets the heap
 * shrink back once the process is quiet.
 */
final class ChunkPool {
    /** Bytes of one chunk: 256 small packets, and little for an idle queue to round up to. */
    static final int CHUNK_BYTES = 16 * 1024;
    /** Chunks kept for reuse; beyond, a returned chunk is left to the garbage collector. */
    static final int KEPT_CHUNKS = 64;
    static final long KEPT_BYTES = (long) KEPT_CHUNKS * CHUNK_BYTES;
    /**
     * Bytes of chunks let go since the last trim above which a quiet process collects its heap:
     * below this, what a full collection gives back is not worth its pause.
     */
    static final long TRIM_AFTER_BYTES = 4L * 1024 * 1024;

    private static final byte[][] kept = new byte[KEPT_CHUNKS][];
    private static int size; // guarded by kept
    private static long letGo; // guarded by kept: bytes of chunks dropped since the last trim

    private ChunkPool() {}

    static byte[] take() {
        synchronized (kept) {
            if (size > 0) {
                byte[] c = kept[--size];
                kept[size] = null;
                return c;
            }
        }
        return new byte[CHUNK_BYTES];
    }

    static void give(byte[] chunk) {
        synchronized (kept) {
            if (size < KEPT_CHUNKS) {
                kept[size++] = chunk;
            } else {
                letGo += chunk.length;
            }
        }
    }

    /** Chunks held for reuse now (for tests). */
    static int kept() {
        synchronized (kept) {
            return size;
        }
    }

    /**
     * Called by a sender thread with nothing to do: when a burst let many chunks go, a full
     * collection returns the heap it grew to (the addon's serial collector shrinks the heap, and
     * gives its pages back, only at a full collection). Returns whether it collected.
     */
    static boolean trimIfBurstEnded() {
        synchronized (kept) {
            if (letGo < TRIM_AFTER_BYTES) {
                return false;
            }
            letGo = 0;
        }
        System.gc();
        releaseNativeMemory();
        return true;
    }

    private static boolean nativeRelease = true;

    /**
     * What the burst freed outside the heap (libwebrtc's message buffers, large send buffers) sits
     * in glibc's per-thread arenas, which keep it: give their free pages back too. Registered by
     * the addon's JVM loader (native/jvm.cpp); elsewhere there is nothing to call.
     */
    private static void releaseNativeMemory() {
        if (nativeRelease) {
            try {
                mallocTrim();
            } catch (UnsatisfiedLinkError e) {
                nativeRelease = false;
            }
        }
    }

    private static native void mallocTrim();
}
