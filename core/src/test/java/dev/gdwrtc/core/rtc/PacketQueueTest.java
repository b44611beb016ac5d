package dev.gdwrtc.core.rtc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PacketQueueTest {
    private static byte[] packet(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    @Test
    void packetsOfEverySizeComeOutInOrderWithTheirTextFlag() {
        PacketQueue q = new PacketQueue();
        Random r = new Random(7);
        List<byte[]> sent = new ArrayList<>();
        // Sizes around the chunk and header boundaries, and packets many chunks long.
        int[] sizes = {0, 1, 3, 4, 5, ChunkPool.CHUNK_BYTES - 4, ChunkPool.CHUNK_BYTES - 5, ChunkPool.CHUNK_BYTES,
            ChunkPool.CHUNK_BYTES + 1, 3 * ChunkPool.CHUNK_BYTES + 17, 200 * 1024};
        for (int round = 0; round < 300; round++) {
            int len = round < sizes.length ? sizes[round] : r.nextInt(round % 10 == 0 ? 70_000 : 300);
            byte[] p = packet(len, round);
            sent.add(p);
            q.add(p, 0, len, round % 3 == 0);
        }
        assertEquals(300, q.count());
        byte[] dst = new byte[256 * 1024];
        for (int i = 0; i < sent.size(); i++) {
            byte[] p = sent.get(i);
            assertEquals(p.length, q.nextLength());
            assertEquals(i % 3 == 0, q.nextText());
            assertEquals(p.length, q.take(dst, 0, dst.length));
            assertEquals(i % 3 == 0, q.lastText());
            byte[] got = new byte[p.length];
            System.arraycopy(dst, 0, got, 0, p.length);
            assertArrayEquals(p, got, "packet " + i);
        }
        assertEquals(0, q.count());
        assertEquals(-1, q.nextLength());
        assertEquals(-1, q.take(dst, 0, dst.length));
        assertEquals(0, q.bytes());
    }

    @Test
    void aPacketThatDoesNotFitStaysNext() {
        PacketQueue q = new PacketQueue();
        q.add(packet(100, 1), 0, 100, false);
        assertEquals(-2, q.take(new byte[99], 0, 99));
        assertEquals(100, q.nextLength());
        assertEquals(100, q.take(new byte[100], 0, 100));
    }

    @Test
    void costsAddUpAndAnEmptyQueueHoldsNoChunk() {
        PacketQueue q = new PacketQueue();
        for (int i = 0; i < 1000; i++) {
            q.add(packet(500, i), 0, 500, false);
        }
        assertEquals(500_000, q.bytes());
        ByteBuffer out = ByteBuffer.allocate(SendBuffer.KEPT_BYTES);
        long moved = 0;
        int packets = 0;
        while (q.count() > 0) {
            out.clear();
            packets += q.packInto(out, WebRtcJavaDataChannel.PACKED_MESSAGE_BYTES);
            assertTrue(out.position() <= WebRtcJavaDataChannel.PACKED_MESSAGE_BYTES);
            moved += q.takeMovedCost();
        }
        assertEquals(1000, packets);
        assertEquals(1000 * PacketQueue.cost(500), moved);
        assertEquals(0, q.clear(), "an empty queue costs nothing");
    }

    @Test
    void packedMessagesUnpackToTheSamePackets() {
        PacketQueue q = new PacketQueue();
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            byte[] p = packet(i % 97, i);
            sent.add(p);
            q.add(p, 0, p.length, i % 2 == 0);
        }
        List<byte[]> got = new ArrayList<>();
        List<Boolean> texts = new ArrayList<>();
        ByteBuffer out = ByteBuffer.allocate(SendBuffer.KEPT_BYTES);
        while (q.count() > 0) {
            out.clear();
            int n = q.packInto(out, WebRtcJavaDataChannel.UNRELIABLE_MESSAGE_BYTES);
            assertTrue(n > 0);
            assertTrue(out.position() <= WebRtcJavaDataChannel.UNRELIABLE_MESSAGE_BYTES, "one datagram at most");
            out.flip();
            int delivered = PackedFrames.unpack(out, (src, length, text) -> {
                byte[] b = new byte[length];
                src.get(b);
                got.add(b);
                texts.add(text);
            });
            assertEquals(n, delivered);
        }
        assertEquals(sent.size(), got.size());
        for (int i = 0; i < sent.size(); i++) {
            assertArrayEquals(sent.get(i), got.get(i));
            assertEquals(i % 2 == 0, texts.get(i));
        }
    }

    @Test
    void clearGivesEveryChunkBack() {
        PacketQueue q = new PacketQueue();
        byte[] big = packet(100_000, 3);
        q.add(big, 0, big.length, false);
        assertEquals(PacketQueue.cost(100_000), q.clear());
        assertFalse(q.count() > 0);
    }
}
