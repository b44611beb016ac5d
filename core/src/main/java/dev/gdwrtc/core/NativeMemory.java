package dev.gdwrtc.core;

import java.lang.reflect.Field;
import sun.misc.Unsafe;

/**
 * Copies between Java arrays and native addresses the C side passes in, so packets cross the C
 * ABI as (address, length) without allocating a wrapper object per call.
 */
public final class NativeMemory {
    private static final Unsafe U;
    private static final long BYTES = Unsafe.ARRAY_BYTE_BASE_OFFSET;

    static {
        try {
            Field f = Unsafe.class.getDeclaredField("theUnsafe");
            f.setAccessible(true);
            U = (Unsafe) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private NativeMemory() {}

    public static void read(long address, byte[] dst, int offset, int length) {
        U.copyMemory(null, address, dst, BYTES + offset, length);
    }

    public static void write(byte[] src, int offset, long address, int length) {
        U.copyMemory(src, BYTES + offset, null, address, length);
    }

    public static int getInt(long address) {
        return U.getInt(address);
    }

    public static void putInt(long address, int value) {
        U.putInt(address, value);
    }

    public static long allocate(long bytes) {
        return U.allocateMemory(bytes);
    }

    public static void free(long address) {
        U.freeMemory(address);
    }

    /** Frees a direct buffer's memory now; the buffer must not be used again. */
    public static void freeDirect(java.nio.ByteBuffer direct) {
        U.invokeCleaner(direct);
    }
}
