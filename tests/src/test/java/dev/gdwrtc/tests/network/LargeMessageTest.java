package dev.gdwrtc.tests.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.core.ChannelConfig;
import dev.gdwrtc.core.DataChannel;
import dev.gdwrtc.core.GodotError;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Messages up to the documented maximum on every channel kind; beyond it a clear error. */
class LargeMessageTest {
    /** WebRtcJavaDataChannel.MAX_PACKET_SIZE, as docs/networks.md states it. */
    static final int MAX = 256 * 1024 - 3;

    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Net.requireTestNamespace();
    }

    @Test
    void upToTheMaximumOnEveryKindBeyondItAnError() throws Exception {
        ChannelConfig[] kinds = {
            ChannelConfig.negotiated(1, true, -1),                  // reliable
            new ChannelConfig(true, 2, -1, 0, true, ""),            // ordered, unreliable
            new ChannelConfig(true, 3, 500, -1, false, "")};        // unordered, with a lifetime
        try (Pair p = new Pair()) {
            DataChannel[] a = new DataChannel[3], b = new DataChannel[3];
            for (int i = 0; i < 3; i++) {
                a[i] = p.a.createDataChannel("k" + i, kinds[i]);
                b[i] = p.b.createDataChannel("k" + i, kinds[i]);
            }
            p.connect(a[0], a[1], a[2], b[0], b[1], b[2]);
            for (int i = 0; i < 3; i++) {
                for (int size : new int[] {16 * 1024, 64 * 1024 + 3, MAX}) {
                    byte[] m = new byte[size];
                    Arrays.fill(m, (byte) (size + i));
                    m[size - 1] = 9;
                    assertEquals(GodotError.OK, a[i].putPacket(m, 0, size));
                    DataChannel in = b[i];
                    p.until(() -> in.availablePacketCount() > 0, size + " bytes on " + in.label());
                    assertEquals(size, in.nextPacketSize());
                    byte[] got = new byte[size];
                    assertEquals(size, in.getPacket(got, 0, size));
                    assertArrayEquals(m, got);
                }
                GodotError.takeLastMessage();
                assertEquals(GodotError.ERR_INVALID_PARAMETER, a[i].putPacket(new byte[MAX + 1], 0, MAX + 1));
                String why = GodotError.takeLastMessage();
                assertTrue(why.contains("exceeds the maximum of " + MAX), why);
            }
        }
    }
}
