package dev.gdwrtc.tests.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.core.GodotError;
import dev.gdwrtc.core.NativeMemory;
import dev.gdwrtc.core.WebRtcMultiplayer;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The poll and packet paths of a connected multiplayer peer allocate nothing in steady state
 * (counted by the JVM's per-thread allocation counter; no timing involved).
 */
class SteadyStateAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void idlePollAndPutGetAllocateNothing() throws Exception {
        assertNotNull(java.net.NetworkInterface.getByName("gdwrtc0"), "run through Maven (tests/netns/bin/java)");
        try (Mesh m = new Mesh(3)) {
            WebRtcMultiplayer one = m.peers[0], two = m.peers[1];
            for (int i = 0; i < 50_000; i++) {
                one.poll(); // warm: compiled, scratch sized
            }
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 50_000; i++) {
                one.poll();
            }
            long idle = THREADS.getCurrentThreadAllocatedBytes() - before;
            assertTrue(idle < 50_000, "50000 idle polls allocated " + idle + " bytes");

            one.setTransferMode(WebRtcMultiplayer.TRANSFER_MODE_RELIABLE);
            one.setTargetPeer(2);
            // Native buffers, as the extension passes them: the core reads and writes them in place.
        long payload = NativeMemory.allocate(64), sink = NativeMemory.allocate(1200);
            long put = 0, get = 0, packets = 0;
            for (int round = 0; round < 40; round++) {
                long t0 = THREADS.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 200; i++) {
                    assertEquals(GodotError.OK, one.putPacket(payload, 64));
                }
                long t1 = THREADS.getCurrentThreadAllocatedBytes();
                long deadline = System.nanoTime() + 60_000_000_000L;
                for (int got = 0; got < 200; ) {
                    assertTrue(System.nanoTime() < deadline, "packets did not arrive");
                    two.poll();
                    while (two.availablePacketCount() > 0 && two.getPacket(sink, 1200) >= 0) {
                        got++;
                    }
                }
                long t2 = THREADS.getCurrentThreadAllocatedBytes();
                if (round >= 20) { // the first rounds warm up
                    put += t1 - t0;
                    get += t2 - t1;
                    packets += 200;
                }
            }
            assertTrue(put < packets, packets + " puts allocated " + put + " bytes");
            assertTrue(get < packets, packets + " gets allocated " + get + " bytes");
        }
    }
}
