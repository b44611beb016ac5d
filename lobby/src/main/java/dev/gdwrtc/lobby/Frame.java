package dev.gdwrtc.lobby;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * A protocol message, {"type": int, "id": int, "data": string}. Parsing is strict: one JSON
 * object (RFC 8259), type and id whole numbers in 0..2^31-1, data a string (absent means "", as
 * the demo's Node.js server reads it); other members may hold any JSON value and are skipped; a
 * member named twice counts once, the last; anything else is {@link Protocol#INVALID_FORMAT}.
 */
public record Frame(int type, long id, String data) {
    /** Longer number literals than this cannot be a valid type or id; not parsed at all. */
    private static final int MAX_NUMBER_CHARS = 24;

    /** Arrays and objects inside a skipped member nest at most this deep. */
    private static final int MAX_DEPTH = 255;

    /**
     * jackson-core's streaming parser: strict JSON (RFC 8259) by default, reading UTF-8 bytes
     * without a String of the whole message or a tree, with its buffers recycled per thread.
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    /** Each event loop thread's copy of a direct buffer's bytes; grows to the largest frame seen. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[4096]);

    public static Frame parse(String text) {
        return parse(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Parses a text frame's UTF-8 from its buffer, which is not released: no String of the whole
     * message and no JSON tree per relay, only the data's String (the message's garbage is what
     * makes the node's GC run). Other members may hold any JSON value and are skipped; a member
     * named twice counts once, the last.
     */
    public static Frame parse(ByteBuf utf8) {
        int length = utf8.readableBytes();
        byte[] bytes;
        int offset;
        if (utf8.hasArray()) {
            bytes = utf8.array();
            offset = utf8.arrayOffset() + utf8.readerIndex();
        } else {
            bytes = SCRATCH.get();
            if (bytes.length < length) {
                bytes = new byte[Math.max(length, bytes.length * 2)];
                SCRATCH.set(bytes);
            }
            utf8.getBytes(utf8.readerIndex(), bytes, 0, length);
            offset = 0;
        }
        try (JsonParser p = JSON.createParser(bytes, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw invalid();
            }
            long type = -1;
            long id = -1;
            String data = null;
            boolean dataSeen = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "type" -> type = whole(p, value);
                    case "id" -> id = whole(p, value);
                    case "data" -> {
                        data = value == JsonToken.VALUE_STRING ? p.getText() : null; // else not a string
                        dataSeen = true;
                    }
                    default -> { }
                }
                p.skipChildren(); // an object or array value: checked and passed
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null
                    || type < 0 || id < 0 || dataSeen && data == null) {
                throw invalid();
            }
            return new Frame((int) type, id, dataSeen ? data : "");
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProtocolError pe) {
                throw pe;
            }
            throw invalid();
        }
    }

    private static ProtocolError invalid() {
        return new ProtocolError(Protocol.INVALID_FORMAT);
    }

    /**
     * A type or id: a number that is a whole value in 0..2^31-1 (4.0 and 4e0 are 4; -0 is 0);
     * -1 for any other JSON value (a later member of the same name may still replace it).
     */
    private static long whole(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            if (p.getTextLength() > MAX_NUMBER_CHARS || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                return -1;
            }
            long v = p.getLongValue();
            return v < 0 || v > Integer.MAX_VALUE ? -1 : v;
        }
        if (value == JsonToken.VALUE_NUMBER_FLOAT) {
            if (p.getTextLength() > MAX_NUMBER_CHARS) {
                return -1;
            }
            try {
                BigDecimal n = p.getDecimalValue();
                if (n.signum() < 0 || n.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0 || n.stripTrailingZeros().scale() > 0) {
                    return -1;
                }
                return n.longValueExact();
            } catch (ArithmeticException e) {
                return -1; // an exponent past int's range
            }
        }
        return -1;
    }

    /**
     * The text frame the server sends, as UTF-8 in a buffer of {@code alloc}: the demo's field
     * names, data always a string. Written straight into the (pooled) buffer, without a String or
     * JSON tree per message, since every relay is encoded once; the escapes are JSON's, plus
     * U+2028/U+2029 as a JavaScript client may want them. The caller owns the buffer.
     */
    public static ByteBuf encode(ByteBufAllocator alloc, int type, long id, String data) {
        ByteBuf b = alloc.buffer(data.length() + 48);
        b.writeCharSequence("{\"type\":" + type + ",\"id\":" + id + ",\"data\":\"", StandardCharsets.US_ASCII);
        int run = 0; // start of the characters not yet written that need no escape
        for (int i = 0; i < data.length(); i++) {
            String escape = escape(data.charAt(i));
            if (escape != null) {
                ByteBufUtil.writeUtf8(b, data, run, i);
                b.writeCharSequence(escape, StandardCharsets.US_ASCII);
                run = i + 1;
            }
        }
        ByteBufUtil.writeUtf8(b, data, run, data.length());
        b.writeByte('"').writeByte('}');
        return b;
    }

    /** The JSON escape of c, or null if it goes as it is. */
    private static String escape(char c) {
        return switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> c < 0x20 || c == '\u2028' || c == '\u2029' ? String.format("\\u%04x", (int) c) : null;
        };
    }
}
