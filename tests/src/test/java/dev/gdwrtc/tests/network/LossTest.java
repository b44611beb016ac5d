package dev.gdwrtc.tests.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.core.ChannelConfig;
import dev.gdwrtc.core.DataChannel;
import dev.gdwrtc.core.GodotError;
import dev.gdwrtc.core.PeerConnection;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * 10% random loss both ways (nftables, in this test JVM's own namespace, on every packet either
 * connection sends): the reliable channel delivers everything in order, the ordered-unreliable one
 * never out of order, the unreliable one loses some and nothing breaks.
 */
@Tag("network")
class LossTest {
    static final int RELIABLE = Integer.getInteger("gdwrtc.lossPackets", 100_000);
    static final int UNRELIABLE = 10_000;
    static final String TABLE = "gdwrtc_loss_" + ProcessHandle.current().pid();

    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Net.requireTestNamespace();
    }

    private static int put(DataChannel ch, int seq) {
        byte[] m = ByteBuffer.allocate(8).putLong(seq).array();
        return ch.putPacket(m, 0, m.length);
    }

    /** Reads what arrived on the three channels, checking the order each promises. */
    private static void receive(DataChannel[] b, long[] got, long[] last) {
        byte[] buf = new byte[64];
        for (int c = 0; c < 3; c++) {
            while (b[c].availablePacketCount() > 0) {
                assertEquals(8, b[c].getPacket(buf, 0, buf.length));
                long seq = ByteBuffer.wrap(buf).getLong();
                if (c == 0) {
                    assertEquals(last[0] + 1, seq, "reliable packet lost or reordered");
                } else if (c == 1) {
                    assertTrue(seq > last[1], "ordered-unreliable packet out of order: " + seq + " after " + last[1]);
                }
                last[c] = seq;
                got[c]++;
            }
        }
    }

    @Test
    void tenPercentLossBothWays() throws Exception {
        try (Pair p = new Pair()) {
            DataChannel[] a = {
                p.a.createDataChannel("reliable", ChannelConfig.negotiated(1, true, -1)),
                p.a.createDataChannel("ordered", new ChannelConfig(true, 2, -1, 0, true, "")),
                p.a.createDataChannel("unreliable", new ChannelConfig(true, 3, -1, 0, false, ""))};
            DataChannel[] b = {
                p.b.createDataChannel("reliable", ChannelConfig.negotiated(1, true, -1)),
                p.b.createDataChannel("ordered", new ChannelConfig(true, 2, -1, 0, true, "")),
                p.b.createDataChannel("unreliable", new ChannelConfig(true, 3, -1, 0, false, ""))};
            p.connect(a[0], a[1], a[2], b[0], b[1], b[2]);
            Topology.nft(null, "add table inet " + TABLE);
            try {
                Topology.nft(null, "add chain inet " + TABLE + " out { type filter hook output priority 0; }");
                Topology.nft(null, "add rule inet " + TABLE + " out ip daddr 198.18.0.0/15 meta l4proto udp numgen random mod 10 0 drop");
                int[] sent = new int[3];
                long[] got = new long[3];
                long[] last = {-1, -1, -1};
                // The unreliable channels first, then the reliable one: by the time its packets
                // have all crossed the lossy link, the earlier unreliable ones arrived or were lost.
                for (int c = 1; c < 3; c++) {
                    while (sent[c] < UNRELIABLE) {
                        int err = put(a[c], sent[c]);
                        if (err == GodotError.ERR_BUSY) {
                            receive(b, got, last);
                            Thread.sleep(0, 200_000);
                            continue;
                        }
                        assertEquals(GodotError.OK, err);
                        sent[c]++;
                    }
                }
                while (got[0] < RELIABLE) {
                    for (int k = 0; k < 64 && sent[0] < RELIABLE; k++) {
                        int err = put(a[0], sent[0]);
                        if (err == GodotError.ERR_BUSY) {
                            break;
                        }
                        assertEquals(GodotError.OK, err);
                        sent[0]++;
                    }
                    receive(b, got, last);
                    assertEquals(PeerConnection.STATE_CONNECTED, p.a.connectionState());
                    Thread.sleep(0, 200_000);
                }
                receive(b, got, last);
                System.out.printf("network: 10%% loss both ways: reliable %d/%d in order; ordered-unreliable %d/%d in order;"
                        + " unreliable %d/%d%n", got[0], RELIABLE, got[1], sent[1], got[2], sent[2]);
                assertEquals(RELIABLE, got[0]);
                assertTrue(got[2] < sent[2], "nothing lost on the unreliable channel: was the loss applied?");
                assertTrue(got[1] > 0 && got[2] > 0, "an unreliable channel delivered nothing");
            } finally {
                Topology.nft(null, "delete table inet " + TABLE);
            }
        }
    }
}
