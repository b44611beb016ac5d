package dev.gdwrtc.core.stats;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes a Dictionary of stats as the compact tagged form the C++ bindings turn into Godot values
 * (native/stats_records.h reads it): one tag byte then the value, little-endian.
 * {@code 'i'} int64, {@code 'f'} float64, {@code 's'} int32 length + UTF-8, {@code 'a'} int32
 * count + values, {@code 'd'} int32 count + (key as int32 length + UTF-8, value) pairs.
 */
public final class StatsEncoder {
    public static final int INT = 'i';
    public static final int FLOAT = 'f';
    public static final int STRING = 's';
    public static final int ARRAY = 'a';
    public static final int DICTIONARY = 'd';

    private StatsEncoder() {}

    public static byte[] encode(Map<String, ?> dictionary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        value(out, dictionary);
        return out.toByteArray();
    }

    private static void value(ByteArrayOutputStream out, Object v) {
        if (v instanceof Double || v instanceof Float) {
            out.write(FLOAT);
            out.writeBytes(le(8).putDouble(((Number) v).doubleValue()).array());
        } else if (v instanceof Number n) {
            out.write(INT);
            out.writeBytes(le(8).putLong(n.longValue()).array());
        } else if (v instanceof String s) {
            out.write(STRING);
            text(out, s);
        } else if (v instanceof List<?> list) {
            out.write(ARRAY);
            out.writeBytes(le(4).putInt(list.size()).array());
            for (Object e : list) {
                value(out, e);
            }
        } else if (v instanceof Map<?, ?> map) {
            out.write(DICTIONARY);
            out.writeBytes(le(4).putInt(map.size()).array());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                text(out, e.getKey().toString());
                value(out, e.getValue());
            }
        } else {
            throw new IllegalArgumentException("No stats encoding for " + v);
        }
    }

    private static void text(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(le(4).putInt(b.length).array());
        out.writeBytes(b);
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
