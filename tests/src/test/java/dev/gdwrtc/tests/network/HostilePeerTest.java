package dev.gdwrtc.tests.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.core.ChannelConfig;
import dev.gdwrtc.core.DataChannel;
import dev.gdwrtc.core.GodotError;
import dev.gdwrtc.core.PeerConnection;
import dev.gdwrtc.core.rtc.WebRtcJavaDataChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A remote that sends faster than the game reads, or opens and closes channels in a loop, over
 * real webrtc-java: memory stays bounded and the process lives.
 */
class HostilePeerTest {
    /** ReceiveLimit's and ChannelGroup.CONNECTION_LIMIT, as docs/networks.md states them. */
    static final long RELIABLE_LIMIT = 16L * 1024 * 1024, UNRELIABLE_LIMIT = 4L * 1024 * 1024, CONNECTION_LIMIT = 32L * 1024 * 1024;

    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Net.requireTestNamespace();
    }

    /** Sends {@code bytes} in packets of {@code size}, retrying while the send queue is busy. */
    private static void flood(Pair p, DataChannel from, long bytes, int size) throws InterruptedException {
        byte[] m = new byte[size];
        for (long sent = 0; sent < bytes; ) {
            int err = from.putPacket(m, 0, m.length);
            if (err == GodotError.OK) {
                sent += size;
            } else {
                assertEquals(GodotError.ERR_BUSY, err);
                p.pump();
                Thread.sleep(1);
            }
        }
    }

    @Test
    void unreadUnreliablePacketsAreBoundedAndDropped() throws Exception {
        try (Pair p = new Pair()) {
            DataChannel ca = p.a.createDataChannel("u", new ChannelConfig(true, 1, -1, 0, false, ""));
            DataChannel cb = p.b.createDataChannel("u", new ChannelConfig(true, 1, -1, 0, false, ""));
            DataChannel ra = p.a.createDataChannel("r", ChannelConfig.negotiated(2, true, -1));
            DataChannel rb = p.b.createDataChannel("r", ChannelConfig.negotiated(2, true, -1));
            p.connect(ca, cb, ra, rb);
            // a never reads. Unreliable packets may also be lost on the way under load (no
            // retransmits), so send until the limit drops some, up to 64 limits' worth.
            for (long sent = 0; ((WebRtcJavaDataChannel) ca).droppedPackets() == 0 && sent < 64 * UNRELIABLE_LIMIT; sent += UNRELIABLE_LIMIT) {
                flood(p, cb, UNRELIABLE_LIMIT, 16 * 1024);
                p.pump();
            }
            // The drop is counted on libwebrtc's thread just before its warning is queued: wait
            // for the warning itself, which surfaces from a later poll.
            p.until(() -> p.failuresOnA.stream().anyMatch(f -> f.contains("dropped received packets")), "warning of dropped packets");
            assertTrue(((WebRtcJavaDataChannel) ca).droppedPackets() > 0);
            assertTrue(p.a.unreadBytes() <= UNRELIABLE_LIMIT + 1024, "unread bytes " + p.a.unreadBytes());
            assertTrue(ca.availablePacketCount() * 16L * 1024 <= UNRELIABLE_LIMIT);
            assertEquals(PeerConnection.STATE_CONNECTED, p.a.connectionState());
            // What was kept is still readable, and the channel goes on working.
            int kept = ca.availablePacketCount();
            byte[] buf = new byte[16 * 1024];
            for (int i = 0; i < kept; i++) {
                assertEquals(16 * 1024, ca.getPacket(buf, 0, buf.length));
            }
        }
    }

    @Test
    void unreadReliablePacketsOverTheLimitCloseTheConnectionWithAMessage() throws Exception {
        try (Pair p = new Pair()) {
            DataChannel ca = p.a.createDataChannel("r", ChannelConfig.negotiated(1, true, -1));
            DataChannel cb = p.b.createDataChannel("r", ChannelConfig.negotiated(1, true, -1));
            p.connect(ca, cb);
            long deadline = System.nanoTime() + 120_000_000_000L;
            byte[] m = new byte[16 * 1024];
            while (p.a.connectionState() == PeerConnection.STATE_CONNECTED && System.nanoTime() < deadline) {
                if (cb.putPacket(m, 0, m.length) != GodotError.OK) {
                    p.pump();
                    Thread.sleep(1);
                }
            }
            assertEquals(PeerConnection.STATE_FAILED, p.a.connectionState());
            p.pump();
            assertTrue(p.failuresOnA.stream().anyMatch(f -> f.contains("receive limit") && f.contains("'r'")), p.failuresOnA.toString());
            assertTrue(p.a.unreadBytes() <= RELIABLE_LIMIT, "unread bytes " + p.a.unreadBytes());
        }
    }

    @Test
    void aLastPacketBeforeCloseStaysReadableAfterTheChannelIsDisposed() throws Exception {
        try (Pair p = new Pair()) {
            DataChannel ca = p.a.createDataChannel("bye", ChannelConfig.negotiated(1, true, -1));
            DataChannel cb = p.b.createDataChannel("bye", ChannelConfig.negotiated(1, true, -1));
            p.connect(ca, cb);
            assertEquals(GodotError.OK, cb.putPacket(new byte[] {1, 2, 3}, 0, 3));
            p.until(() -> ca.availablePacketCount() == 1, "last packet");
            cb.close();
            p.until(() -> ca.readyState() == DataChannel.STATE_CLOSED && p.a.liveChannelCount() == 0, "closed and disposed");
            byte[] buf = new byte[8];
            assertEquals(3, ca.getPacket(buf, 0, buf.length));
            assertEquals(0, p.a.unreadBytes());
        }
    }

    @Test
    void channelsTheRemoteOpensAndClosesInALoopStayBounded() throws Exception {
        try (Pair p = new Pair()) {
            DataChannel ca = p.a.createDataChannel("keep", ChannelConfig.negotiated(0, true, -1));
            DataChannel cb = p.b.createDataChannel("keep", ChannelConfig.negotiated(0, true, -1));
            p.connect(ca, cb);
            int total = Integer.getInteger("gdwrtc.churn", 10_000), batch = 100;
            for (int done = 0; done < total; done += batch) {
                List<DataChannel> opened = new ArrayList<>();
                for (int i = 0; i < batch; i++) {
                    DataChannel c = p.a.createDataChannel("churn", new ChannelConfig(false, -1, -1, -1, true, ""));
                    assertNotNull(c, GodotError.takeLastMessage());
                    opened.add(c);
                }
                p.until(() -> p.receivedOnB.size() == batch, "remote channels received");
                opened.forEach(DataChannel::close);
                p.until(() -> p.b.liveChannelCount() == 1 && p.a.liveChannelCount() == 1, "closed and disposed");
                assertTrue(p.receivedOnB.stream().allMatch(c -> c.readyState() == DataChannel.STATE_CLOSED));
                p.receivedOnB.clear(); // the game lets go of them
            }
            assertEquals(1, p.b.liveChannelCount());
            assertEquals(GodotError.OK, ca.putPacket(new byte[] {1}, 0, 1));
            p.until(() -> cb.availablePacketCount() == 1, "the kept channel still works");
            System.out.println("network: " + total + " channels opened and closed by the remote; live channels after: "
                    + p.b.liveChannelCount());
        }
    }
}
