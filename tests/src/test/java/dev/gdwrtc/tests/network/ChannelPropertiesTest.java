package dev.gdwrtc.tests.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gdwrtc.core.ChannelConfig;
import dev.gdwrtc.core.DataChannel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What WebRTCDataChannel's getters read, as Godot's class reference states them: an id of 65535
 * until negotiation assigns one, and 65535 for a reliability parameter that was not specified.
 */
class ChannelPropertiesTest {
    private static final int UNSPECIFIED = 65535;

    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Net.requireTestNamespace();
    }

    @Test
    void gettersReadAsGodotDocumentsThem() throws Exception {
        try (Pair p = new Pair()) {
            DataChannel reliable = p.a.createDataChannel("reliable", new ChannelConfig(false, -1, -1, -1, true, ""));
            DataChannel lifetime = p.a.createDataChannel("lifetime", new ChannelConfig(false, -1, 250, -1, false, ""));
            DataChannel retransmits = p.a.createDataChannel("retransmits", new ChannelConfig(false, -1, -1, 0, false, ""));
            assertEquals(UNSPECIFIED, reliable.id(), "in-band id before negotiation");
            assertEquals(UNSPECIFIED, reliable.maxPacketLifeTime());
            assertEquals(UNSPECIFIED, reliable.maxRetransmits());
            assertEquals(250, lifetime.maxPacketLifeTime());
            assertEquals(UNSPECIFIED, lifetime.maxRetransmits());
            assertEquals(UNSPECIFIED, retransmits.maxPacketLifeTime());
            assertEquals(0, retransmits.maxRetransmits());
            p.connect(reliable, lifetime, retransmits);
            p.until(() -> p.receivedOnB.size() == 3, "the remote side's channels");
            for (DataChannel local : new DataChannel[] {reliable, lifetime, retransmits}) {
                DataChannel remote = p.receivedOnB.stream().filter(c -> c.label().equals(local.label())).findFirst().orElseThrow();
                assertEquals(true, local.id() != UNSPECIFIED, local.label() + ": negotiation assigned an id");
                assertEquals(local.id(), remote.id(), local.label());
                assertEquals(local.maxPacketLifeTime(), remote.maxPacketLifeTime(), local.label());
                assertEquals(local.maxRetransmits(), remote.maxRetransmits(), local.label());
            }
        }
    }
}
