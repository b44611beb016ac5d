package dev.gdwrtc.tests.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.core.ChannelConfig;
import dev.gdwrtc.core.DataChannel;
import dev.gdwrtc.core.GodotError;
import dev.gdwrtc.core.PeerConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Candidates as browsers send them: mDNS host names (Chromium hides local addresses behind
 * random .local names) and TCP candidates are accepted, never a failure (webrtc-native's users got
 * "Invalid candidate format" for these: its issue #128), and the connection still forms.
 */
class BrowserCandidatesTest {
    static final String[] BROWSER_CANDIDATES = {
        "candidate:3890812426 1 udp 2113937151 4a1c6e2f-8f3b-4a8e-9d3b-0c5e6f7a8b9c.local 56789 typ host generation 0 ufrag abcd network-cost 999",
        "candidate:1162875081 1 tcp 1518280447 198.18.0.1 9 typ host tcptype active generation 0 ufrag abcd network-id 1",
        "candidate:2 1 TCP 2105458943 6f0d2b1c-aaaa-bbbb-cccc-123456789abc.local 9 typ host tcptype active",
        "a=candidate:4 1 udp 2113937151 198.18.0.2 40000 typ host"};

    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Net.requireTestNamespace();
    }

    @Test
    void mdnsAndTcpCandidatesAreAccepted() throws Exception {
        try (Pair p = new Pair()) {
            DataChannel ca = p.a.createDataChannel("c", ChannelConfig.negotiated(1, true, -1));
            DataChannel cb = p.b.createDataChannel("c", ChannelConfig.negotiated(1, true, -1));
            assertEquals(GodotError.OK, p.a.createOffer());
            p.until(() -> p.b.signalingState() == PeerConnection.SIGNALING_STATE_STABLE
                    && p.a.signalingState() == PeerConnection.SIGNALING_STATE_STABLE
                    && p.a.connectionState() != PeerConnection.STATE_NEW, "descriptions exchanged");
            for (String c : BROWSER_CANDIDATES) {
                assertEquals(GodotError.OK, p.b.addIceCandidate("0", 0, c), c);
            }
            p.connect(ca, cb);
            p.pump();
            assertTrue(p.failuresOnB.isEmpty(), p.failuresOnB.toString());
            assertEquals(GodotError.OK, ca.putPacket(new byte[] {5}, 0, 1));
            p.until(() -> cb.availablePacketCount() == 1, "packet after browser candidates");
        }
    }
}
