package dev.gdwrtc.bridge;

import static dev.gdwrtc.core.GodotError.OK;

import dev.gdwrtc.core.GodotError;
import dev.gdwrtc.core.PeerConnection;
import dev.gdwrtc.core.WebRtcMultiplayer;
import dev.gdwrtc.core.rtc.WebRtcJavaRuntime;

/** {@code gdwrtc_last_error}, {@code gdwrtc_release}, {@code gdwrtc_shutdown}, {@code gdwrtc_live_handles}. */
final class RuntimeCalls {
    private RuntimeCalls() {}

    /** The calling thread's last failure message (cleared by reading it); its full length. */
    static int lastError(long buffer, int capacity) {
        String message = GodotError.takeLastMessage();
        return Calls.putStr(message, buffer, capacity, "the message buffer");
    }

    /** Forgets a handle; a connection or multiplayer peer is closed with it (channels are not). */
    static int release(int h) {
        Object o = Calls.any(h);
        if (Calls.HANDLES.release(h) == null) {
            return GodotError.fail(GodotError.ERR_INVALID_PARAMETER, "Handle " + h + " was released meanwhile.");
        }
        if (o instanceof PeerConnection c) {
            c.close();
        } else if (o instanceof WebRtcMultiplayer m) {
            m.close();
        }
        return OK;
    }

    /**
     * Quiets the core for process exit: closes every connection and multiplayer peer still alive,
     * ends and joins the core's threads, and refuses every later call (a call after this must not
     * quietly start the core again while the host tears itself down: Godot resets SIGSEGV to its
     * default then, which the JVM relies on in threads running Java code).
     */
    static int shutdown() {
        Calls.markShutDown();
        for (Object o : Calls.HANDLES.all()) {
            if (o instanceof WebRtcMultiplayer m) {
                m.close();
            } else if (o instanceof PeerConnection c) {
                c.close();
            }
        }
        WebRtcJavaRuntime.quiesce();
        return OK;
    }

    /**
     * Names the caller's int that the core sets to 1 whenever it queues a message to print (a call
     * that went on or returned a value, where Godot's class prints an error); NULL stops that.
     * The caller checks it after each call, without a crossing, and drains with takeMessage.
     */
    static int watchMessages(long flag) {
        GodotError.watchPrints(flag);
        return OK;
    }

    /**
     * Moves the oldest queued message into the caller's buffer and returns its length; 0 when none
     * is queued. A message longer than the buffer stays queued: call again with its length.
     */
    static int takeMessage(long buffer, int capacity) {
        Calls.checkBuffer(buffer, capacity, "the message buffer");
        String m = GodotError.peekPrint();
        if (m == null) {
            return 0;
        }
        byte[] b = m.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (b.length <= capacity) {
            dev.gdwrtc.core.NativeMemory.write(b, 0, buffer, b.length);
            GodotError.takePrint();
        }
        return b.length;
    }

    static int liveHandles() {
        return Calls.HANDLES.size();
    }
}
