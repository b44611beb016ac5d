package dev.gdwrtc.core.rtc;

import dev.gdwrtc.core.PeerConnection;

/**
 * The {@code gdwrtcAutoIceRestart} policy of one connection. When ICE reports the connection
 * disconnected, scripts (and both multiplayer peers, which drop a peer whose connection leaves
 * CONNECTED) see CONNECTING instead, and the side that made the first offer restarts ICE, again
 * every {@link #RETRY_MS} while it stays down (the other side answers, so offers never cross).
 * After {@link #WINDOW_MS} without reconnecting the real state shows, and the peer is dropped.
 * ICE's disconnection comes 4 to 6 s after the path died; a change of this host's own addresses
 * ({@link NetworkWatch}) restarts ICE at once, on either side, without waiting for it.
 */
final class AutoIceRestart {
    /** How long a disconnection is hidden while restarts try to recover it. */
    static final long WINDOW_MS = 15_000;
    /** How long after a restart offer another one is made if the connection is still down. */
    static final long RETRY_MS = 4_000;

    private final boolean enabled;
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
