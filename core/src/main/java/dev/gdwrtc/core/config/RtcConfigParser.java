package dev.gdwrtc.core.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.gdwrtc.core.ChannelConfig;
import dev.gdwrtc.core.PeerConnection.IceServer;
import dev.gdwrtc.core.config.RtcConfig.BundlePolicy;
import dev.gdwrtc.core.config.RtcConfig.IceTransportPolicy;
import dev.gdwrtc.core.config.RtcConfig.VoiceConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the two configuration dictionaries a script passes (as Godot's {@code JSON.stringify}
 * writes them): {@code WebRTCPeerConnection.initialize(configuration)} and
 * {@code create_data_channel(label, options)}. Every value is checked here, before libwebrtc sees
 * it, and a bad one is an {@link InvalidConfigException} whose message names the key. Unknown keys
 * are ignored, as browsers ignore them. docs/networks.md lists every key.
 */
public final class RtcConfigParser {
    /** An SCTP stream id is 16 bits and 65535 is reserved (RFC 8831). */
    public static final int MAX_CHANNEL_ID = 65534;
    /** Ours, not the browser's: false turns off packing small packets between two of our peers. */
    public static final String PACKING_KEY = "gdwrtcPacking";
    /** Ours: milliseconds between stats samples (0: no sampling), bounded so sampling stays cheap. */
    public static final String STATS_INTERVAL_KEY = "gdwrtcStatsInterval";
    public static final int MIN_STATS_INTERVAL_MS = 50;
    public static final int MAX_STATS_INTERVAL_MS = 3_600_000;
    /** Ours: hide an ICE disconnection and restart ICE from the offering side (AutoIceRestart). */
    public static final String AUTO_ICE_RESTART_KEY = "gdwrtcAutoIceRestart";
    /**
     * Ours: true (or a Dictionary {"bitrate", "echoCancellation", "noiseSuppression", "dtx"}) adds a voice
     * track to the connection; absent or false, the SDP has no audio section.
     */
    public static final String VOICE_KEY = "gdwrtcVoice";
    /** maxPacketLifeTime and maxRetransmits are unsigned 16-bit on the wire (RFC 8832). */
    public static final int MAX_RELIABILITY_PARAMETER = 65535;

    private RtcConfigParser() {}

    /** A configuration value a script passed that cannot be used; the message names the key. */
    public static final class InvalidConfigException extends IllegalArgumentException {
        public InvalidConfigException(String message) {
            super(message);
        }
    }

    /** {@code initialize}'s dictionary; empty or null text is the default configuration. */
    public static RtcConfig peerConfig(String json) {
        JsonObject o = object(json, "configuration");
        List<IceServer> servers = iceServers(o.get("iceServers"));
        IceTransportPolicy policy = choice(o, "iceTransportPolicy", IceTransportPolicy.values(), IceTransportPolicy.ALL);
        BundlePolicy bundle = choice(o, "bundlePolicy", BundlePolicy.values(), BundlePolicy.BALANCED);
        if (present(o, "certificates")) {
            // webrtc-java aborts the process on a malformed PEM; libwebrtc makes its own certificate.
            throw new InvalidConfigException("'certificates' is not supported: each connection generates its own.");
        }
        int min = RtcConfig.ANY_PORT, max = RtcConfig.ANY_PORT;
        if (present(o, "portRange")) {
            JsonElement r = o.get("portRange");
            if (!r.isJsonObject()) {
                throw new InvalidConfigException("'portRange' must be a Dictionary {\"min\": port, \"max\": port}.");
            }
            min = integer(r.getAsJsonObject(), "min", "portRange.min", 1, 65535, -1);
            max = integer(r.getAsJsonObject(), "max", "portRange.max", 1, 65535, -1);
            if (min < 0 || max < 0 || min > max) {
                throw new InvalidConfigException("'portRange' needs 'min' and 'max' with 1 <= min <= max <= 65535.");
            }
        }
        boolean packing = bool(o, PACKING_KEY, true);
        int statsInterval = integer(o, STATS_INTERVAL_KEY, STATS_INTERVAL_KEY, 0, MAX_STATS_INTERVAL_MS, RtcConfig.DEFAULT_STATS_INTERVAL_MS);
        if (statsInterval > 0 && statsInterval < MIN_STATS_INTERVAL_MS) {
            throw new InvalidConfigException("'" + STATS_INTERVAL_KEY + "' must be 0 (no sampling) or at least "
                    + MIN_STATS_INTERVAL_MS + " milliseconds, not " + statsInterval + ".");
        }
        boolean autoRestart = bool(o, AUTO_ICE_RESTART_KEY, false);
        return new RtcConfig(List.copyOf(servers), policy, bundle, min, max, packing, statsInterval, autoRestart, voice(o));
    }

