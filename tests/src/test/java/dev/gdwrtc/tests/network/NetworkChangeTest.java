package dev.gdwrtc.tests.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.core.GodotError;
import dev.gdwrtc.core.WebRtcMultiplayer;
import dev.gdwrtc.core.stats.StatsDecoder;
import dev.gdwrtc.core.stats.StatsKeys;
import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A mesh of two across namespaces (peer 1 here, the first offerer; peer 2, echoing, in another
 * process) whose far side changes address mid-session: 198.18.N.2 is removed and 198.18.N.3
 * added on its link, as a laptop moving networks. Reliable packets keep being sent throughout.
 * With gdwrtcAutoIceRestart the peer is kept, ICE restarts through the signalling, and every
 * packet comes back in order; without it the peer is dropped after ICE's detection time. Times
 * are printed for docs/networks.md, not asserted.
 */
@Tag("network")
class NetworkChangeTest {
    private static final String AUTO = "{\"gdwrtcAutoIceRestart\": true}";

    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Net.requireTestNamespace();
    }

    /** The numbered reliable stream from peer 1 to 2 and its echoes, checked in order. */
    private static final class Stream {
        final MeshNode one;
        int sent;
        int echoed;
        long lastEchoNanos;
        final byte[] buf = new byte[16];
        /** Whether a missing or reordered echo fails the test here; if not, gaps are only counted. */
        boolean strict = true;
        /** Echoes that skipped numbers (non-strict): the number expected and the one that came. */
        final java.util.List<String> gaps = new java.util.ArrayList<>();

        Stream(MeshNode one) {
            this.one = one;
        }

        /** Set once enough has flowed: no more sends, so the last echoes can catch up. */
        boolean stopped;

        void send() {
            if (stopped) {
                return;
            }
            one.mp.setTargetPeer(2);
            one.mp.setTransferMode(WebRtcMultiplayer.TRANSFER_MODE_RELIABLE);
            byte[] p = ByteBuffer.allocate(4).putInt(sent).array();
            if (one.mp.hasPeer(2) && NativePackets.put(one.mp, p, p.length) == GodotError.OK) {
                sent++;
            }
        }

        void read() {
            while (one.mp.availablePacketCount() > 0) {
                assertEquals(2, one.mp.packetPeer());
                assertEquals(4, NativePackets.get(one.mp, buf));
                int n = ByteBuffer.wrap(buf).getInt();
                if (strict) {
                    assertEquals(echoed, n, "a reliable packet was lost or reordered");
                } else if (n != echoed) {
                    gaps.add(echoed + "->" + n);
                }
                echoed++;
                lastEchoNanos = System.nanoTime();
            }
        }
    }

    /** Connects, streams for a second, then moves the far side; returns when {@code done} holds. */
    private static long[] run(String config, int subnet, java.util.function.BiPredicate<Mesh, Stream> done) throws Exception {
        return run(config, subnet, true, done);
    }

    private static long[] run(String config, int subnet, boolean strict, java.util.function.BiPredicate<Mesh, Stream> done)
            throws Exception {
        return run(config, subnet, strict, config, done);
    }

    /** {@code farConfig}: peer 2's configuration, when it differs from peer 1's. */
    private static long[] run(String config, int subnet, boolean strict, String farConfig, java.util.function.BiPredicate<Mesh, Stream> done)
            throws Exception {
        // A subnet per test: the previous test's link may still be dying, with the same address here.
        String net = "198.18." + subnet + ".";
        try (Topology t = new Topology(); Mesh m = new Mesh()) {
            String far = t.namespace("far");
            String dev = t.link(null, net + "1", far, net + "2");
            MeshNode one = m.local(1, config);
            Topology.Proc two = t.remotePeer(far, 2, farConfig);
            m.remote(2, two);
            m.connect(1, 2);
            try {
                m.until(() -> m.saw("1 connected 2") && m.saw("2 connected 1"), "peers connected");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; peer 1's connection in state " + one.connection(2).connectionState()
                        + ", signalling " + one.connection(2).signalingState() + "; peer 2 said:\n" + String.join("\n", two.lines), e);
            }
            Stream s = new Stream(one);
            s.strict = strict;
            long start = System.nanoTime(), changed = 0, back = 0;
            int echoedAtChange = 0;
            while (!done.test(m, s)) {
                long now = System.nanoTime();
                assertTrue(now - start < 90_000_000_000L, "never settled; events " + m.events + ", echoed " + s.echoed + "/" + s.sent);
                if (changed == 0 && now - start > 1_000_000_000L) {
                    Topology.sh("ip", "-n", far, "addr", "del", net + "2/24", "dev", dev);
                    Topology.sh("ip", "-n", far, "addr", "add", net + "3/24", "dev", dev);
                    changed = System.nanoTime();
                    echoedAtChange = s.echoed;
                }
                s.send();
                m.pump();
                s.read();
                // Flowing again: an echo of a packet sent after the change.
                if (changed != 0 && back == 0 && s.echoed > echoedAtChange + 50 && s.lastEchoNanos > changed) {
                    back = s.lastEchoNanos;
                }
                Thread.sleep(20);
            }
            Map<String, Object> stats = StatsDecoder.decode(one.connection(2).stats().encoded());
            System.out.println("network: after the change, peer 1's stats: " + stats);
            two.process.getOutputStream().close();
            assertTrue(two.process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "remote peer did not exit");
            if (!s.gaps.isEmpty()) {
                System.out.println("network: echoes out of sequence (expected->got): " + s.gaps + "; peer 2 said:\n" + two.output());
            }
            // Candidates peer 2 gathered on its new address (after an ICE restart, by either side).
            long onNewAddress = m.candidates.getOrDefault(2, java.util.List.of()).stream().filter(c -> c.contains(" " + net + "3 ")).count();
            return new long[] {changed, back, s.sent, s.echoed, (Long) stats.get(StatsKeys.ICE_RESTARTS), onNewAddress};
        }
    }

    @Test
    void withAutomaticIceRestartThePeerStaysAndEveryReliablePacketArrives() throws Exception {
        boolean[] dropped = {false};
        long[] r = run(AUTO, 41, (m, s) -> {
            dropped[0] |= m.events.stream().anyMatch(e -> e.contains("disconnected"));
            // Settled: 400 echoes (most after the change), then sending stops and every packet
            // sent comes back.
            s.stopped |= s.echoed > 400;
            return dropped[0] || s.stopped && s.echoed == s.sent;
        });
        assertFalse(dropped[0], "the peer was dropped");
        assertTrue(r[1] > 0, "packets never flowed again");
        // Either side may restart (the far one usually first: it sees its address go).
        assertTrue(r[5] > 0, "no ICE restart was made: peer 2 never offered a candidate on its new address");
        System.out.printf("network: address change with gdwrtcAutoIceRestart: flowing again %d ms after the change,"
                + " %d ICE restart(s), %d/%d reliable packets echoed in order, no peer_disconnected%n",
                (r[1] - r[0]) / 1_000_000, r[4], r[3], r[2]);
    }

    /**
     * The bound: packets flow again within 5 s of the change. The far side sees its own
     * address go (NetworkWatch) and restarts ICE at once, without waiting for ICE to find the path
     * dead. The order of the reliable echoes is the test above's to check; here a gap is only
     * printed, the time and the peer staying are asserted.
     */
    @Test
    void withAutomaticIceRestartPacketsFlowAgainWithinFiveSeconds() throws Exception {
        boolean[] dropped = {false};
        long[] r = run(AUTO, 42, false, (m, s) -> {
            dropped[0] |= m.events.stream().anyMatch(e -> e.contains("disconnected"));
            return dropped[0] || s.lastEchoNanos > 0 && s.echoed >= s.sent - 5 && s.sent > 0 && s.echoed > 400;
        });
        assertFalse(dropped[0], "the peer was dropped");
        assertTrue(r[1] > 0, "packets never flowed again");
        assertTrue(r[5] > 0, "peer 2 never offered a candidate on its new address");
        long ms = (r[1] - r[0]) / 1_000_000;
        System.out.printf("network: address change with gdwrtcAutoIceRestart and the address watch: flowing again %d ms"
                + " after the change, %d ICE restart(s) seen by peer 1, %d/%d reliable packets echoed%n", ms, r[4], r[3], r[2]);
        assertTrue(ms <= 5000, "packets flowed again only " + ms + " ms after the change (the issue's bound is 5 s)");
    }

    /**
     * The side whose address changes cannot restart (no gdwrtcAutoIceRestart there, as a browser
     * or a peer without the key), so only peer 1 can: it sees its sends bring nothing back
     * (AutoIceRestart#stalled, from the stats samples) and restarts before ICE calls the path dead.
     * Peer 2, which hides nothing, switches to the new pair instead of reporting its ICE
     * disconnected, so neither side drops the other. Peer 2's own ICE decides when it leaves the
     * dead pair (2.8 or 5.8 s in runs here), so the 5 s is not asserted: that bound is for
     * both sides with the key (above); the time is printed for docs/networks.md.
     */
    @Test
    void whenOnlyTheUnchangedSideHasTheKeyItRestartsOnASilentPath() throws Exception {
        boolean[] dropped = {false};
        long[] r = run(AUTO, 44, false, "", (m, s) -> {
            dropped[0] |= m.events.stream().anyMatch(e -> e.contains("disconnected"));
            return dropped[0] || s.lastEchoNanos > 0 && s.echoed >= s.sent - 5 && s.sent > 0 && s.echoed > 400;
        });
        assertFalse(dropped[0], "a peer was dropped");
        assertTrue(r[1] > 0, "packets never flowed again");
        assertTrue(r[4] >= 1, "peer 1 made no ICE restart");
        long ms = (r[1] - r[0]) / 1_000_000;
        System.out.printf("network: address change on the side without the key, peer 1 restarting on a silent path: flowing"
                + " again %d ms after the change, %d ICE restart(s) by peer 1, %d/%d reliable packets echoed%n", ms, r[4], r[3], r[2]);
    }

    /**
     * Both sides see the same change at once (both in this process's namespace, where a link is
     * added mid-session), so both restart ICE and their offers cross: the first offerer's wins,
     * the other rolls back and answers. Neither peer is dropped, no error is reported, and packets
     * pass both ways afterwards.
     */
    @Test
    void restartOffersThatCrossAreSettled() throws Exception {
        try (Topology t = new Topology(); Mesh m = new Mesh()) {
            MeshNode one = m.local(1, AUTO), two = m.local(2, AUTO);
            m.connect(1, 2);
            m.until(() -> m.saw("1 connected 2") && m.saw("2 connected 1"), "peers connected");
            t.link(null, "198.18.43.1", t.namespace("other"), "198.18.43.2");
            m.until(() -> ice(one, 2).restarts >= 1 && ice(two, 1).restarts >= 1, "both sides restarted ICE");
            long settle = System.nanoTime() + 3_000_000_000L;
            m.until(() -> System.nanoTime() > settle, "3 s after the restarts");
            byte[] buf = new byte[16];
            for (MeshNode[] d : new MeshNode[][] {{one, two}, {two, one}}) {
                d[0].mp.setTargetPeer(d[1].id);
                d[0].mp.setTransferMode(WebRtcMultiplayer.TRANSFER_MODE_RELIABLE);
                assertEquals(GodotError.OK, NativePackets.put(d[0].mp, new byte[] {7}, 1));
                m.until(() -> d[1].mp.availablePacketCount() > 0, "a packet from " + d[0].id + " to " + d[1].id + " after the restarts");
                assertEquals(1, NativePackets.get(d[1].mp, buf));
            }
            assertTrue(m.events.stream().noneMatch(e -> e.contains("disconnected") || e.contains("failure")), m.events.toString());
            System.out.println("network: crossing restart offers settled; ICE restarts offered: peer 1 " + ice(one, 2).restarts
                    + ", peer 2 " + ice(two, 1).restarts + "; events " + m.events);
        }
    }

    private record Ice(long restarts, String remote) {}

    private static Ice ice(MeshNode n, int peer) {
        Map<String, Object> s = StatsDecoder.decode(n.connection(peer).stats().encoded());
        return new Ice((Long) s.get(StatsKeys.ICE_RESTARTS), (String) s.get(StatsKeys.REMOTE_ADDRESS));
    }

    @Test
    void withoutItThePeerIsDropped() throws Exception {
        long[] at = {0};
        long[] r = run("", 40, (m, s) -> {
            if (at[0] == 0 && m.saw("1 disconnected 2")) {
                at[0] = System.nanoTime();
            }
            return at[0] != 0;
        });
        System.out.printf("network: address change without automatic restart: peer_disconnected(2) %d ms after the change%n",
                (at[0] - r[0]) / 1_000_000);
    }
}
