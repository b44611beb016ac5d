package dev.gdwrtc.core.stats;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@link StatsEncoder}'s form back (Java callers and tests; the C++ side has its own). */
public final class StatsDecoder {
    private StatsDecoder() {}

    @SuppressWarnings("unchecked")
    public static Map<String, Object> decode(byte[] encoded) {
        return (Map<String, Object>) value(ByteBuffer.wrap(encoded).order(ByteOrder.LITTLE_ENDIAN));
    }

    private static Object value(ByteBuffer b) {
        byte tag = b.get();
        switch (tag) {
            case StatsEncoder.INT:
                return b.getLong();
            case StatsEncoder.FLOAT:
                return b.getDouble();
            case StatsEncoder.STRING:
                return text(b);
            case StatsEncoder.ARRAY: {
                int n = b.getInt();
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(value(b));
                }
                return list;
            }
            case StatsEncoder.DICTIONARY: {
                int n = b.getInt();
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    String key = text(b);
                    map.put(key, value(b));
                }
                return map;
            }
            default:
                throw new IllegalArgumentException("Bad stats tag " + tag);
        }
    }

    private static String text(ByteBuffer b) {
        byte[] s = new byte[b.getInt()];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }
}