    private static VoiceConfig voice(JsonObject o) {
        if (!present(o, VOICE_KEY)) {
            return null;
        }
        JsonElement v = o.get(VOICE_KEY);
        if (v.isJsonObject()) {
            JsonObject d = v.getAsJsonObject();
            return new VoiceConfig(
                    integer(d, "bitrate", VOICE_KEY + ".bitrate", VoiceConfig.MIN_BITRATE, VoiceConfig.MAX_BITRATE, VoiceConfig.DEFAULT_BITRATE),
                    bool(d, "echoCancellation", true),
                    bool(d, "noiseSuppression", true),
                    bool(d, "dtx", false));
        }
        if (v instanceof JsonPrimitive p && (p.isBoolean() || p.isNumber())) {
            return bool(o, VOICE_KEY, false) ? VoiceConfig.DEFAULT : null;
        }
        throw new InvalidConfigException("'" + VOICE_KEY + "' must be a bool or a Dictionary {\"bitrate\": bits per second, "
                + "\"echoCancellation\": bool, \"noiseSuppression\": bool, \"dtx\": bool}, not " + v + ".");
    }

    /** {@code create_data_channel}'s options; -1 stands for an unset number. */
    public static ChannelConfig channelConfig(String json) {
        JsonObject o = object(json, "data channel options");
        // Godot's own WebRTCMultiplayerPeer spells it "maxPacketLifetime"; both are honoured.
        String lifeKey = present(o, "maxPacketLifeTime") ? "maxPacketLifeTime" : "maxPacketLifetime";
        return new ChannelConfig(
                bool(o, "negotiated", false),
                integer(o, "id", "id", -1, MAX_CHANNEL_ID, -1),
                integer(o, lifeKey, lifeKey, -1, MAX_RELIABILITY_PARAMETER, -1),
                integer(o, "maxRetransmits", "maxRetransmits", -1, MAX_RELIABILITY_PARAMETER, -1),
                bool(o, "ordered", true),
                string(o, "protocol", "protocol"));
    }

    private static JsonObject object(String json, String what) {
        if (json == null || json.isBlank()) {
            return new JsonObject();
        }
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (RuntimeException e) {
            throw new InvalidConfigException("The " + what + " is not a valid Dictionary: " + e.getMessage());
        }
        if (root.isJsonNull()) {
            return new JsonObject();
        }
        if (!root.isJsonObject()) {
            throw new InvalidConfigException("The " + what + " must be a Dictionary.");
        }
        return root.getAsJsonObject();
    }

    private static boolean present(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull();
    }

