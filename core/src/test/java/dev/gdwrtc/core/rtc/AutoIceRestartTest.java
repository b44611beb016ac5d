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
}
