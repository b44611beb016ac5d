package dev.gdwrtc.core.rtc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackedFramesTest {
    private record Got(byte[] data, boolean text) {}

    private static List<Got> unpack(ByteBuffer message, int expected) {
        List<Got> got = new ArrayList<>();
        int n = PackedFrames.unpack(message, (src, length, text) -> {
            byte[] b = new byte[length];
            src.get(b);
            got.add(new Got(b, text));
        });
        assertEquals(expected, n);
        return got;
    }

    private static byte[] bytes(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 7 + seed);
        }
        return b;
    }

    @Test
    void recordsKeepBoundariesOrderAndTextFlag() {
        int[] sizes = {0, 1, 63, 64, 127, 8191, 8192, 70_000, PackedFrames.MAX_RECORD};
        ByteBuffer out = ByteBuffer.allocate(2_000_000);
        for (int k = 0; k < sizes.length; k++) {
            assertEquals(true, PackedFrames.headerSize(sizes[k]) <= PackedFrames.MAX_HEADER);
            int before = out.position();
            PackedFrames.writeHeader(out, sizes[k], k % 2 == 1);
            assertEquals(PackedFrames.headerSize(sizes[k]), out.position() - before, "header of " + sizes[k]);
            out.put(bytes(sizes[k], k));
        }
        out.flip();
        List<Got> got = unpack(out, sizes.length);
        for (int k = 0; k < sizes.length; k++) {
            assertArrayEquals(bytes(sizes[k], k), got.get(k).data(), "packet " + k);
            assertEquals(k % 2 == 1, got.get(k).text(), "text flag of packet " + k);
        }
    }

    @Test
    void sinkThatReadsNothingStillAdvances() {
        ByteBuffer out = ByteBuffer.allocate(64);
        PackedFrames.writeHeader(out, 3, false);
        out.put(new byte[] {1, 2, 3});
        PackedFrames.writeHeader(out, 1, true);
        out.put((byte) 9);
        out.flip();
        int[] lengths = new int[2];
        int[] n = {0};
        assertEquals(2, PackedFrames.unpack(out, (src, length, text) -> lengths[n[0]++] = length));
        assertArrayEquals(new int[] {3, 1}, lengths);
    }

    @Test
    void malformedMessagesDeliverWhatPrecedesTheFault() {
        ByteBuffer truncated = ByteBuffer.allocate(16);
        PackedFrames.writeHeader(truncated, 2, false);
        truncated.put(new byte[] {5, 6});
        PackedFrames.writeHeader(truncated, 10, false);
        truncated.put((byte) 1).flip();
        assertEquals(1, unpack(truncated, -2).size());

        ByteBuffer endless = ByteBuffer.wrap(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 1});
        assertEquals(0, unpack(endless, -1).size());

        ByteBuffer cutHeader = ByteBuffer.wrap(new byte[] {(byte) 0x80});
        assertEquals(0, unpack(cutHeader, -1).size());

        assertEquals(0, unpack(ByteBuffer.allocate(0), 0).size());
        assertThrows(IllegalArgumentException.class, () -> PackedFrames.writeHeader(ByteBuffer.allocate(8), PackedFrames.MAX_RECORD + 1, false));
    }
}
