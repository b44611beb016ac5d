package dev.gdwrtc.core.rtc;

import dev.gdwrtc.core.NativeMemory;
import java.nio.ByteBuffer;

/**
 * One sender thread's direct buffer, which each outgoing message is assembled in (webrtc-java
 * sends from direct memory). It keeps {@link #KEPT_BYTES}, enough for any packed message; a
 * larger packet gets a buffer of its own that is freed as soon as it is sent, so no thread keeps
 * the size of the largest packet it ever sent.
 */
final class SendBuffer {
    /** A packed message of either kind and any packet up to this size use the kept buffer. */
    static final int KEPT_BYTES = WebRtcJavaDataChannel.PACKED_MESSAGE_BYTES + PackedFrames.MAX_HEADER;

    private ByteBuffer kept;
    private ByteBuffer large;

    /** A cleared buffer with room for {@code bytes}. */
    ByteBuffer forMessage(int bytes) {
        if (bytes > KEPT_BYTES) {
            large = ByteBuffer.allocateDirect(bytes);
            return large;
        }
        if (kept == null) {
            kept = ByteBuffer.allocateDirect(KEPT_BYTES);
        }
        kept.clear();
        return kept;
    }

    /** The message is sent: a buffer made for one large packet is freed now, not at some later GC. */
    void sent() {
        if (large != null) {
            NativeMemory.freeDirect(large);
            large = null;
        }
    }
}
