package dev.gdwrtc.core.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The keys of {@code get_stats()}'s Dictionary, the one place they are spelt (the class reference
 * in gdextension/doc_classes describes each). Counters are ints, times in seconds are floats,
 * candidate types and the protocol are Strings ("" while unknown).
 */
public final class StatsKeys {
    public static final String ROUND_TRIP_TIME = "round_trip_time";
    public static final String BYTES_SENT = "bytes_sent";
    public static final String BYTES_RECEIVED = "bytes_received";
    public static final String PACKETS_SENT = "packets_sent";
    public static final String PACKETS_RECEIVED = "packets_received";
    public static final String LOCAL_CANDIDATE_TYPE = "local_candidate_type";
    public static final String REMOTE_CANDIDATE_TYPE = "remote_candidate_type";
    public static final String LOCAL_ADDRESS = "local_address";
    public static final String REMOTE_ADDRESS = "remote_address";
    public static final String PROTOCOL = "protocol";
    public static final String AVAILABLE_OUTGOING_BITRATE = "available_outgoing_bitrate";
    public static final String ICE_RESTARTS = "ice_restarts";
    public static final String DATA_CHANNELS = "data_channels";
    /** Filled in at each read, not in the sample: seconds since the sample was taken. */
    public static final String AGE = "age";

    public static final String LABEL = "label";
    public static final String ID = "id";
    public static final String STATE = "state";
    public static final String MESSAGES_SENT = "messages_sent";
    public static final String MESSAGES_RECEIVED = "messages_received";
    public static final String BUFFERED_AMOUNT = "buffered_amount";

    /** round_trip_time before a candidate pair has measured one. */
    public static final double UNKNOWN_TIME = -1.0;

    private StatsKeys() {}

    /** A Dictionary with every always-present key at its "unknown" value, in the documented order. */
    public static Map<String, Object> empty() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(ROUND_TRIP_TIME, UNKNOWN_TIME);
        m.put(BYTES_SENT, 0L);
        m.put(BYTES_RECEIVED, 0L);
        m.put(PACKETS_SENT, 0L);
        m.put(PACKETS_RECEIVED, 0L);
        m.put(LOCAL_CANDIDATE_TYPE, "");
        m.put(REMOTE_CANDIDATE_TYPE, "");
        m.put(LOCAL_ADDRESS, "");
        m.put(REMOTE_ADDRESS, "");
        m.put(PROTOCOL, "");
        m.put(ICE_RESTARTS, 0L);
        m.put(DATA_CHANNELS, new ArrayList<>());
        return m;
    }
}
