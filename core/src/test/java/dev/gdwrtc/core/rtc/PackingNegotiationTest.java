package dev.gdwrtc.core.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PackingNegotiationTest {
    private static final String SDP = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
            + "a=group:BUNDLE 0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\n";

    @Test
    void ourDescriptionsCarryTheAttributeAtSessionLevelOnce() {
        PackingNegotiation p = new PackingNegotiation(true);
        String ours = p.advertise(SDP);
        assertTrue(ours.indexOf(PackingNegotiation.ATTRIBUTE + "\r\n") < ours.indexOf("m=application"));
        assertEquals(ours, p.advertise(ours), "advertising twice adds nothing");
        assertEquals(SDP, new PackingNegotiation(false).advertise(SDP), "turned off: the description is untouched");
        assertEquals("", p.advertise(""), "no media section: untouched");
    }

    @Test
    void activeOnlyWhenEnabledHereAndAdvertisedThere() {
        PackingNegotiation p = new PackingNegotiation(true);
        assertFalse(p.active());
        p.remoteDescription(SDP);
        assertFalse(p.active(), "a stock peer's description");
        p.remoteDescription(new PackingNegotiation(true).advertise(SDP));
        assertTrue(p.active());
        p.remoteDescription(SDP);
        assertFalse(p.active(), "a new remote description decides again");

        PackingNegotiation off = new PackingNegotiation(false);
        off.remoteDescription(new PackingNegotiation(true).advertise(SDP));
        assertFalse(off.active());
    }

    @Test
    void onlyAWholeLineCounts() {
        assertFalse(PackingNegotiation.hasAttribute(SDP + "a=x-gdwrtc-pack:10\r\n"));
        assertFalse(PackingNegotiation.hasAttribute(SDP + "b=a=x-gdwrtc-pack:1\r\n"));
        assertTrue(PackingNegotiation.hasAttribute(SDP + "a=x-gdwrtc-pack:1"));
        assertTrue(PackingNegotiation.hasAttribute("a=x-gdwrtc-pack:1\n" + SDP));
    }
}
