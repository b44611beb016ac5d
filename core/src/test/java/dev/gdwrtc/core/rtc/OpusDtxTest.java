package dev.gdwrtc.core.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class OpusDtxTest {
    private static final String AUDIO = "v=0\r\n"
            + "m=audio 9 UDP/TLS/RTP/SAVPF 111 63 0\r\n"
            + "a=rtpmap:111 opus/48000/2\r\n"
            + "a=fmtp:111 minptime=10;useinbandfec=1\r\n"
            + "a=rtpmap:63 red/48000/2\r\n"
            + "a=fmtp:63 111/111\r\n"
            + "a=rtpmap:0 PCMU/8000\r\n";

    @Test
    void addsUsedtxToOpusOnly() {
        String out = OpusDtx.request(AUDIO);
        assertEquals(AUDIO.replace("useinbandfec=1\r\n", "useinbandfec=1;usedtx=1\r\n"), out);
    }

    @Test
    void replacesAnExplicitNo() {
        String in = AUDIO.replace("useinbandfec=1", "usedtx=0; useinbandfec=1");
        assertEquals(AUDIO.replace("useinbandfec=1\r\n", "useinbandfec=1;usedtx=1\r\n"), OpusDtx.request(in));
    }

    @Test
    void addsAFormatLineWhereNone() {
        String in = "m=audio 9 RTP/AVP 109\na=rtpmap:109 OPUS/48000/2\na=sendrecv\n";
        assertEquals("m=audio 9 RTP/AVP 109\na=rtpmap:109 OPUS/48000/2\na=fmtp:109 usedtx=1\na=sendrecv\n", OpusDtx.request(in));
    }

    @Test
    void leavesADescriptionWithoutOpusAlone() {
        String data = "v=0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=sctp-port:5000\r\n";
        assertEquals(data, OpusDtx.request(data));
        assertEquals(AUDIO.replace("opus", "G722"), OpusDtx.request(AUDIO.replace("opus", "G722")));
    }

    @Test
    void isIdempotent() {
        String once = OpusDtx.request(AUDIO);
        assertEquals(once, OpusDtx.request(once));
    }
}
