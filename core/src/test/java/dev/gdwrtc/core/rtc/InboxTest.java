package dev.gdwrtc.core.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class InboxTest {
    @Test
    void growsKeepsOrderAndReportsWhatDoesNotFit() {
        Inbox inbox = new Inbox();
        for (int i = 0; i < 1000; i++) {
            inbox.add(ByteBuffer.wrap(new byte[] {(byte) i, (byte) (i >> 8), 7}), 2 + i % 2, i % 3 == 0);
        }
        assertEquals(1000, inbox.count());
        byte[] dst = new byte[3];
        assertEquals(-2, inbox.take(dst, 0, 1), "too small a buffer leaves the packet queued");
        assertEquals(1000, inbox.count());
        for (int i = 0; i < 1000; i++) {
            assertEquals(2 + i % 2, inbox.nextSize());
            assertEquals(2 + i % 2, inbox.take(dst, 0, 3));
            assertEquals((byte) i, dst[0]);
            assertEquals((byte) (i >> 8), dst[1]);
            assertEquals(i % 3 == 0, inbox.lastText());
        }
        assertEquals(0, inbox.count());
        assertEquals(-1, inbox.nextSize());
        assertEquals(-1, inbox.take(dst, 0, 3));
    }

    @Test
    void steadyStreamAllocatesNothingPerPacket() {
        Inbox inbox = new Inbox();
        ByteBuffer src = ByteBuffer.allocateDirect(64);
        byte[] dst = new byte[64];
        Runnable round = () -> {
            for (int i = 0; i < 10_000; i++) {
                src.clear();
                inbox.add(src, 64, false);
                inbox.take(dst, 0, dst.length);
            }
        };
        round.run(); // warm: slots made, code compiled
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        round.run();
        long bytes = mx.getCurrentThreadAllocatedBytes() - before;
        assertTrue(bytes < 10_000, "10000 packets allocated " + bytes + " bytes");
        assertFalse(inbox.lastText());
    }
}