    private static List<IceServer> iceServers(JsonElement list) {
        List<IceServer> servers = new ArrayList<>();
        if (list == null || list.isJsonNull()) {
            return servers;
        }
        if (!list.isJsonArray()) {
            throw new InvalidConfigException("'iceServers' must be an Array of Dictionaries.");
        }
        int i = 0;
        for (JsonElement e : list.getAsJsonArray()) {
            String at = "iceServers[" + i++ + "]";
            if (!e.isJsonObject()) {
                throw new InvalidConfigException("'" + at + "' must be a Dictionary with 'urls'.");
            }
            JsonObject o = e.getAsJsonObject();
            List<String> urls = urls(o.get("urls"), at + ".urls");
            String username = string(o, "username", at + ".username");
            String credential = string(o, "credential", at + ".credential");
            for (String url : urls) {
                if (url.startsWith("turn") && (username.isEmpty() || credential.isEmpty())) {
                    throw new InvalidConfigException("'" + at + "' is a TURN server ('" + url
                            + "') and needs 'username' and 'credential'.");
                }
            }
            servers.add(new IceServer(List.copyOf(urls), username, credential));
        }
        return servers;
    }

    private static List<String> urls(JsonElement urls, String key) {
        List<String> out = new ArrayList<>();
        if (urls != null && urls.isJsonArray()) {
            for (JsonElement x : (JsonArray) urls) {
                out.add(url(x, key));
            }
        } else if (urls != null && !urls.isJsonNull()) {
            out.add(url(urls, key));
        }
        if (out.isEmpty()) {
            throw new InvalidConfigException("'" + key + "' is missing: give a URL or an Array of URLs.");
        }
        return out;
    }

    private static String url(JsonElement x, String key) {
        if (!(x instanceof JsonPrimitive p) || !p.isString()) {
            throw new InvalidConfigException("'" + key + "' must hold Strings, not " + x + ".");
        }
        String url = p.getAsString().trim();
        // What RFC 7064/7065 allow; libwebrtc rejects anything else only by failing the whole connection.
        if (!url.matches("(?i)(stun|stuns|turn|turns):[^\\s]+")) {
            throw new InvalidConfigException("'" + key + "': '" + url + "' is not a stun:, stuns:, turn: or turns: URL.");
        }
        return url;
    }

    private static <E extends Enum<E>> E choice(JsonObject o, String key, E[] values, E fallback) {
        if (!present(o, key)) {
            return fallback;
        }
        JsonElement e = o.get(key);
        StringBuilder allowed = new StringBuilder();
        for (E v : values) {
            String name = v.toString().toLowerCase().replace('_', '-');
            if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() && name.equals(e.getAsString())) {
                return v;
            }
            allowed.append(allowed.length() == 0 ? "" : ", ").append('"').append(name).append('"');
        }
        throw new InvalidConfigException("'" + key + "' must be one of " + allowed + ", not " + e + ".");
    }

    private static String string(JsonObject o, String key, String name) {
        if (!present(o, key)) {
            return "";
        }
        JsonElement e = o.get(key);
        if (!(e instanceof JsonPrimitive p) || !p.isString()) {
            throw new InvalidConfigException("'" + name + "' must be a String, not " + e + ".");
        }
        return p.getAsString();
    }

    /** A whole number in [min, max]; Godot writes ints as 1 and floats as 1.0, both accepted. */
    private static int integer(JsonObject o, String key, String name, int min, int max, int fallback) {
        if (!present(o, key)) {
            return fallback;
        }
        JsonElement e = o.get(key);
        if (e instanceof JsonPrimitive p && p.isNumber()) {
            double d = p.getAsDouble();
            if (d == Math.rint(d) && d >= min && d <= max) {
                return (int) d;
            }
        }
        throw new InvalidConfigException("'" + name + "' must be a whole number from " + min + " to " + max + ", not " + e + ".");
    }

    /** A bool; Godot's own class converts a number to bool too, so 0 and 1 are accepted. */
    private static boolean bool(JsonObject o, String key, boolean fallback) {
        if (!present(o, key)) {
            return fallback;
        }
        JsonElement e = o.get(key);
        if (e instanceof JsonPrimitive p && p.isBoolean()) {
            return p.getAsBoolean();
        }
        if (e instanceof JsonPrimitive p && p.isNumber()) {
            return p.getAsDouble() != 0;
        }
        throw new InvalidConfigException("'" + key + "' must be a bool, not " + e + ".");
    }
}
