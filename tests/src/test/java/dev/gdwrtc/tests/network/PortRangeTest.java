package dev.gdwrtc.tests.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.core.ChannelConfig;
import dev.gdwrtc.core.GodotError;
import dev.gdwrtc.core.PeerConnection;
import dev.gdwrtc.core.config.RtcConfigParser;
import dev.gdwrtc.core.rtc.WebRtcJavaRuntime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** initialize()'s portRange reaches libwebrtc: every gathered candidate binds a port inside it. */
class PortRangeTest {
    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Net.requireTestNamespace();
    }

    @Test
    void candidatesUseOnlyThePortRange() throws Exception {
        PeerConnection pc = WebRtcJavaRuntime.get().newPeerConnection();
        try {
            assertEquals(GodotError.OK, pc.initialize(RtcConfigParser.peerConfig(
                    "{\"portRange\": {\"min\": 41000, \"max\": 41020}, \"bundlePolicy\": \"max-bundle\"}")));
            assertTrue(pc.createDataChannel("x", ChannelConfig.negotiated(1, true, -1)) != null);
            assertEquals(GodotError.OK, pc.createOffer());
            List<String> cands = new ArrayList<>();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (pc.gatheringState() != PeerConnection.GATHERING_STATE_COMPLETE || pc.hasEvents()) {
                assertTrue(System.nanoTime() < deadline, "gathering never completed: " + cands);
                pc.poll(e -> {
                    if (e instanceof PeerConnection.SessionDescription d) {
                        pc.setLocalDescription(d.type(), d.sdp());
                    } else if (e instanceof PeerConnection.IceCandidate c) {
                        cands.add(c.name());
                    }
                });
                Thread.sleep(5);
            }
            assertFalse(cands.isEmpty());
            for (String c : cands) {
                String[] f = c.split(" ");
                int port = Integer.parseInt(f[5]);
                // TCP active candidates carry the discard port 9 and bind nothing.
                assertTrue(port == 9 || (port >= 41000 && port <= 41020), c);
            }
        } finally {
            pc.close();
        }
    }
}
