package dev.gdwrtc.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.core.ChannelConfig;
import dev.gdwrtc.core.DataChannel;
import dev.gdwrtc.core.GodotError;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.gdwrtc.core.PeerConnection;
import dev.gdwrtc.core.rtc.WebRtcJavaDataChannel;
import dev.gdwrtc.core.rtc.WebRtcJavaRuntime;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packing small packets into one SCTP message, over real webrtc-java connections: between two of
 * our peers it packs on every channel (reliable ones into large messages, unreliable ones into
 * single datagrams) and every packet arrives once, whole, with its text flag, in order where the
 * channel is ordered; towards a stock stack (libwebrtc without our SDP attribute, i.e. what a
 * browser runs) every packet is its own message; channels whose two ends were created with
 * different options still deliver intact packets.
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

    @TempDir
    java.nio.file.Path tmp;

    /** aiortc, a stock stack, answers our offer (with our attribute) and gets one message per packet. */
    @Test
    void aiortcGetsOneMessagePerPacket() throws Exception {
        int count = 2000;
        java.nio.file.Path log = tmp.resolve("aiortc.log");
        Process py = new ProcessBuilder("/usr/bin/python3", Rig.ROOT.resolve("tests/aiortc/stock_peer.py").toString(),
                "--packets", Integer.toString(count), "--size", "64").redirectError(log.toFile()).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(py.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    lines.add(l);
                }
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        PeerConnection a = WebRtcJavaRuntime.get().newPeerConnection();
        try (Writer toPy = new java.io.OutputStreamWriter(py.getOutputStream(), StandardCharsets.UTF_8)) {
            DataChannel ca = a.createDataChannel("data", reliable());
            assertEquals(GodotError.OK, a.createOffer());
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (ca.readyState() != DataChannel.STATE_OPEN) {
                assertTrue(System.nanoTime() < deadline && py.isAlive(), "no channel to aiortc:\n" + java.nio.file.Files.readString(log));
                a.poll(e -> {
                    JsonObject o = new JsonObject();
                    if (e instanceof PeerConnection.SessionDescription d) {
                        assertTrue(d.sdp().contains(ATTRIBUTE), "our offer carries the attribute");
                        assertEquals(GodotError.OK, a.setLocalDescription(d.type(), d.sdp()));
                        o.addProperty("offer", d.sdp());
                    } else if (e instanceof PeerConnection.IceCandidate c) {
                        o.addProperty("candidate", c.name());
                        o.addProperty("mid", c.media());
                        o.addProperty("index", c.index());
                    }
                    try {
                        toPy.write(o + "\n");
                        toPy.flush();
                    } catch (java.io.IOException x) {
                        throw new java.io.UncheckedIOException(x);
                    }
                });
                String line = lines.poll(5, TimeUnit.MILLISECONDS);
                if (line != null) {
                    JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                    assertEquals(GodotError.OK, a.setRemoteDescription("answer", o.get("answer").getAsString()));
                }
            }
            byte[] m = new byte[64];
            for (int i = 0; i < count; ) {
                ByteBuffer.wrap(m).putInt(i);
                int err = ca.putPacket(m, 0, m.length);
                if (err == GodotError.ERR_BUSY) {
                    Thread.sleep(1);
                    continue;
                }
                assertEquals(GodotError.OK, err);
                i++;
            }
            String result = lines.poll(90, TimeUnit.SECONDS);
            toPy.close(); // ends its signalling reader, so it can exit
            assertTrue(py.waitFor(30, TimeUnit.SECONDS), "aiortc did not finish");
            assertEquals(0, py.exitValue(), java.nio.file.Files.readString(log));
            JsonObject got = JsonParser.parseString(result).getAsJsonObject();
            assertEquals(count, got.get("messages").getAsInt(), "aiortc got packets packed together");
            assertEquals(count, got.get("wellFormed").getAsInt(), "aiortc got a message that is not one plain packet");
        } finally {
            a.close();
            py.destroyForcibly();
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

    private static ChannelConfig unreliable(boolean ordered) {
        return new ChannelConfig(true, 1, -1, 0, ordered, "");
    }

    @Test
    void unreliablePacketsTravelTogetherInDatagrams() throws Exception {
        try (CorePair p = new CorePair(true, unreliable(true))) {
            int count = 3000; // no loss on this link: all arrive
            send(p.ca, count, 64);
            receiveInOrder(p.cb, count, 64);
            long messages = received(p.cb);
            assertTrue(messages < count / 4, count + " packets came in " + messages + " messages: nothing packed");
            // A datagram carries at most UNRELIABLE_MESSAGE_BYTES: 64-byte packets need this many.
            assertTrue(messages >= count * 66L / 1163, "messages larger than one datagram: " + messages);
        }
    }

    @Test
    void unreliableToAStockStackIsOneMessagePerPacket() throws Exception {
        try (CorePair p = new CorePair(true, false, unreliable(true), UnaryOperator.identity())) {
            send(p.ca, 300, 64);
            receiveInOrder(p.cb, 300, 64);
            assertEquals(300, received(p.cb), "a stock peer received a packed message");
        }
    }

    @Test
    void unorderedPacketsEachArriveOnceWhole() throws Exception {
        try (CorePair p = new CorePair(true, unreliable(false))) {
            int count = 3000;
            send(p.ca, count, 64);
            boolean[] seen = new boolean[count];
            byte[] buf = new byte[128];
            long deadline = System.nanoTime() + 60_000_000_000L;
            for (int got = 0; got < count; ) {
                if (p.cb.availablePacketCount() == 0) {
                    assertTrue(System.nanoTime() < deadline, got + " of " + count + " arrived");
                    Thread.sleep(1);
                    continue;
                }
                assertEquals(64, p.cb.getPacket(buf, 0, buf.length), "a packet lost its boundaries");
                ByteBuffer b = ByteBuffer.wrap(buf);
                int i = b.getInt();
                assertFalse(seen[i], "packet " + i + " came twice");
                assertEquals((byte) (i * 13), b.get());
                assertEquals(i % 3 == 0, p.cb.wasStringPacket(), "text flag of packet " + i);
                seen[i] = true;
                got++;
            }
        }
    }

    /**
     * Both ends decide packing from the connection's agreement, not from their own channel: a
     * channel made reliable on one side and unreliable on the other (a game's mistake) still
     * delivers every packet whole, either way.
     */
    @Test
    void channelsCreatedDifferentlyOnEachSideDeliverIntactPackets() throws Exception {
        try (CorePair p = new CorePair(true, true, reliable(), unreliable(false), UnaryOperator.identity())) {
            send(p.ca, 2000, 64);
            receiveInOrder(p.cb, 2000, 64);
            send(p.cb, 2000, 64);
            receiveAll(p.ca, 2000, 64);
        }
    }

    /** Reads {@code count} packets in any order: each once, whole, with its flag. */
    private static void receiveAll(DataChannel ch, int count, int size) throws InterruptedException {
        boolean[] seen = new boolean[count];
        byte[] buf = new byte[size + 16];
        long deadline = System.nanoTime() + 60_000_000_000L;
        for (int got = 0; got < count; ) {
            if (ch.availablePacketCount() == 0) {
                assertTrue(System.nanoTime() < deadline, got + " of " + count + " arrived");
                Thread.sleep(1);
                continue;
            }
            assertEquals(size, ch.getPacket(buf, 0, buf.length), "a packet lost its boundaries");
            ByteBuffer b = ByteBuffer.wrap(buf);
            int i = b.getInt();
            assertFalse(seen[i], "packet " + i + " came twice");
            assertEquals((byte) (i * 13), b.get());
            assertEquals(i % 3 == 0, ch.wasStringPacket(), "text flag of packet " + i);
            seen[i] = true;
            got++;
        }
    }

    /**
     * Unreliable packets under 10% datagram loss: what arrives is whole and once, and a lost
     * datagram costs only the packets it carried (about 10% lost on a quiet machine; on one loaded
     * with 20 runnable threads per core, 21-37%, as SCTP's timers fire late), so the bound is
     * loose: that each message fits one datagram is unreliablePacketsTravelTogetherInDatagrams'
     * check.
     */
    @Test
    void aLostDatagramLosesOnlyItsPackets() throws Exception {
        try (CorePair p = new CorePair(true, unreliable(true))) {
            int count = 5000;
            int got = withLoss(() -> {
                send(p.ca, count, 64);
                boolean[] seen = new boolean[count];
                byte[] buf = new byte[128];
                int n = 0;
                // Under loss SCTP slows down: read until nothing more came for 5 s.
                long quietSince = System.nanoTime(), deadline = quietSince + 90_000_000_000L;
                while (System.nanoTime() - quietSince < 5_000_000_000L && System.nanoTime() < deadline) {
                    if (p.cb.availablePacketCount() == 0) {
                        Thread.sleep(5);
                        continue;
                    }
                    assertEquals(64, p.cb.getPacket(buf, 0, buf.length), "a packet lost its boundaries");
                    int i = ByteBuffer.wrap(buf).getInt();
                    assertFalse(seen[i], "packet " + i + " came twice");
                    seen[i] = true;
                    n++;
                    quietSince = System.nanoTime();
                }
                return n;
            });
            double lost = 1.0 - got / (double) count;
            System.out.printf("packing: 10%% datagram loss lost %.1f%% of unreliable packets%n", lost * 100);
            assertTrue(lost > 0.02, "no loss: the nftables rule did not apply");
            assertTrue(lost < 0.5, "most packets lost: " + lost);
        }
    }

    interface LossyWork {
        int run() throws Exception;
    }

    /** Runs {@code work} while one UDP datagram in ten leaving this test JVM's namespace is dropped. */
    private static int withLoss(LossyWork work) throws Exception {
        Rig.Proc add = Rig.Proc.start("nft", List.of("nft", "add table inet gdwrtc_loss { chain out { "
                + "type filter hook output priority 0; meta l4proto udp numgen random mod 10 0 drop; }; }"), java.util.Map.of());
        assertTrue(add.await(30) && add.exitCode() == 0, "nft failed: " + add.output());
        try {
            return work.run();
        } finally {
            Rig.Proc del = Rig.Proc.start("nft", List.of("nft", "delete table inet gdwrtc_loss"), java.util.Map.of());
            assertTrue(del.await(30) && del.exitCode() == 0, "nft delete failed: " + del.output());
        }
    }

    @Test
    void packedStreamUnderTenPercentLossDeliversEveryPacketOnceInOrder() throws Exception {
        try (CorePair p = new CorePair(true, reliable())) {
            withLoss(() -> {
                int count = 5000;
                send(p.ca, count, 64);
                receiveInOrder(p.cb, count, 64);
                assertTrue(received(p.cb) < count, "nothing packed");
                assertEquals(0, p.cb.availablePacketCount(), "a packet came twice");
                return count;
            });
            assertFalse(p.cb.availablePacketCount() > 0);
        }
    }
}
