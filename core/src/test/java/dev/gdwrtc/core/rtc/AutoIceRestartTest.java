package dev.gdwrtc.core.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.core.PeerConnection;
import org.junit.jupiter.api.Test;

/** Which side restarts, and what a script sees while a disconnection is hidden. */
class AutoIceRestartTest {
    @Test
    void offByDefaultNothingIsHidden() {
        AutoIceRestart r = new AutoIceRestart(false);
        r.offerer = true;
        assertFalse(r.disconnected());
        assertFalse(r.shouldOffer());
        assertEquals(PeerConnection.STATE_DISCONNECTED, r.visible(PeerConnection.STATE_DISCONNECTED));
    }

    @Test
    void onlyTheFirstOffererRestartsAndReconnectingEndsIt() {
        AutoIceRestart offerer = new AutoIceRestart(true), answerer = new AutoIceRestart(true);
        offerer.offerer = true;
        assertTrue(offerer.disconnected());
        assertTrue(answerer.disconnected());
        assertTrue(offerer.shouldOffer());
        assertFalse(answerer.shouldOffer(), "the answering side waits for the offer: no glare");
        assertTrue(offerer.hiding());
        assertEquals(PeerConnection.STATE_CONNECTING, offerer.visible(PeerConnection.STATE_CONNECTING));
        offerer.connected();
        assertFalse(offerer.hiding());
        assertFalse(offerer.shouldOffer());
        assertEquals(PeerConnection.STATE_CONNECTED, offerer.visible(PeerConnection.STATE_CONNECTED));
    }

    @Test
    void aPathThatBringsNothingBackWhileSendingIsStalledOnce() {
        AutoIceRestart r = new AutoIceRestart(true);
        long ms = 1_000_000L;
        assertFalse(r.stalled(100, 50, 0));
        assertFalse(r.stalled(200, 60, 1000 * ms), "something came back");
        assertFalse(r.stalled(300, 60, (1000 + AutoIceRestart.STALL_MS / 2) * ms), "not yet STALL_MS without a byte");
        assertTrue(r.stalled(400, 60, (1000 + AutoIceRestart.STALL_MS) * ms));
        assertFalse(r.stalled(500, 60, 9000 * ms), "once per stall");
        assertFalse(r.stalled(600, 70, 9500 * ms), "re-armed by a received byte");
        assertTrue(r.stalled(700, 70, (9500 + AutoIceRestart.STALL_MS) * ms));
    }

    @Test
    void anIdlePathIsNotStalledNorIsOneWithoutTheKey() {
        AutoIceRestart idle = new AutoIceRestart(true), off = new AutoIceRestart(false);
        assertFalse(idle.stalled(100, 50, 0));
        assertFalse(idle.stalled(100, 50, 60_000_000_000L), "nothing sent, nothing owed back");
        assertFalse(off.stalled(100, 50, 0));
        assertFalse(off.stalled(900, 50, 60_000_000_000L));
    }
}
