package dev.gdwrtc.core.config;

import dev.gdwrtc.core.PeerConnection.IceServer;
import java.util.List;

/**
 * The dictionary of {@code WebRTCPeerConnection.initialize}, validated: ICE servers, which
 * candidates ICE may use, how media sections are bundled, and the local UDP/TCP port range.
 * Keys and values are those of the browser's {@code RTCConfiguration} (Godot's web export passes
 * the same dictionary to the browser), plus {@code portRange}, which browsers do not have, and
 * {@code gdwrtcPacking} (default true): false keeps every packet in its own message even when the
 * remote end is ours too (stock peers never see packing either way); {@code gdwrtcStatsInterval}
 * (milliseconds between the background stats samples {@code get_stats()} reads, 0: none) and
 * {@code gdwrtcAutoIceRestart} (default false: see AutoIceRestart).
 */
public record RtcConfig(List<IceServer> iceServers, IceTransportPolicy iceTransportPolicy,
                        BundlePolicy bundlePolicy, int minPort, int maxPort, boolean packing,
                        int statsIntervalMs, boolean autoIceRestart) {
    /** How often {@code get_stats()}'s snapshot is refreshed unless configured: a ping display's pace. */
    public static final int DEFAULT_STATS_INTERVAL_MS = 1000;

    /** The configuration without the stats and ICE restart keys (their defaults). */
    public RtcConfig(List<IceServer> iceServers, IceTransportPolicy iceTransportPolicy,
                     BundlePolicy bundlePolicy, int minPort, int maxPort, boolean packing) {
        this(iceServers, iceTransportPolicy, bundlePolicy, minPort, maxPort, packing, DEFAULT_STATS_INTERVAL_MS, false);
    }

    /** No port range: libwebrtc picks ephemeral ports. */
    public static final int ANY_PORT = 0;

    public static final RtcConfig DEFAULT =
            new RtcConfig(List.of(), IceTransportPolicy.ALL, BundlePolicy.BALANCED, ANY_PORT, ANY_PORT, true);

    /** {@code iceTransportPolicy}: every candidate, or relayed (TURN) candidates only (spelt lower-case, '-' for '_'). */
    public enum IceTransportPolicy {
        ALL, RELAY
    }

    /** {@code bundlePolicy}: as the browser's; only data channels exist here, so it rarely matters. */
    public enum BundlePolicy {
        BALANCED, MAX_COMPAT, MAX_BUNDLE
    }

    public boolean hasPortRange() {
        return minPort != ANY_PORT;
    }
}
