package dev.gdwrtc.core.rtc;

import dev.gdwrtc.core.DataChannel;
import dev.gdwrtc.core.stats.StatsKeys;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one libwebrtc stats report into {@code get_stats()}'s Dictionary: the transport's
 * selected candidate pair (its round trip, bitrate and both candidates), the transport's
 * counters (they survive an ICE restart, a pair's do not), and one entry per data channel with
 * its buffered amount read from our own channel (libwebrtc's counts the bytes it holds only).
 * Attribute names are those of the W3C stats spec, which libwebrtc reports.
 */
final class StatsReader {
    private StatsReader() {}

    static Map<String, Object> read(Collection<RTCStats> report, Collection<? extends DataChannel> ours, long iceRestarts) {
        Map<String, RTCStats> byId = new HashMap<>();
        RTCStats transport = null;
        List<RTCStats> channels = new ArrayList<>();
        for (RTCStats s : report) {
            byId.put(s.getId(), s);
            if (s.getType() == RTCStatsType.TRANSPORT && (transport == null || attr(s, "selectedCandidatePairId") != null)) {
                transport = s;
            } else if (s.getType() == RTCStatsType.DATA_CHANNEL) {
                channels.add(s);
            }
        }
        Map<String, Object> out = StatsKeys.empty();
        RTCStats pair = transport == null ? null : byId.get(text(transport, "selectedCandidatePairId"));
        if (pair == null) { // no transport entry names one: the nominated pair, if any
            pair = report.stream().filter(s -> s.getType() == RTCStatsType.CANDIDATE_PAIR
                    && Boolean.TRUE.equals(attr(s, "nominated")) && "succeeded".equals(attr(s, "state"))).findFirst().orElse(null);
        }
        RTCStats counters = transport != null && attr(transport, "bytesSent") != null ? transport : pair;
        if (counters != null) {
            out.put(StatsKeys.BYTES_SENT, number(counters, "bytesSent"));
            out.put(StatsKeys.BYTES_RECEIVED, number(counters, "bytesReceived"));
            out.put(StatsKeys.PACKETS_SENT, number(counters, "packetsSent"));
            out.put(StatsKeys.PACKETS_RECEIVED, number(counters, "packetsReceived"));
        }
        if (pair != null) {
            Object rtt = attr(pair, "currentRoundTripTime");
            if (rtt instanceof Number n) {
                out.put(StatsKeys.ROUND_TRIP_TIME, n.doubleValue());
            }
            RTCStats local = byId.get(text(pair, "localCandidateId"));
            RTCStats remote = byId.get(text(pair, "remoteCandidateId"));
            if (local != null) {
                out.put(StatsKeys.LOCAL_CANDIDATE_TYPE, text(local, "candidateType"));
                out.put(StatsKeys.LOCAL_ADDRESS, address(local));
                out.put(StatsKeys.PROTOCOL, text(local, "protocol"));
            }
            if (remote != null) {
                out.put(StatsKeys.REMOTE_CANDIDATE_TYPE, text(remote, "candidateType"));
                out.put(StatsKeys.REMOTE_ADDRESS, address(remote));
            }
            if (attr(pair, "availableOutgoingBitrate") instanceof Number n) {
                out.put(StatsKeys.AVAILABLE_OUTGOING_BITRATE, n.doubleValue());
            }
        }
        out.put(StatsKeys.ICE_RESTARTS, iceRestarts);
        Map<Integer, DataChannel> oursById = new HashMap<>();
        for (DataChannel c : ours) {
            oursById.put(c.id(), c);
        }
        List<Object> list = new ArrayList<>();
        for (RTCStats c : channels) {
            Map<String, Object> entry = new LinkedHashMap<>();
            int id = (int) number(c, "dataChannelIdentifier", -1);
            entry.put(StatsKeys.LABEL, text(c, "label"));
            entry.put(StatsKeys.ID, (long) id);
            entry.put(StatsKeys.STATE, text(c, "state"));
            entry.put(StatsKeys.MESSAGES_SENT, number(c, "messagesSent"));
            entry.put(StatsKeys.BYTES_SENT, number(c, "bytesSent"));
            entry.put(StatsKeys.MESSAGES_RECEIVED, number(c, "messagesReceived"));
            entry.put(StatsKeys.BYTES_RECEIVED, number(c, "bytesReceived"));
            DataChannel mine = oursById.get(id);
            entry.put(StatsKeys.BUFFERED_AMOUNT, mine == null ? 0L : (long) mine.bufferedAmount());
            list.add(entry);
        }
        out.put(StatsKeys.DATA_CHANNELS, list);
        return out;
    }

    private static Object attr(RTCStats s, String name) {
        Map<String, Object> a = s.getAttributes();
        return a == null ? null : a.get(name);
    }

    private static String text(RTCStats s, String name) {
        Object v = attr(s, name);
        return v == null ? "" : v.toString();
    }

    private static long number(RTCStats s, String name) {
        return number(s, name, 0);
    }

    private static long number(RTCStats s, String name, long fallback) {
        return attr(s, name) instanceof Number n ? n.longValue() : fallback;
    }

    /** "ip:port", IPv6 in brackets; the candidate's "address" (libwebrtc may redact it to ""). */
    private static String address(RTCStats candidate) {
        String ip = text(candidate, "address");
        if (ip.isEmpty()) {
            ip = text(candidate, "ip");
        }
        if (ip.isEmpty()) {
            return "";
        }
        long port = number(candidate, "port");
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port;
    }
}
