package dev.gdwrtc.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.core.ChannelConfig;
import dev.gdwrtc.core.PeerConnection.IceServer;
import dev.gdwrtc.core.config.RtcConfig.BundlePolicy;
import dev.gdwrtc.core.config.RtcConfig.IceTransportPolicy;
import dev.gdwrtc.core.config.RtcConfigParser.InvalidConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtcConfigParserTest {
    private static void rejects(String json, String key) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> RtcConfigParser.peerConfig(json));
        assertTrue(e.getMessage().contains(key), "message should name " + key + ": " + e.getMessage());
    }

    private static void rejectsChannel(String json, String key) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> RtcConfigParser.channelConfig(json));
        assertTrue(e.getMessage().contains(key), "message should name " + key + ": " + e.getMessage());
    }

    @Test
    void emptyIsTheDefault() {
        assertEquals(RtcConfig.DEFAULT, RtcConfigParser.peerConfig(""));
        assertEquals(RtcConfig.DEFAULT, RtcConfigParser.peerConfig("{}"));
        assertEquals(RtcConfig.DEFAULT, RtcConfigParser.peerConfig(null));
        assertFalse(RtcConfig.DEFAULT.hasPortRange());
    }

    @Test
    void everyKey() {
        RtcConfig c = RtcConfigParser.peerConfig("""
                {"iceServers": [{"urls": "stun:198.18.1.1:3478"},
                                {"urls": ["turn:198.18.1.1:3478?transport=udp", "turns:t.example:5349"],
                                 "username": "u", "credential": "p"}],
                 "iceTransportPolicy": "relay", "bundlePolicy": "max-bundle",
                 "portRange": {"min": 40000, "max": 40010}, "someBrowserKey": 3}""");
        assertEquals(List.of(new IceServer(List.of("stun:198.18.1.1:3478"), "", ""),
                new IceServer(List.of("turn:198.18.1.1:3478?transport=udp", "turns:t.example:5349"), "u", "p")), c.iceServers());
        assertEquals(IceTransportPolicy.RELAY, c.iceTransportPolicy());
        assertEquals(BundlePolicy.MAX_BUNDLE, c.bundlePolicy());
        assertEquals(40000, c.minPort());
        assertEquals(40010, c.maxPort());
        assertEquals(BundlePolicy.MAX_COMPAT, RtcConfigParser.peerConfig("{\"bundlePolicy\":\"max-compat\"}").bundlePolicy());
        assertEquals(IceTransportPolicy.ALL, RtcConfigParser.peerConfig("{\"iceTransportPolicy\":\"all\"}").iceTransportPolicy());
    }

    @Test
    void badValuesNameTheirKey() {
        rejects("[1]", "Dictionary");
        rejects("{not json", "not a valid Dictionary");
        rejects("{\"iceServers\": {}}", "iceServers");
        rejects("{\"iceServers\": [3]}", "iceServers[0]");
        rejects("{\"iceServers\": [{}]}", "iceServers[0].urls");
        rejects("{\"iceServers\": [{\"urls\": []}]}", "iceServers[0].urls");
        rejects("{\"iceServers\": [{\"urls\": [5]}]}", "iceServers[0].urls");
        rejects("{\"iceServers\": [{\"urls\": \"http://x\"}]}", "iceServers[0].urls");
        rejects("{\"iceServers\": [{\"urls\": \"stun:a\"}, {\"urls\": \"turn:a\"}]}", "iceServers[1]");
        rejects("{\"iceServers\": [{\"urls\": \"stun:a\", \"username\": 7}]}", "iceServers[0].username");
        rejects("{\"iceTransportPolicy\": \"none\"}", "iceTransportPolicy");
        rejects("{\"iceTransportPolicy\": 1}", "iceTransportPolicy");
        rejects("{\"bundlePolicy\": \"max_bundle\"}", "bundlePolicy");
        rejects("{\"portRange\": 5}", "portRange");
        rejects("{\"portRange\": {\"min\": 10}}", "portRange");
        rejects("{\"portRange\": {\"min\": 10, \"max\": 5}}", "portRange");
        rejects("{\"portRange\": {\"min\": 0, \"max\": 5}}", "portRange.min");
        rejects("{\"portRange\": {\"min\": 1, \"max\": 70000}}", "portRange.max");
        rejects("{\"certificates\": [{}]}", "certificates");
    }

    @Test
    void channelOptions() {
        assertEquals(new ChannelConfig(false, -1, -1, -1, true, ""), RtcConfigParser.channelConfig(""));
        assertEquals(new ChannelConfig(true, 3, 500, -1, false, "p"), RtcConfigParser.channelConfig(
                "{\"negotiated\": true, \"id\": 3, \"maxPacketLifeTime\": 500, \"ordered\": false, \"protocol\": \"p\"}"));
        // Godot's WebRTCMultiplayerPeer: "maxPacketLifetime", and numbers written as floats.
        assertEquals(new ChannelConfig(true, 2, 1, -1, false, ""), RtcConfigParser.channelConfig(
                "{\"negotiated\": 1, \"id\": 2.0, \"maxPacketLifetime\": 1, \"ordered\": false}"));
        assertEquals(7, RtcConfigParser.channelConfig("{\"maxRetransmits\": 7}").maxRetransmits());
    }

    @Test
    void badChannelOptionsNameTheirKey() {
        rejectsChannel("{\"id\": \"a\"}", "id");
        rejectsChannel("{\"id\": 65535}", "id");
        rejectsChannel("{\"id\": 1.5}", "id");
        rejectsChannel("{\"maxRetransmits\": 70000}", "maxRetransmits");
        rejectsChannel("{\"maxPacketLifetime\": -5}", "maxPacketLifetime");
        rejectsChannel("{\"ordered\": \"yes\"}", "ordered");
        rejectsChannel("{\"protocol\": 3}", "protocol");
        rejectsChannel("[]", "Dictionary");
    }
}
