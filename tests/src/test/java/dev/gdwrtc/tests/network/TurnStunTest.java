package dev.gdwrtc.tests.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.core.ChannelConfig;
import dev.gdwrtc.core.GodotError;
import dev.gdwrtc.core.WebRtcMultiplayer;
import dev.gdwrtc.core.PeerConnection;
import dev.gdwrtc.core.config.RtcConfigParser;
import dev.gdwrtc.core.rtc.WebRtcJavaRuntime;
import dev.gdwrtc.core.stats.ConnectionStats;
import dev.gdwrtc.core.stats.StatsDecoder;
import dev.gdwrtc.core.stats.StatsKeys;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * coturn in a middle namespace; peers in namespaces with no route to each other connect through
 * it with iceTransportPolicy "relay"; a STUN server yields server-reflexive candidates.
 */
@Tag("network")
class TurnStunTest {
    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Net.requireTestNamespace();
    }

    static String turnConfig(String server) {
        return "{\"iceServers\": [{\"urls\": [\"turn:" + server + ":3478?transport=udp\"], \"username\": \"gd\","
                + " \"credential\": \"secret\"}], \"iceTransportPolicy\": \"relay\"}";
    }

    @Test
    void peersWithNoRouteToEachOtherConnectThroughTheRelay(@TempDir Path dir) throws Exception {
        try (Topology t = new Topology(); Mesh m = new Mesh()) {
            String mid = t.namespace("mid"), far = t.namespace("far");
            t.link(null, "198.18.10.1", mid, "198.18.10.2");
            t.link(far, "198.18.20.1", mid, "198.18.20.2");
            // No route between the peers' namespaces (the middle one does not forward).
            assertNotEquals(0, new ProcessBuilder("ip", "-n", far, "route", "get", "198.18.10.1").start().waitFor());
            assertNotEquals(0, new ProcessBuilder("ip", "route", "get", "198.18.20.1").start().waitFor());
            Topology.Proc coturn = t.coturn(mid, dir, "198.18.10.2", "198.18.20.2");

            MeshNode one = m.local(1, turnConfig("198.18.10.2"));
            Topology.Proc two = t.remotePeer(far, 2, turnConfig("198.18.20.2"));
            m.remote(2, two);
            m.connect(1, 2);
            m.until(() -> m.saw("1 connected 2") && m.saw("2 connected 1"), "peers connected through TURN");

            // Packets on each transfer mode, echoed back by the far peer.
            one.mp.setTargetPeer(2);
            int count = 200;
            for (int mode : new int[] {WebRtcMultiplayer.TRANSFER_MODE_UNRELIABLE_ORDERED, WebRtcMultiplayer.TRANSFER_MODE_UNRELIABLE,
                    WebRtcMultiplayer.TRANSFER_MODE_RELIABLE}) {
                one.mp.setTransferMode(mode);
                for (int i = 0; i < count; i++) {
                    byte[] p = ByteBuffer.allocate(8).putInt(mode).putInt(i).array();
                    assertEquals(GodotError.OK, NativePackets.put(one.mp, p, p.length));
                }
            }
            int[] got = new int[3];
            int[] last = {-1, -1, -1};
            byte[] buf = new byte[64];
            m.until(() -> {
                while (one.mp.availablePacketCount() > 0) {
                    int n = NativePackets.get(one.mp, buf);
                    assertEquals(8, n);
                    ByteBuffer b = ByteBuffer.wrap(buf);
                    int mode = b.getInt(), i = b.getInt();
                    if (mode != WebRtcMultiplayer.TRANSFER_MODE_UNRELIABLE) {
                        assertTrue(i > last[mode], "out of order on mode " + mode);
                    }
                    if (mode == WebRtcMultiplayer.TRANSFER_MODE_RELIABLE) {
                        assertEquals(last[mode] + 1, i, "reliable packet lost");
                    }
                    last[mode] = i;
                    got[mode]++;
                }
                return got[WebRtcMultiplayer.TRANSFER_MODE_RELIABLE] == count && got[0] > 0 && got[1] > 0;
            }, "echoes on every transfer mode");
            System.out.printf("network: through TURN, echoed: reliable %d, ordered-unreliable %d, unreliable %d of %d%n",
                    got[2], got[1], got[0], count);

            // The path is the relay's: every candidate either side offered is a relay candidate,
            // and coturn granted permissions and relayed data for both allocations.
            for (int id : new int[] {1, 2}) {
                List<String> cands = m.candidates.get(id);
                assertFalse(cands.isEmpty());
                assertTrue(cands.stream().allMatch(c -> c.contains(" typ relay ")), "peer " + id + ": " + cands);
            }
            assertTrue(coturn.printed("CREATE_PERMISSION processed, success"), coturn.output());
            assertTrue(coturn.lines.stream().filter(l -> l.contains("ALLOCATE processed, success")).count() >= 2, coturn.output());

            // get_stats() says so too: both ends of the selected pair are relay candidates, with
            // a measured round trip (no delay is added: netem is not available everywhere).
            Map<String, Object> stats = relayedStats(one.connection(2));
            System.out.println("network: stats through TURN: " + stats);
            assertEquals("relay", stats.get(StatsKeys.LOCAL_CANDIDATE_TYPE), stats.toString());
            assertEquals("relay", stats.get(StatsKeys.REMOTE_CANDIDATE_TYPE), stats.toString());
            assertEquals("udp", stats.get(StatsKeys.PROTOCOL), stats.toString());
            double rtt = (Double) stats.get(StatsKeys.ROUND_TRIP_TIME);
            assertTrue(rtt >= 0 && rtt < 1.0, "round trip " + rtt);
            // Our peers pack the 600 packets into a few messages: bytes, not packets, are checked.
            assertTrue((Long) stats.get(StatsKeys.BYTES_RECEIVED) > 0, stats.toString());

            two.process.getOutputStream().close(); // the far peer exits by itself on end of input
            assertTrue(two.process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "remote peer did not exit");
            assertEquals(0, two.process.exitValue(), two.output());
        }
    }

    /** The first background sample that names the selected pair and counts the echo (sampled once a second). */
    private static Map<String, Object> relayedStats(PeerConnection pc) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            ConnectionStats s = pc.stats();
            Map<String, Object> m = StatsDecoder.decode(s.encoded());
            boolean named = s.sequence() > 0 && !"".equals(m.get(StatsKeys.LOCAL_CANDIDATE_TYPE));
            if (named && (Long) m.get(StatsKeys.BYTES_RECEIVED) > 0 || System.nanoTime() > deadline) {
                return m;
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aStunServerGivesServerReflexiveCandidates(@TempDir Path dir) throws Exception {
        try (Topology t = new Topology()) {
            String mid = t.namespace("stun");
            String dev = t.link(null, "198.18.10.1", mid, "198.18.10.2");
            // Replies to the mapped address are routed back over the link, then un-NATed.
            Topology.sh("ip", "-n", mid, "route", "add", "198.18.99.0/24", "dev", dev);
            // A NAT in front of the server: it sees this namespace as 198.18.99.1.
            Topology.nft(mid, "add table ip nat");
            Topology.nft(mid, "add chain ip nat in { type nat hook input priority 100; }");
            Topology.nft(mid, "add rule ip nat in ip saddr 198.18.10.0/24 snat to 198.18.99.1");
            t.coturn(mid, dir, "198.18.10.2");
            PeerConnection pc = WebRtcJavaRuntime.get().newPeerConnection();
            try {
                assertEquals(GodotError.OK, pc.initialize(RtcConfigParser.peerConfig(
                        "{\"iceServers\": [{\"urls\": \"stun:198.18.10.2:3478\"}]}")));
                assertTrue(pc.createDataChannel("x", ChannelConfig.negotiated(1, true, -1)) != null);
                assertEquals(GodotError.OK, pc.createOffer());
                List<String> cands = new ArrayList<>();
                long deadline = System.nanoTime() + 120_000_000_000L;
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
                assertTrue(cands.stream().anyMatch(c -> c.contains(" typ srflx") && c.contains("198.18.99.1")), cands.toString());
                System.out.println("network: STUN gave " + cands.stream().filter(c -> c.contains("srflx")).findFirst().orElseThrow());
            } finally {
                pc.close();
            }
        }
    }
}
