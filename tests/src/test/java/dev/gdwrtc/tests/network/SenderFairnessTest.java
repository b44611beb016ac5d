package dev.gdwrtc.tests.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gdwrtc.core.ChannelConfig;
import dev.gdwrtc.core.DataChannel;
import dev.gdwrtc.core.GodotError;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A reliable channel kept full by its game does not silence the connection's other channels. The
 * fast channel is reliable too: usrsctp prunes unreliable messages to make room in a full send
 * buffer, so an unreliable packet could be dropped legitimately and prove nothing.
 */
class SenderFairnessTest {
    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Net.requireTestNamespace();
    }

    @Test
    void aBusyChannelDoesNotStarveTheOthers() throws Exception {
        try (Pair p = new Pair()) {
            DataChannel bulkA = p.a.createDataChannel("bulk", ChannelConfig.negotiated(1, true, -1));
            DataChannel bulkB = p.b.createDataChannel("bulk", ChannelConfig.negotiated(1, true, -1));
            DataChannel fastA = p.a.createDataChannel("fast", ChannelConfig.negotiated(2, true, -1));
            DataChannel fastB = p.b.createDataChannel("fast", ChannelConfig.negotiated(2, true, -1));
            p.connect(bulkA, bulkB, fastA, fastB);
            byte[] m = new byte[1000], sink = new byte[1000];
            boolean fastSent = false;
            long deadline = System.nanoTime() + 120_000_000_000L;
            // The bulk channel's outbox never empties while the fast packet waits.
            while (fastB.availablePacketCount() == 0) {
                assertEquals(true, System.nanoTime() < deadline, "the fast channel was starved");
                while (bulkA.putPacket(m, 0, m.length) == GodotError.OK) {
                    // refill
                }
                if (!fastSent) {
                    assertEquals(GodotError.OK, fastA.putPacket(new byte[] {1}, 0, 1));
                    fastSent = true;
                }
                while (bulkB.availablePacketCount() > 0) {
                    bulkB.getPacket(sink, 0, sink.length);
                }
                Thread.sleep(1);
            }
        }
    }
}
