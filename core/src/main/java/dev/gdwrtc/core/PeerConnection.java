package dev.gdwrtc.core;

import dev.gdwrtc.core.config.RtcConfig;
import dev.gdwrtc.core.stats.ConnectionStats;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A peer connection with the semantics of Godot's {@code WebRTCPeerConnection}. Everything that
 * happens on WebRTC's own threads is queued and handed out only by {@link #poll}, on the caller's
 * thread, as Godot's signals are.
 */
public interface PeerConnection {
    int STATE_NEW = 0;
    int STATE_CONNECTING = 1;
    int STATE_CONNECTED = 2;
    int STATE_DISCONNECTED = 3;
    int STATE_FAILED = 4;
    int STATE_CLOSED = 5;

    int GATHERING_STATE_NEW = 0;
    int GATHERING_STATE_GATHERING = 1;
    int GATHERING_STATE_COMPLETE = 2;

    int SIGNALING_STATE_STABLE = 0;
    int SIGNALING_STATE_HAVE_LOCAL_OFFER = 1;
    int SIGNALING_STATE_HAVE_REMOTE_OFFER = 2;
    int SIGNALING_STATE_HAVE_LOCAL_PRANSWER = 3;
    int SIGNALING_STATE_HAVE_REMOTE_PRANSWER = 4;
    int SIGNALING_STATE_CLOSED = 5;

    /** What {@code poll} surfaces: the three signals of Godot's class. */
    sealed interface Event {}

    /** {@code session_description_created(type, sdp)}. */
    record SessionDescription(String type, String sdp) implements Event {}

    /** {@code ice_candidate_created(media, index, name)}. */
    record IceCandidate(String media, int index, String name) implements Event {}

    /** {@code data_channel_received(channel)}: a channel the remote side opened (not negotiated). */
    record DataChannelReceived(DataChannel channel) implements Event {}

    /** A failure on WebRTC's threads (a description or candidate refused); printed as an error. */
    record Failure(String message) implements Event {}

    /** An ICE server of the {@code iceServers} configuration entry. */
    record IceServer(List<String> urls, String username, String credential) {}

    /** Recreates the connection with the given ICE servers; valid in any state. */
    int initialize(List<IceServer> iceServers);

    /** Recreates the connection with a whole parsed configuration (docs/networks.md, README's packing). */
    default int initialize(RtcConfig config) {
        return initialize(config.iceServers());
    }

    /** Creates a channel; null on failure with the reason in {@link GodotError#takeLastMessage()}. */
    DataChannel createDataChannel(String label, ChannelConfig config);

    int createOffer();

    int setLocalDescription(String type, String sdp);

    int setRemoteDescription(String type, String sdp);

    int addIceCandidate(String media, int index, String name);

    /** Hands every queued event to {@code sink}, in order, on the calling thread. */
    default int poll(Consumer<Event> sink) {
        return pollWhile(e -> {
            sink.accept(e);
            return true;
        });
    }

    /**
     * Hands queued events to {@code sink} in order until it answers false: that event stays queued
     * and comes first next time (a caller's buffer was full). Serialized per connection.
     */
    int pollWhile(Predicate<Event> sink);

    /** Whether {@link #poll} has anything to hand out: lets a caller skip polling idle connections. */
    boolean hasEvents();

    int connectionState();

    int gatheringState();

    int signalingState();

    void close();

    /**
     * {@code get_stats()}: the latest background sample (never waits for libwebrtc); connections
     * that cannot sample answer {@link ConnectionStats#NONE}.
     */
    default ConnectionStats stats() {
        return ConnectionStats.NONE;
    }

    /** Voice (gdwrtcVoice, docs/voice.md): the sample rate of what {@link #pullVoice} reads, mono 16-bit. */
    int VOICE_RATE = 48_000;

    /**
     * Copies up to {@code maxSamples} of the remote peer's voice received since the last call into
     * {@code out} (mono, {@link #VOICE_RATE}, little-endian 16-bit); returns how many (0 without voice).
     */
    default int pullVoice(byte[] out, int maxSamples) {
        return 0;
    }

    /** Samples of the remote peer's voice waiting to be pulled. */
    default int voiceAvailable() {
        return 0;
    }

    /** Whether the remote peer's voice is above the speaking level (with a short hangover). */
    default boolean voiceSpeaking() {
        return false;
    }

    /** Whether this connection was initialized with voice. */
    default boolean hasVoice() {
        return false;
    }

    /**
     * {@code restart_ice()}: a new offer with fresh ICE credentials, surfaced through {@link #poll}
     * as any offer; the connection and its channels stay.
     */
    default int restartIce() {
        return GodotError.fail(GodotError.ERR_UNAVAILABLE, "This connection cannot restart ICE.");
    }
}
