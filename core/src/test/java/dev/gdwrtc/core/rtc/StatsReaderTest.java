package dev.gdwrtc.core.rtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.gdwrtc.core.stats.ConnectionStats;
import dev.gdwrtc.core.stats.StatsDecoder;
import dev.gdwrtc.core.stats.StatsEncoder;
import dev.gdwrtc.core.stats.StatsKeys;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsType;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A libwebrtc report (as webrtc-java hands it over) becomes get_stats()'s Dictionary. */
class StatsReaderTest {
    private static RTCStats stats(RTCStatsType type, String id, Map<String, Object> attributes) {
        return new RTCStats(0, type, id, attributes) {};
    }

    private static final List<RTCStats> REPORT = List.of(
            stats(RTCStatsType.TRANSPORT, "T1", Map.of("selectedCandidatePairId", "CP1",
                    "bytesSent", BigInteger.valueOf(5000), "bytesReceived", BigInteger.valueOf(6000),
                    "packetsSent", 50L, "packetsReceived", 60L)),
            stats(RTCStatsType.CANDIDATE_PAIR, "CP0", Map.of("localCandidateId", "L0", "remoteCandidateId", "R0",
                    "currentRoundTripTime", 0.5)),
            stats(RTCStatsType.CANDIDATE_PAIR, "CP1", Map.of("localCandidateId", "L1", "remoteCandidateId", "R1",
                    "currentRoundTripTime", 0.042, "availableOutgoingBitrate", 300000.0, "nominated", true, "state", "succeeded")),
            stats(RTCStatsType.LOCAL_CANDIDATE, "L1", Map.of("candidateType", "relay", "protocol", "udp", "address", "198.18.10.2", "port", 49200)),
            stats(RTCStatsType.REMOTE_CANDIDATE, "R1", Map.of("candidateType", "srflx", "protocol", "udp", "address", "fd00::1", "port", 5000)),
            stats(RTCStatsType.DATA_CHANNEL, "D1", Map.of("label", "reliable", "dataChannelIdentifier", 1, "state", "open",
                    "messagesSent", 7L, "bytesSent", BigInteger.valueOf(70), "messagesReceived", 8L, "bytesReceived", BigInteger.valueOf(80))));

    @Test
    void theSelectedPairAndTheTransportCountersAreReported() {
        Map<String, Object> m = StatsDecoder.decode(StatsEncoder.encode(StatsReader.read(REPORT, List.of(), 2)));
        assertEquals(0.042, m.get(StatsKeys.ROUND_TRIP_TIME));
        assertEquals(5000L, m.get(StatsKeys.BYTES_SENT));
        assertEquals(6000L, m.get(StatsKeys.BYTES_RECEIVED));
        assertEquals(50L, m.get(StatsKeys.PACKETS_SENT));
        assertEquals(60L, m.get(StatsKeys.PACKETS_RECEIVED));
        assertEquals("relay", m.get(StatsKeys.LOCAL_CANDIDATE_TYPE));
        assertEquals("srflx", m.get(StatsKeys.REMOTE_CANDIDATE_TYPE));
        assertEquals("198.18.10.2:49200", m.get(StatsKeys.LOCAL_ADDRESS));
        assertEquals("[fd00::1]:5000", m.get(StatsKeys.REMOTE_ADDRESS));
        assertEquals("udp", m.get(StatsKeys.PROTOCOL));
        assertEquals(300000.0, m.get(StatsKeys.AVAILABLE_OUTGOING_BITRATE));
        assertEquals(2L, m.get(StatsKeys.ICE_RESTARTS));
        List<?> channels = (List<?>) m.get(StatsKeys.DATA_CHANNELS);
        assertEquals(1, channels.size());
        Map<?, ?> c = (Map<?, ?>) channels.get(0);
        assertEquals("reliable", c.get(StatsKeys.LABEL));
        assertEquals(1L, c.get(StatsKeys.ID));
        assertEquals(7L, c.get(StatsKeys.MESSAGES_SENT));
        assertEquals(80L, c.get(StatsKeys.BYTES_RECEIVED));
        assertEquals(0L, c.get(StatsKeys.BUFFERED_AMOUNT));
    }

    @Test
    void beforeAnyPairEveryKeyIsThereAtItsUnknownValue() {
        Map<String, Object> m = StatsDecoder.decode(ConnectionStats.NONE.encoded());
        assertEquals(StatsKeys.UNKNOWN_TIME, m.get(StatsKeys.ROUND_TRIP_TIME));
        assertEquals("", m.get(StatsKeys.LOCAL_CANDIDATE_TYPE));
        assertEquals(List.of(), m.get(StatsKeys.DATA_CHANNELS));
        assertFalse(m.containsKey(StatsKeys.AVAILABLE_OUTGOING_BITRATE));
        assertEquals(-1.0, ConnectionStats.NONE.ageSeconds(System.nanoTime()));
        assertEquals(m, StatsDecoder.decode(StatsEncoder.encode(StatsReader.read(List.of(), List.of(), 0))));
    }
}
