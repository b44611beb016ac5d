package dev.gdwrtc.tests.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.core.DataChannel;
import dev.gdwrtc.core.GodotError;
import dev.gdwrtc.core.PeerConnection;
import dev.gdwrtc.core.rtc.WebRtcJavaPeerConnection;
import dev.gdwrtc.core.rtc.WebRtcJavaRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Two core connections in this JVM, signalled directly: what one produces is handed to the other.
 * Channels the remote opens and failures are collected per side.
 */
public final class Pair implements AutoCloseable {
    public final WebRtcJavaPeerConnection a = (WebRtcJavaPeerConnection) WebRtcJavaRuntime.get().newPeerConnection();
    public final WebRtcJavaPeerConnection b = (WebRtcJavaPeerConnection) WebRtcJavaRuntime.get().newPeerConnection();
    final List<DataChannel> receivedOnA = new ArrayList<>();
    final List<DataChannel> receivedOnB = new ArrayList<>();
    final List<String> failuresOnA = new ArrayList<>();
    final List<String> failuresOnB = new ArrayList<>();

    public void pump() {
        relay(a, b, receivedOnA, failuresOnA);
        relay(b, a, receivedOnB, failuresOnB);
    }

    private static void relay(PeerConnection from, PeerConnection to, List<DataChannel> received, List<String> failures) {
        from.poll(e -> {
            if (e instanceof PeerConnection.SessionDescription d) {
                assertEquals(GodotError.OK, from.setLocalDescription(d.type(), d.sdp()));
                assertEquals(GodotError.OK, to.setRemoteDescription(d.type(), d.sdp()));
            } else if (e instanceof PeerConnection.IceCandidate c) {
                to.addIceCandidate(c.media(), c.index(), c.name());
            } else if (e instanceof PeerConnection.DataChannelReceived r) {
                received.add(r.channel());
            } else if (e instanceof PeerConnection.Failure f) {
                failures.add(f.message());
            }
        });
    }

    /** Signals until {@code done}; a generous bound only so that a broken build ends. */
    public void until(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "never happened: " + what);
            pump();
            Thread.sleep(2);
        }
    }

    public void connect(DataChannel... channels) throws InterruptedException {
        assertEquals(GodotError.OK, a.createOffer());
        until(() -> {
            for (DataChannel c : channels) {
                if (c.readyState() != DataChannel.STATE_OPEN) {
                    return false;
                }
            }
            return true;
        }, "channels open");
    }

    @Override
    public void close() {
        a.close();
        b.close();
    }
}
