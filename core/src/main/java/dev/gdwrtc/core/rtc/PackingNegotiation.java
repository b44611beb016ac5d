package dev.gdwrtc.core.rtc;

/**
 * Whether both ends of a connection are ours, so that small packets on reliable channels may be
 * packed into one SCTP message. Our descriptions carry an extra session attribute, which stock
 * stacks (libwebrtc, libdatachannel, browsers, aiortc) ignore; packing starts only once the
 * remote description has it too, so a stock peer never receives a packed message.
 */
final class PackingNegotiation {
    /** The session-level SDP line that says "this end unpacks packed messages". */
    static final String ATTRIBUTE = "a=x-gdwrtc-pack:1";

    private final boolean enabled;
    private volatile boolean active;

    PackingNegotiation(boolean enabled) {
        this.enabled = enabled;
    }

    /** The description as we hand it out: with our attribute before the first media section. */
    String advertise(String sdp) {
        if (!enabled || sdp == null || hasAttribute(sdp)) {
            return sdp;
        }
        int media = sdp.indexOf("\r\nm=");
        if (media < 0) {
            return sdp;
        }
        return sdp.substring(0, media + 2) + ATTRIBUTE + "\r\n" + sdp.substring(media + 2);
    }

    /** Called with each remote description before it is applied. */
    void remoteDescription(String sdp) {
        active = enabled && sdp != null && hasAttribute(sdp);
    }

    static boolean hasAttribute(String sdp) {
        int i = sdp.indexOf(ATTRIBUTE);
        while (i >= 0) {
            boolean lineStart = i == 0 || sdp.charAt(i - 1) == '\n';
            int end = i + ATTRIBUTE.length();
            boolean lineEnd = end == sdp.length() || sdp.charAt(end) == '\r' || sdp.charAt(end) == '\n';
            if (lineStart && lineEnd) {
                return true;
            }
            i = sdp.indexOf(ATTRIBUTE, end);
        }
        return false;
    }

    boolean active() {
        return active;
    }
}
