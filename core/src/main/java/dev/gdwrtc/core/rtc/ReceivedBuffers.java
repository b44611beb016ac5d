package dev.gdwrtc.core.rtc;

import dev.onvoid.webrtc.RTCDataChannelBuffer;
import java.lang.reflect.Field;

/**
 * A partial workaround for webrtc-java 0.14.0's per-message leak (upstream issue #265): its
 * network thread stays attached to the JVM and never frees the JNI local reference to each
 * {@link RTCDataChannelBuffer} it hands to {@code onMessage}, so every buffer stays reachable
 * forever, and with it a {@code DirectByteBuffer} over libwebrtc's (already freed) memory. The
 * reference itself cannot be freed from Java; once the message is copied, unlinking the
 * DirectByteBuffer leaves only the small buffer object and the JNI slot behind
 * (docs/networks.md has the figures before and after).
 */
final class ReceivedBuffers {
    private static final Field DATA = dataField();

    private ReceivedBuffers() {}

    private static Field dataField() {
        try {
            Field f = RTCDataChannelBuffer.class.getField("data");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // a later webrtc-java may forbid it; the leak is then as upstream's
        }
    }

    /** Drops the buffer's link to its DirectByteBuffer; only after the message was copied. */
    static void unlink(RTCDataChannelBuffer buffer) {
        if (DATA != null) {
            try {
                DATA.set(buffer, null);
            } catch (IllegalAccessException | RuntimeException e) {
                // as upstream: the leak stays whole
            }
        }
    }
}
