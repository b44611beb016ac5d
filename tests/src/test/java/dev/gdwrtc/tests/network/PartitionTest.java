package dev.gdwrtc.tests.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.core.GodotError;
import dev.gdwrtc.core.WebRtcMultiplayer;
import dev.gdwrtc.core.PeerConnection;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A mesh of three: peers 1 and 2 in this JVM, peer 3 in another process in another namespace.
 * A short partition of peer 3 loses nothing on the reliable channel; a long one, or kill -9 of its
 * process, makes 1 and 2 report peer_disconnected(3) while they keep talking to each other. The
 * times are printed for docs/networks.md, not asserted.
 */
@Tag("network")
class PartitionTest {
    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Net.requireTestNamespace();
    }

    /** The mesh 1-2-3, connected. */
    private static Topology.Proc mesh(Topology t, Mesh m, String far) throws Exception {
        t.link(null, "198.18.30.1", far, "198.18.30.2");
        m.local(1, "");
        m.local(2, "");
        Topology.Proc three = t.remotePeer(far, 3, "");
        m.remote(3, three);
        m.connect(1, 2);
        m.connect(1, 3);
        m.connect(2, 3);
        m.until(() -> m.saw("1 connected 2") && m.saw("1 connected 3") && m.saw("2 connected 3")
                && m.saw("3 connected 1") && m.saw("3 connected 2"), "mesh connected");
        return three;
    }

    private static void partition(String ns, String table) throws Exception {
        Topology.nft(ns, "add table inet " + table);
        Topology.nft(ns, "add chain inet " + table + " in { type filter hook input priority 0; policy drop; }");
        Topology.nft(ns, "add chain inet " + table + " out { type filter hook output priority 0; policy drop; }");
    }

    /** Peers 1 and 2 still exchange a reliable packet. */
    private static void oneAndTwoStillTalk(Mesh m, MeshNode one, MeshNode two) throws Exception {
        one.mp.setTargetPeer(2);
        one.mp.setTransferMode(WebRtcMultiplayer.TRANSFER_MODE_RELIABLE);
        assertEquals(GodotError.OK, NativePackets.put(one.mp, new byte[] {42}, 1));
        byte[] buf = new byte[16];
        m.until(() -> two.mp.availablePacketCount() > 0, "1 -> 2 after 3 left");
        assertEquals(1, two.mp.packetPeer());
        assertEquals(1, NativePackets.get(two.mp, buf));
    }

    /** Sends {@code n} numbered reliable packets from 1 to 3 and waits for all echoes, in order. */
    private static void echoed(Mesh m, MeshNode one, int n, Runnable meanwhile) throws Exception {
        one.mp.setTargetPeer(3);
        one.mp.setTransferMode(WebRtcMultiplayer.TRANSFER_MODE_RELIABLE);
        for (int i = 0; i < n; i++) {
            byte[] p = ByteBuffer.allocate(4).putInt(i).array();
            assertEquals(GodotError.OK, NativePackets.put(one.mp, p, p.length));
        }
        meanwhile.run();
        int[] next = {0};
        byte[] buf = new byte[16];
        m.until(() -> {
            while (one.mp.availablePacketCount() > 0) {
                assertEquals(3, one.mp.packetPeer());
                assertEquals(4, NativePackets.get(one.mp, buf));
                assertEquals(next[0]++, ByteBuffer.wrap(buf).getInt(), "reliable echo lost or reordered");
            }
            return next[0] == n;
        }, "echoes after the partition");
    }

    private static long awaitDeparture(Mesh m, long since) throws Exception {
        m.until(() -> m.saw("1 disconnected 3") && m.saw("2 disconnected 3"), "peer 3 reported gone");
        return (System.nanoTime() - since) / 1_000_000;
    }

    @Test
    void shortPartitionLosesNothingLongOneDisconnects() throws Exception {
        String table = "gdwrtc_part";
        try (Topology t = new Topology(); Mesh m = new Mesh()) {
            String far = t.namespace("far");
            mesh(t, m, far);
            MeshNode one = m.node(1), two = m.node(2);

            // Short: one second without any packet, reliable packets sent meanwhile.
            echoed(m, one, 500, () -> {
                try {
                    partition(far, table);
                    long start = System.nanoTime();
                    while (System.nanoTime() - start < 1_000_000_000L) {
                        m.pump();
                        Thread.sleep(5);
                    }
                    Topology.nft(far, "delete table inet " + table);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertFalse(m.events.stream().anyMatch(e -> e.contains("disconnected")), m.events.toString());
            System.out.println("network: a 1 s partition: 500 reliable packets echoed complete and in order, no peer left");

            // Long: until peers 1 and 2 give up on 3.
            partition(far, table);
            long ms = awaitDeparture(m, System.nanoTime());
            System.out.println("network: partition: peer_disconnected(3) on peers 1 and 2 after " + ms + " ms");
            assertFalse(one.mp.hasPeer(3));
            assertTrue(one.mp.hasPeer(2) && two.mp.hasPeer(1));
            assertEquals(PeerConnection.STATE_CONNECTED, one.connection(2).connectionState());
            oneAndTwoStillTalk(m, one, two);
        }
    }

    @Test
    void killedRemoteProcessIsReportedGone() throws Exception {
        try (Topology t = new Topology(); Mesh m = new Mesh()) {
            String far = t.namespace("far");
            Topology.Proc three = mesh(t, m, far);
            MeshNode one = m.node(1), two = m.node(2);
            echoed(m, one, 10, () -> { });
            three.process.destroyForcibly(); // SIGKILL: no close, no SCTP ABORT
            long start = System.nanoTime();
            three.process.waitFor();
            assertEquals(137, three.process.exitValue());
            long ms = awaitDeparture(m, start);
            System.out.println("network: kill -9: peer_disconnected(3) on peers 1 and 2 after " + ms + " ms");
            assertTrue(one.mp.hasPeer(2) && two.mp.hasPeer(1));
            oneAndTwoStillTalk(m, one, two);
        }
    }
}
