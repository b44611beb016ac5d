package dev.gdwrtc.bridge;

import static dev.gdwrtc.core.GodotError.ERR_BUG;
import static dev.gdwrtc.core.GodotError.ERR_INVALID_PARAMETER;
import static dev.gdwrtc.core.GodotError.ERR_UNAVAILABLE;

import dev.gdwrtc.core.DataChannel;
import dev.gdwrtc.core.GodotError;
import dev.gdwrtc.core.NativeMemory;
import dev.gdwrtc.core.PeerConnection;
import dev.gdwrtc.core.WebRtcMultiplayer;
import java.nio.charset.StandardCharsets;

/**
 * What every call of the C ABI shares: the handle table, checked reads and writes of caller
 * memory, and the one way a call is refused. The generated {@code Exports} wrap each call in
 * {@link #enter()} and {@link #failed(Throwable)}, so no Throwable ever reaches native code.
 *
 * <p><b>Threading contract.</b> Every {@code gdwrtc_*} function may be called from any thread:
 * the handle table is safe to share, and each core object guards its own state (a multiplayer
 * peer, a channel's send and receive paths, a connection's event queue). Calls on one object from
 * several threads are serialized by that object, never interleaved. The message of a failed call
 * is kept per thread, so {@code gdwrtc_last_error} reads the calling thread's own. After
 * {@code gdwrtc_shutdown} every call but {@code gdwrtc_last_error} is refused.
 */
final class Calls {
    static final Handles HANDLES = new Handles();

    /** Set by gdwrtc_shutdown: from then on every call is refused instead of restarting the core. */
    private static volatile boolean shutDown;

    /** Said when a message cannot even be built (no memory): made once, up front. */
    private static final String NO_MEMORY_MESSAGE = "The Java core ran out of memory.";

    private Calls() {}

    /**
     * A call refused before it reached the core, its message already recorded. Thrown by the
     * checks below and turned into the function's failure value by the generated wrapper; it has
     * no stack trace (refusals are expected input, not bugs).
     */
    static final class Refused extends RuntimeException {
        final int code;

        Refused(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }

    static Refused refuse(int code, String message) {
        return new Refused(GodotError.fail(code, message));
    }

    /** The first thing each exported function does. */
    static void enter() {
        if (shutDown) {
            throw refuse(
                    ERR_UNAVAILABLE,
                    "The WebRTC Java core was shut down (gdwrtc_shutdown); no further calls are possible.");
        }
    }

    /**
     * Turns whatever a call threw into its Godot error, with a message; never throws itself, even
     * when recording the message runs out of memory.
     */
    static int failed(Throwable t) {
        if (t instanceof Refused r) {
            return r.code;
        }
        try {
            return GodotError.fail(ERR_BUG, "Unexpected " + t + " in the Java core.");
        } catch (Throwable again) {
            try {
                return GodotError.fail(ERR_BUG, NO_MEMORY_MESSAGE);
            } catch (Throwable ignored) {
                return ERR_BUG;
            }
        }
    }

    static void markShutDown() {
        shutDown = true;
    }

    // --- caller memory ---------------------------------------------------------------------

    /** Refuses a negative size, and a NULL pointer with a size other than 0. */
    static void checkBuffer(long address, int size, String what) {
        if (size < 0) {
            throw refuse(ERR_INVALID_PARAMETER, "Negative size " + size + " for " + what + ".");
        }
        if (address == 0 && size > 0) {
            throw refuse(ERR_INVALID_PARAMETER, what + " is NULL but its size is " + size + ".");
        }
    }

    /** UTF-8 text of {@code length} bytes at {@code address} (not NUL-terminated). */
    static String str(long address, int length, String what) {
        checkBuffer(address, length, what);
        if (length == 0) {
            return "";
        }
        byte[] b = new byte[length];
        NativeMemory.read(address, b, 0, length);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Writes UTF-8 text into a caller buffer; returns the full length (larger than cap: truncated). */
    static int putStr(String s, long address, int capacity, String what) {
        checkBuffer(address, capacity, what);
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        NativeMemory.write(b, 0, address, Math.min(b.length, capacity));
        return b.length;
    }

    static int[] ints(long address, int count, String what) {
        checkBuffer(address, count, what);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = NativeMemory.getInt(address + 4L * i);
        }
        return out;
    }

    /** Writes ints to a caller array of {@code capacity} ints; as many as fit. */
    static void putInts(int[] values, int count, long address, int capacity) {
        for (int i = 0; i < count && i < capacity; i++) {
            NativeMemory.putInt(address + 4L * i, values[i]);
        }
    }

    // --- handles -----------------------------------------------------------------------------

    static int handleOf(Object o) {
        int h = HANDLES.handleOf(o);
        if (h < 0) {
            throw refuse(GodotError.ERR_OUT_OF_MEMORY, "Too many live WebRTC objects (release some first).");
        }
        return h;
    }

    private static Refused badHandle(int h, String kind) {
        return refuse(ERR_INVALID_PARAMETER, "Invalid " + kind + " handle " + h + " (released, stale or never made).");
    }

    static PeerConnection pc(int h) {
        if (HANDLES.get(h) instanceof PeerConnection c) {
            return c;
        }
        throw badHandle(h, "peer connection");
    }

    static DataChannel dc(int h) {
        if (HANDLES.get(h) instanceof DataChannel d) {
            return d;
        }
        throw badHandle(h, "data channel");
    }

    static WebRtcMultiplayer mp(int h) {
        if (HANDLES.get(h) instanceof WebRtcMultiplayer m) {
            return m;
        }
        throw badHandle(h, "multiplayer peer");
    }

    static Object any(int h) {
        Object o = HANDLES.get(h);
        if (o == null) {
            throw badHandle(h, "object");
        }
        return o;
    }
}
