package dev.gdwrtc.bridge;

import com.google.gson.JsonElement;

/**
 * The {@code gdwrtcPacking} key of {@code WebRTCPeerConnection.initialize}'s configuration: false
 * turns off packing small packets between two of our peers (on by default; stock peers never see it).
 */
final class PackingOption {
    static final String KEY = "gdwrtcPacking";

    private PackingOption() {}

    static boolean enabled(JsonElement configuration) {
        if (configuration == null || !configuration.isJsonObject()) {
            return true;
        }
        JsonElement v = configuration.getAsJsonObject().get(KEY);
        if (v == null || v.isJsonNull()) {
            return true;
        }
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isBoolean()) {
            throw new IllegalArgumentException("'" + KEY + "' must be a bool.");
        }
        return v.getAsBoolean();
    }
}
