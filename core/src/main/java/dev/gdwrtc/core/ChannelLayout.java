package dev.gdwrtc.core;

import java.util.ArrayList;
import java.util.Arrays;

/**
 * The channels every peer of a multiplayer peer gets, as Godot's {@code channels_config} and
 * {@code channels_modes}: the three built-in negotiated channels, then one per configured extra
 * channel (ids 4, 5, ...), and the transfer mode of each.
 */
final class ChannelLayout {
    private static final String CHANNELS_CONFIG_MSG =
            "The 'channels_config' array must contain only enum values from 'MultiplayerPeer.TransferMode'";

    /** Extra channel configurations (ids 4, 5, ...), as Godot's channels_config. */
    private final ArrayList<ChannelConfig> extra = new ArrayList<>();
    /** Transfer mode of each channel index, as Godot's channels_modes (kept across close()). */
    private int[] modes = new int[8];

    private int modeCount;

    /**
     * Reads a {@code channels_config} (TransferMode values; Integer.MIN_VALUE for an entry that is
     * not an int). As Godot: the lists are reset before the entries are checked, so a bad entry
     * leaves them partly filled.
     */
    int configure(int[] config) {
        extra.clear();
        modeCount = 0;
        pushMode(WebRtcMultiplayer.TRANSFER_MODE_RELIABLE);
        pushMode(WebRtcMultiplayer.TRANSFER_MODE_UNRELIABLE_ORDERED);
        pushMode(WebRtcMultiplayer.TRANSFER_MODE_UNRELIABLE);
        int n = config == null ? 0 : config.length;
        for (int i = 0; i < n; i++) {
            int m = config[i];
            if (m == Integer.MIN_VALUE) {
                return GodotError.fail(GodotError.ERR_INVALID_PARAMETER, CHANNELS_CONFIG_MSG);
            }
            int id = WebRtcMultiplayer.CH_RESERVED_MAX + i + 1;
            ChannelConfig cfg;
            switch (m) {
                case WebRtcMultiplayer.TRANSFER_MODE_UNRELIABLE_ORDERED -> cfg = ChannelConfig.negotiated(id, true, 1);
                case WebRtcMultiplayer.TRANSFER_MODE_UNRELIABLE -> cfg = ChannelConfig.negotiated(id, false, 1);
                case WebRtcMultiplayer.TRANSFER_MODE_RELIABLE -> cfg = ChannelConfig.negotiated(id, true, -1);
                default -> {
                    return GodotError.fail(GodotError.ERR_INVALID_PARAMETER, CHANNELS_CONFIG_MSG + ". Got: " + m);
                }
            }
            extra.add(cfg);
            pushMode(m);
        }
        return GodotError.OK;
    }

    private void pushMode(int mode) {
        if (modeCount == modes.length) {
            modes = Arrays.copyOf(modes, modeCount * 2);
        }
        modes[modeCount++] = mode;
    }

    /** Forgets the extra channels (close()); the modes stay, as Godot's. */
    void clearExtra() {
        extra.clear();
    }

    /** Transfer mode of channel {@code index}; RELIABLE (with a message printed) when out of range. */
    int mode(int index) {
        if (index < 0 || index >= modeCount) {
            GodotError.print("Packet channel index " + index + " is out of bounds (size = " + modeCount + ").");
            return WebRtcMultiplayer.TRANSFER_MODE_RELIABLE;
        }
        return modes[index];
    }

    /**
     * Creates a peer's channels on {@code pc}: "reliable" (id 1, ordered), "ordered" (id 2,
     * ordered, maxPacketLifeTime = unreliableLifetime), "unreliable" (id 3, unordered, same
     * lifetime), then the extra channels "4", "5", .... Null (with the failure recorded, and the
     * channels made so far closed) when one cannot be made.
     */
    DataChannel[] create(PeerConnection pc, int unreliableLifetime) {
        DataChannel[] channels = new DataChannel[WebRtcMultiplayer.CH_RESERVED_MAX + extra.size()];
        channels[WebRtcMultiplayer.CH_RELIABLE] =
                pc.createDataChannel("reliable", ChannelConfig.negotiated(1, true, -1));
        if (channels[WebRtcMultiplayer.CH_RELIABLE] == null) {
            return failed(channels, "reliable");
        }
        channels[WebRtcMultiplayer.CH_ORDERED] =
                pc.createDataChannel("ordered", ChannelConfig.negotiated(2, true, unreliableLifetime));
        if (channels[WebRtcMultiplayer.CH_ORDERED] == null) {
            return failed(channels, "ordered");
        }
        channels[WebRtcMultiplayer.CH_UNRELIABLE] =
                pc.createDataChannel("unreliable", ChannelConfig.negotiated(3, false, unreliableLifetime));
        if (channels[WebRtcMultiplayer.CH_UNRELIABLE] == null) {
            return failed(channels, "unreliable");
        }
        for (int i = 0; i < extra.size(); i++) {
            ChannelConfig cfg = extra.get(i);
            String label = Integer.toString(cfg.id());
            DataChannel ch = pc.createDataChannel(label, cfg);
            if (ch == null) {
                return failed(channels, label);
            }
            channels[WebRtcMultiplayer.CH_RESERVED_MAX + i] = ch;
        }
        return channels;
    }

    private static DataChannel[] failed(DataChannel[] created, String label) {
        String reason = GodotError.takeLastMessage();
        for (DataChannel ch : created) {
            if (ch != null) {
                ch.close();
            }
        }
        GodotError.fail(
                GodotError.FAILED,
                "Unable to create the data channel '" + label + "'" + (reason.isEmpty() ? "." : ": " + reason));
        return null;
    }
}
