package dev.gdwrtc.core;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Godot's {@code Error} codes, the only error currency of the core and the C ABI, plus the message
 * of the last failure on the calling thread so the native side can print it beside the code.
 */
public final class GodotError {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int ERR_UNAVAILABLE = 2;
    public static final int ERR_UNCONFIGURED = 3;
    public static final int ERR_UNAUTHORIZED = 4;
    public static final int ERR_PARAMETER_RANGE_ERROR = 5;
    public static final int ERR_OUT_OF_MEMORY = 6;
    public static final int ERR_ALREADY_IN_USE = 22;
    public static final int ERR_CANT_CREATE = 20;
    public static final int ERR_CONNECTION_ERROR = 27;
    public static final int ERR_INVALID_DATA = 30;
    public static final int ERR_INVALID_PARAMETER = 31;
    public static final int ERR_ALREADY_EXISTS = 32;
    public static final int ERR_DOES_NOT_EXIST = 33;
    public static final int ERR_BUSY = 44;
    public static final int ERR_BUG = 47;

    private static final ThreadLocal<String> LAST = new ThreadLocal<>();

    /** Messages to print that no failed call returns (Godot's ERR_PRINT, or ERR_FAIL_V of a getter). */
    private static final ConcurrentLinkedQueue<String> PRINTS = new ConcurrentLinkedQueue<>();

    /**
     * At most this many wait to be printed: a host that never takes them (a C caller that only
     * reads return codes) must not grow the heap; beyond it the newest are dropped.
     */
    static final int MAX_QUEUED_PRINTS = 256;

    private static final AtomicInteger QUEUED = new AtomicInteger();

    /** A native int the printing side watches (0: none): set to 1 whenever a message is queued. */
    private static volatile long printFlag;

    private GodotError() {}

    /** Records why a call failed (read back by the native side to print it) and returns the code. */
    public static int fail(int code, String message) {
        LAST.set(message);
        return code;
    }

    /**
     * Queues a message for the native side to print as an error, for a call that goes on or
     * returns a value rather than failing (so no {@link #fail} message reaches the caller).
     */
    public static void print(String message) {
        if (QUEUED.incrementAndGet() > MAX_QUEUED_PRINTS) {
            QUEUED.decrementAndGet();
            return;
        }
        PRINTS.add(message);
        long flag = printFlag;
        if (flag != 0) {
            NativeMemory.putInt(flag, 1);
        }
    }

    /** The oldest message queued by {@link #print} (left queued), or null. */
    public static String peekPrint() {
        return PRINTS.peek();
    }

    /** The oldest message queued by {@link #print}, or null. */
    public static String takePrint() {
        String m = PRINTS.poll();
        if (m != null) {
            QUEUED.decrementAndGet();
        }
        return m;
    }

    /** Where to signal queued messages (a native int the printer reads after each call); 0 for none. */
    public static void watchPrints(long flagAddress) {
        printFlag = flagAddress;
        if (flagAddress != 0 && !PRINTS.isEmpty()) {
            NativeMemory.putInt(flagAddress, 1);
        }
    }

    /** The message of the last {@link #fail} on this thread, cleared by reading it. */
    public static String takeLastMessage() {
        String m = LAST.get();
        LAST.remove();
        return m == null ? "" : m;
    }
}
