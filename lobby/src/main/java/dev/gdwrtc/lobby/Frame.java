package dev.gdwrtc.lobby;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;

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
     * The text frame the server sends: the demo's field names, data always a string. Written
     * directly (no JSON tree per message: every relay is encoded once); the escapes are JSON's,
     * plus U+2028/U+2029 as a JavaScript client may want them.
     */
    public static String encode(int type, long id, String data) {
        StringBuilder b = new StringBuilder(data.length() + 48);
        b.append("{\"type\":").append(type).append(",\"id\":").append(id).append(",\"data\":\"");
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        b.append("\\u").append(String.format("%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append("\"}").toString();
    }
}
