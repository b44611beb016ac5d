package dev.gdwrtc.core;

/**
 * The options of {@code WebRTCPeerConnection.create_data_channel}: Godot's dictionary keys
 * {@code negotiated, id, maxPacketLifeTime, maxRetransmits, ordered, protocol}; -1 means unset.
 */
public record ChannelConfig(boolean negotiated, int id, int maxPacketLifeTime, int maxRetransmits,
                            boolean ordered, String protocol) {
    public static ChannelConfig negotiated(int id, boolean ordered, int maxPacketLifeTime) {
        return new ChannelConfig(true, id, maxPacketLifeTime, -1, ordered, "");
    }
}
