package dev.gdwrtc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.core.ChannelConfig;
import dev.gdwrtc.core.DataChannel;
import dev.gdwrtc.core.GodotError;
import dev.gdwrtc.core.rtc.WebRtcJavaDataChannel;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Packing small packets into one SCTP message, over real webrtc-java connections: between two of
 * our peers it packs and every packet arrives once, whole, in order, with its text flag; towards a
 * stock stack (libwebrtc without our SDP attribute, i.e. what a browser runs) and on unreliable
 * channels every packet is its own message.
 */
class PackingTest {
    private static final String ATTRIBUTE = "a=x-gdwrtc-pack:1\r\n";

    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    private static ChannelConfig reliable() {
        return ChannelConfig.negotiated(1, true, -1);
    }

    /** Puts {@code count} numbered packets of {@code size} bytes (text every third), retrying on ERR_BUSY. */
    private static void send(DataChannel ch, int count, int size) throws InterruptedException {
        byte[] m = new byte[size];
        for (int i = 0; i < count; ) {
            ByteBuffer.wrap(m).putInt(i).put((byte) (i * 13));
            ch.setWriteMode(i % 3 == 0 ? DataChannel.WRITE_MODE_TEXT : DataChannel.WRITE_MODE_BINARY);
            int err = ch.putPacket(m, 0, size);
            if (err == GodotError.ERR_BUSY) {
                Thread.sleep(1);
                continue;
            }
            assertEquals(GodotError.OK, err);
            i++;
        }
    }

    /** Reads {@code count} packets and checks each is the next one sent, whole, with its flag. */
    private static void receiveInOrder(DataChannel ch, int count, int size) throws InterruptedException {
        byte[] buf = new byte[size + 16];
        long deadline = System.nanoTime() + 120_000_000_000L;
        for (int i = 0; i < count; ) {
            if (ch.availablePacketCount() == 0) {
                assertTrue(System.nanoTime() < deadline, "packet " + i + " of " + count + " never arrived");
                Thread.sleep(1);
                continue;
            }
            int n = ch.getPacket(buf, 0, buf.length);
            assertEquals(size, n, "packet " + i + " lost its boundaries");
            ByteBuffer got = ByteBuffer.wrap(buf);
            assertEquals(i, got.getInt(), "packet lost, duplicated or reordered");
            assertEquals((byte) (i * 13), got.get());
            assertEquals(i % 3 == 0, ch.wasStringPacket(), "text flag of packet " + i);
            i++;
        }
    }

    private static long received(DataChannel ch) {
        return ((WebRtcJavaDataChannel) ch).messagesReceived();
    }

    @Test
    void oursToOursPacksAndDeliversEveryPacketOnceInOrder() throws Exception {
        try (CorePair p = new CorePair(true, reliable())) {
            int count = 5000;
            send(p.ca, count, 64);
            receiveInOrder(p.cb, count, 64);
            assertTrue(received(p.cb) < count, count + " packets came in " + received(p.cb) + " messages: nothing packed");
            assertEquals(((WebRtcJavaDataChannel) p.ca).messagesSent(), received(p.cb));
            assertEquals(0, p.cb.availablePacketCount(), "a packet came twice");
            // Large packets still travel whole next to small ones.
            send(p.cb, 3, 100_000);
            receiveInOrder(p.ca, 3, 100_000);
        }
    }

    @Test
    void stockStackOnTheOtherEndGetsPlainMessages() throws Exception {
        // b is libwebrtc with no attribute in its descriptions and no unpacking: a stock stack.
        try (CorePair p = new CorePair(true, false, reliable(), UnaryOperator.identity())) {
            int count = 2000;
            send(p.ca, count, 64);
            receiveInOrder(p.cb, count, 64);
            assertEquals(count, received(p.cb), "a stock peer received a packed message");
        }
        // Our attribute stripped on the way (a signalling server that drops unknown lines).
        try (CorePair p = new CorePair(true, true, reliable(), sdp -> sdp.replace(ATTRIBUTE, ""))) {
            send(p.ca, 2000, 64);
            receiveInOrder(p.cb, 2000, 64);
            assertEquals(2000, received(p.cb));
        }
    }

    @Test
    void turnedOffByConfigurationNeverPacks() throws Exception {
        try (CorePair p = new CorePair(false, reliable())) {
            send(p.ca, 2000, 64);
            receiveInOrder(p.cb, 2000, 64);
            assertEquals(2000, received(p.cb));
        }
    }

    @Test
    void unreliableChannelsNeverPackAcrossPackets() throws Exception {
        ChannelConfig unreliable = new ChannelConfig(true, 2, -1, 0, true, "");
        try (CorePair p = new CorePair(true, unreliable)) {
            int count = 300; // no loss on this link: all arrive
            send(p.ca, count, 64);
            receiveInOrder(p.cb, count, 64);
            assertEquals(count, received(p.cb));
        }
    }

    @Test
    void packedStreamUnderTenPercentLossDeliversEveryPacketOnceInOrder() throws Exception {
        try (CorePair p = new CorePair(true, reliable())) {
            // Drops one UDP datagram in ten inside this test JVM's own namespace (nftables).
            Rig.Proc add = Rig.Proc.start("nft", List.of("nft", "add table inet gdwrtc_loss { chain out { "
                    + "type filter hook output priority 0; meta l4proto udp numgen random mod 10 0 drop; }; }"), java.util.Map.of());
            assertTrue(add.await(30) && add.exitCode() == 0, "nft failed: " + add.output());
            try {
                int count = 5000;
                send(p.ca, count, 64);
                receiveInOrder(p.cb, count, 64);
                assertTrue(received(p.cb) < count, "nothing packed");
                assertEquals(0, p.cb.availablePacketCount(), "a packet came twice");
            } finally {
                Rig.Proc del = Rig.Proc.start("nft", List.of("nft", "delete table inet gdwrtc_loss"), java.util.Map.of());
                assertTrue(del.await(30) && del.exitCode() == 0, "nft delete failed: " + del.output());
            }
            assertFalse(p.cb.availablePacketCount() > 0);
        }
    }
}
