package dev.gdwrtc.core.rtc;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks our Opus sender for discontinuous transmission (RFC 7587's {@code usedtx=1}): a remote
 * description says how its side wants to receive, and libwebrtc configures our encoder from it. So
 * the remote descriptions a voice connection applies get {@code usedtx=1} on every Opus format:
 * a muted or silent microphone then sends a packet every 400 ms instead of 50 a second, and the
 * remote's jitter buffer plays comfort noise meanwhile. What the game relays is not changed.
 */
final class OpusDtx {
    private static final Pattern OPUS = Pattern.compile("^a=rtpmap:(\\d+) opus/48000", Pattern.CASE_INSENSITIVE);
    private static final Pattern FMTP = Pattern.compile("^a=fmtp:(\\d+) (.*)$");

    private OpusDtx() {}

    /** {@code sdp} with {@code usedtx=1} on each Opus payload type (one fmtp line added where none). */
    static String request(String sdp) {
        String eol = sdp.contains("\r\n") ? "\r\n" : "\n";
        String[] lines = sdp.split("\r?\n", -1);
        Set<String> opus = new HashSet<>();
        for (String l : lines) {
            Matcher m = OPUS.matcher(l);
            if (m.find()) {
                opus.add(m.group(1));
            }
        }
        if (opus.isEmpty()) {
            return sdp;
        }
        Set<String> withFmtp = new HashSet<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher m = FMTP.matcher(lines[i]);
            if (m.matches() && opus.contains(m.group(1))) {
                withFmtp.add(m.group(1));
                lines[i] = "a=fmtp:" + m.group(1) + " " + withDtx(m.group(2));
            }
        }
        StringBuilder out = new StringBuilder(sdp.length() + 32);
        for (int i = 0; i < lines.length; i++) {
            out.append(lines[i]);
            if (i < lines.length - 1) {
                out.append(eol);
            }
            Matcher m = OPUS.matcher(lines[i]);
            if (m.find() && !withFmtp.contains(m.group(1))) {
                out.append("a=fmtp:").append(m.group(1)).append(" usedtx=1").append(eol);
            }
        }
        return out.toString();
    }

    /** A format's parameters with usedtx=1 in place of any usedtx given. */
    private static String withDtx(String params) {
        StringBuilder kept = new StringBuilder();
        for (String p : params.split(";")) {
            String t = p.trim();
            if (t.isEmpty() || t.toLowerCase(java.util.Locale.ROOT).startsWith("usedtx=")) {
                continue;
            }
            kept.append(t).append(';');
        }
        return kept.append("usedtx=1").toString();
    }
}
