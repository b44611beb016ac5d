package dev.gdwrtc.lobby;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * A protocol message, {"type": int, "id": int, "data": string}. Parsing is strict: one JSON
 * object, type and id whole numbers in 0..2^31-1, data a string (absent means "", as the demo's
 * Node.js server reads it); anything else is {@link Protocol#INVALID_FORMAT}.
 */
public record Frame(int type, long id, String data) {
    /** Longer number literals than this cannot be a valid type or id; not parsed at all. */
    private static final int MAX_NUMBER_CHARS = 24;

    private static final TypeAdapter<JsonElement> JSON = new Gson().getAdapter(JsonElement.class);

    public static Frame parse(String text) {
        JsonElement json;
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            json = JSON.read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new ProtocolError(Protocol.INVALID_FORMAT);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProtocolError p) {
                throw p;
            }
            throw new ProtocolError(Protocol.INVALID_FORMAT);
        }
        if (!json.isJsonObject()) {
            throw new ProtocolError(Protocol.INVALID_FORMAT);
        }
        JsonObject o = json.getAsJsonObject();
        long type = whole(o.get("type"));
        long id = whole(o.get("id"));
        JsonElement data = o.get("data");
        if (data != null && !(data.isJsonPrimitive() && data.getAsJsonPrimitive().isString())) {
            throw new ProtocolError(Protocol.INVALID_FORMAT);
        }
        return new Frame((int) type, id, data == null ? "" : data.getAsString());
    }

    private static long whole(JsonElement e) {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new ProtocolError(Protocol.INVALID_FORMAT);
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.getAsString().length() > MAX_NUMBER_CHARS) {
            throw new ProtocolError(Protocol.INVALID_FORMAT);
        }
        BigDecimal v = p.getAsBigDecimal();
        if (v.signum() < 0 || v.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0 || v.stripTrailingZeros().scale() > 0) {
            throw new ProtocolError(Protocol.INVALID_FORMAT);
        }
        return v.longValueExact();
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
