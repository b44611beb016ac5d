package dev.gdwrtc.tests;

import dev.gdwrtc.core.ChannelConfig;
import dev.gdwrtc.core.DataChannel;
import dev.gdwrtc.core.GodotError;
import dev.gdwrtc.core.PeerConnection;
import dev.gdwrtc.core.config.RtcConfig;
import dev.gdwrtc.core.config.RtcConfigParser;
import dev.gdwrtc.core.rtc.WebRtcJavaRuntime;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Two core peer connections signalled to each other in this JVM (inside the test namespace), with
 * one negotiated channel each side; for the packing test and the bench.
 */
public final class CorePair implements AutoCloseable {
    public final PeerConnection a;
    public final PeerConnection b;
    public final DataChannel ca;
    public final DataChannel cb;

    /** The configuration a script passes as {"gdwrtcPacking": on}. */
    static RtcConfig packing(boolean on) {
        return RtcConfigParser.peerConfig("{\"gdwrtcPacking\": " + on + "}");
    }

    /**
     * Connects a (packing on or off) to b (likewise) and opens channel 1 with {@code config} on both;
     * {@code wire} may rewrite each description on its way, as a signalling server could.
     */
    public CorePair(boolean packingA, boolean packingB, ChannelConfig config, UnaryOperator<String> wire) throws InterruptedException {
        this(packingA, packingB, config, config, wire);
    }

    /** As above, with each side's own options for channel 1 (a mismatch a game may make). */
    public CorePair(boolean packingA, boolean packingB, ChannelConfig configA, ChannelConfig configB, UnaryOperator<String> wire)
            throws InterruptedException {
        a = WebRtcJavaRuntime.get().newPeerConnection();
        b = WebRtcJavaRuntime.get().newPeerConnection();
        check(a.initialize(packing(packingA)), "initialize");
        check(b.initialize(packing(packingB)), "initialize");
        ca = a.createDataChannel("data", configA);
        cb = b.createDataChannel("data", configB);
        check(a.createOffer(), "createOffer");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (ca.readyState() != DataChannel.STATE_OPEN || cb.readyState() != DataChannel.STATE_OPEN) {
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("channels did not open");
            }
            relay(a, b, wire);
            relay(b, a, wire);
            Thread.sleep(2);
        }
    }

    public CorePair(boolean packing, ChannelConfig config) throws InterruptedException {
        this(packing, packing, config, UnaryOperator.identity());
    }

    private static void check(int err, String what) {
        if (err != GodotError.OK) {
            throw new IllegalStateException(what + " failed: " + err + " " + GodotError.takeLastMessage());
        }
    }

    /** Delivers what {@code from} produced to {@code to} unchanged, as a signalling server would. */
    public static void relay(PeerConnection from, PeerConnection to) {
        relay(from, to, UnaryOperator.identity());
    }

    private static void relay(PeerConnection from, PeerConnection to, UnaryOperator<String> wire) {
        from.poll(e -> {
            if (e instanceof PeerConnection.SessionDescription d) {
                check(from.setLocalDescription(d.type(), d.sdp()), "setLocalDescription");
                check(to.setRemoteDescription(d.type(), wire.apply(d.sdp())), "setRemoteDescription");
            } else if (e instanceof PeerConnection.IceCandidate c) {
                check(to.addIceCandidate(c.media(), c.index(), c.name()), "addIceCandidate");
            } else if (e instanceof PeerConnection.Failure f) {
                throw new IllegalStateException(f.message());
            }
        });
    }

    @Override
    public void close() {
        a.close();
        b.close();
    }
}
