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
 * {@code gdwrtcAutoIceRestart} (default false: see AutoIceRestart); {@code gdwrtcVoice} (default
 * off, {@code voice} null: no audio section in the SDP, so stock peers see exactly what they saw
 * before voice existed).
 */
public record RtcConfig(List<IceServer> iceServers, IceTransportPolicy iceTransportPolicy,
                        BundlePolicy bundlePolicy, int minPort, int maxPort, boolean packing,
                        int statsIntervalMs, boolean autoIceRestart, VoiceConfig voice) {
    /** How often {@code get_stats()}'s snapshot is refreshed unless configured: a ping display's pace. */
    public static final int DEFAULT_STATS_INTERVAL_MS = 1000;

    /** The configuration without voice (the default). */
    public RtcConfig(List<IceServer> iceServers, IceTransportPolicy iceTransportPolicy,
                     BundlePolicy bundlePolicy, int minPort, int maxPort, boolean packing,
                     int statsIntervalMs, boolean autoIceRestart) {
        this(iceServers, iceTransportPolicy, bundlePolicy, minPort, maxPort, packing, statsIntervalMs, autoIceRestart, null);
    }

    /**
     * {@code gdwrtcVoice}: an Opus audio track both ways, in the first offer (docs/voice.md).
     * {@code bitrate} caps what this side sends (bits per second); {@code dtx} (off by default):
     * this side sends next to nothing while its microphone is silent or muted, and the first
     * sound after a silence reaches listeners about 20 ms later; echo cancellation and noise
     * suppression process the local microphone, shared by every connection of the process (the
     * last connection initialized with voice sets them).
     */
    public record VoiceConfig(int bitrate, boolean echoCancellation, boolean noiseSuppression, boolean dtx) {
        public static final int DEFAULT_BITRATE = 32_000;
        public static final int MIN_BITRATE = 6_000;
        public static final int MAX_BITRATE = 510_000;
        public static final VoiceConfig DEFAULT = new VoiceConfig(DEFAULT_BITRATE, true, true, false);
    }

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
