package dev.gdwrtc.core.rtc;

import dev.gdwrtc.core.PeerConnection;

/**
 * The {@code gdwrtcAutoIceRestart} policy of one connection. When ICE reports the connection
 * disconnected, scripts (and both multiplayer peers, which drop a peer whose connection leaves
 * CONNECTED) see CONNECTING instead, and the side that made the first offer restarts ICE, again
 * every {@link #RETRY_MS} while it stays down (the other side answers, so offers never cross).
 * After {@link #WINDOW_MS} without reconnecting the real state shows, and the peer is dropped.
 * ICE's disconnection comes 4 to 6 s after the path died; a change of this host's own addresses
 * ({@link NetworkWatch}) restarts ICE at once, on either side, without waiting for it, and so does
 * a path that stopped bringing anything back while this side sends ({@link #stalled}), which is how
 * a change on the other side shows here when that side cannot restart by itself.
 */
final class AutoIceRestart {
    /** How long a disconnection is hidden while restarts try to recover it. */
    static final long WINDOW_MS = 15_000;
    /** How long after a restart offer another one is made if the connection is still down. */
    static final long RETRY_MS = 4_000;

    /**
     * How long the transport may receive nothing while this side keeps sending before the path is
     * taken for dead and ICE restarted (each SCTP message sent is acknowledged, so a live path
     * always brings something back): the other side's network changed and it cannot tell us.
     */
    static final long STALL_MS = 1_000;

    private final boolean enabled;
    // Liveness from the stats samples (one thread: libwebrtc's, which delivers them).
    private long receivedBytes = -1;
    private long sentAtLastReceive;
    private long lastReceiveNanos;
    private boolean stallReported;
    /** This side made the connection's first offer: it is the one that restarts. */
    volatile boolean offerer;
    /** System.nanoTime() when the hidden disconnection began; -1 while none is. */
    private volatile long downSince = -1;

    AutoIceRestart(boolean enabled) {
        this.enabled = enabled;
    }

    boolean enabled() {
        return enabled;
    }

    /**
     * A stats sample of the transport's counters while libwebrtc still calls the connection
     * connected: whether the path just turned out dead (bytes sent, none received for
     * {@link #STALL_MS}). Reported once per stall; anything received re-arms it.
     */
    boolean stalled(long sent, long received, long nowNanos) {
        if (!enabled) {
            return false;
        }
        if (received != receivedBytes) {
            receivedBytes = received;
            sentAtLastReceive = sent;
            lastReceiveNanos = nowNanos;
            stallReported = false;
            return false;
        }
        if (!stallReported && sent > sentAtLastReceive && nowNanos - lastReceiveNanos >= STALL_MS * 1_000_000L) {
            stallReported = true;
            return true;
        }
        return false;
    }

    /** libwebrtc said DISCONNECTED: whether it is hidden (a restart is under way). */
    boolean disconnected() {
        if (!enabled) {
            return false;
        }
        if (downSince < 0) {
            downSince = System.nanoTime();
        }
        return true;
    }

    void connected() {
        downSince = -1;
    }

    /** Whether this side should offer a restart now. */
    boolean shouldOffer() {
        return enabled && offerer && hiding();
    }

    /** Whether the disconnection is hidden, now. */
    boolean hiding() {
        long since = downSince;
        return since >= 0 && System.nanoTime() - since < WINDOW_MS * 1_000_000L;
    }

    /** The state a script sees for libwebrtc's {@code state}. */
    int visible(int state) {
        if (state == PeerConnection.STATE_CONNECTING && downSince >= 0 && !hiding()) {
            return PeerConnection.STATE_DISCONNECTED;
        }
        return state;
    }
}
