package dev.gdwrtc.lobby;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.util.ByteProcessor;
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

    /** Arrays and objects inside a skipped member nest at most this deep (no deep recursion). */
    private static final int MAX_DEPTH = 255;

    public static Frame parse(String text) {
        return parse(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Parses a text frame's UTF-8 (valid UTF-8, as Netty's WebSocket decoder checks it) straight
     * from its buffer, which is not released: no String of the whole message and no JSON tree per
     * relay, only the data's String (the message's garbage is what makes the node's GC run).
     */
    public static Frame parse(ByteBuf utf8) {
        return new Parser(utf8).frame();
    }

    /** True for a byte inside a JSON string that ends no run: not '"', '\\' or a control character. */
    private static final ByteProcessor PLAIN = c -> c != '"' && c != '\\' && (c < 0 || c >= 0x20);

    /** A strict JSON reader over bytes [readerIndex, writerIndex); every mistake is a ProtocolError. */
    private static final class Parser {
        private final ByteBuf b;
        private final int end;
        private int i;

        Parser(ByteBuf b) {
            this.b = b;
            this.i = b.readerIndex();
            this.end = b.writerIndex();
        }

        private static ProtocolError invalid() {
            return new ProtocolError(Protocol.INVALID_FORMAT);
        }

        Frame frame() {
            long type = -1;
            long id = -1;
            String data = null;
            boolean dataSeen = false;
            expect('{');
            if (peek() == '}') {
                i++;
            } else {
                while (true) {
                    expect('"');
                    String name = string();
                    expect(':');
                    skipSpace();
                    switch (name) {
                        case "type" -> type = whole();
                        case "id" -> id = whole();
                        case "data" -> {
                            if (i < end && b.getByte(i) == '"') {
                                i++;
                                data = string();
                            } else {
                                value(0);
                                data = null; // null, a number, an object: not a string
                            }
                            dataSeen = true;
                        }
                        default -> value(0);
                    }
                    int c = peek();
                    i++;
                    if (c == '}') {
                        break;
                    }
                    if (c != ',') {
                        throw invalid();
                    }
                }
            }
            skipSpace();
            if (i != end || type < 0 || id < 0 || dataSeen && data == null) {
                throw invalid();
            }
            return new Frame((int) type, id, dataSeen ? data : "");
        }

        private void skipSpace() {
            while (i < end) {
                byte c = b.getByte(i);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                i++;
            }
        }

        /** The next byte after white space (not taken), or -1 at the end. */
        private int peek() {
            skipSpace();
            return i < end ? b.getByte(i) : -1;
        }

        private void expect(char c) {
            if (peek() != c) {
                throw invalid();
            }
            i++;
        }

        /** A string's rest after its opening quote, unescaped; the closing quote taken. */
        private String string() {
            int from = i;
            plain();
            while (i < end) {
                byte c = b.getByte(i);
                if (c == '"') {
                    String s = b.toString(from, i - from, StandardCharsets.UTF_8);
                    i++;
                    return s;
                }
                if (c == '\\') {
                    return escaped(from);
                }
                if (c >= 0 && c < 0x20) {
                    throw invalid(); // control characters must be escaped
                }
                i++;
            }
            throw invalid();
        }

        /**
         * Moves i past the bytes of a string that need no look (not a quote, backslash or control
         * character) in one pass of the buffer's own loop, not a checked getByte per byte: an
         * offer's 1.5 KB are almost all such bytes.
         */
        private void plain() {
            int stop = i < end ? b.forEachByte(i, end - i, PLAIN) : -1;
            i = stop < 0 ? end : stop;
        }

        /** The slow path of {@link #string()}: from its first backslash on. */
        private String escaped(int from) {
            StringBuilder s = new StringBuilder(i - from + 16);
            s.append(b.toString(from, i - from, StandardCharsets.UTF_8));
            int run = i;
            while (i < end) {
                byte c = b.getByte(i);
                if (c == '"') {
                    s.append(b.toString(run, i - run, StandardCharsets.UTF_8));
                    i++;
                    return s.toString();
                }
                if (c >= 0 && c < 0x20) {
                    throw invalid();
                }
                if (c != '\\') {
                    i++;
                    continue;
                }
                s.append(b.toString(run, i - run, StandardCharsets.UTF_8));
                if (i + 1 >= end) {
                    throw invalid();
                }
                byte e = b.getByte(i + 1);
                i += 2;
                switch (e) {
                    case '"' -> s.append('"');
                    case '\\' -> s.append('\\');
                    case '/' -> s.append('/');
                    case 'b' -> s.append('\b');
                    case 'f' -> s.append('\f');
                    case 'n' -> s.append('\n');
                    case 'r' -> s.append('\r');
                    case 't' -> s.append('\t');
                    case 'u' -> {
                        if (i + 4 > end) {
                            throw invalid();
                        }
                        int v = 0;
                        for (int k = 0; k < 4; k++) {
                            int d = Character.digit(b.getByte(i + k), 16);
                            if (d < 0) {
                                throw invalid();
                            }
                            v = v * 16 + d;
                        }
                        i += 4;
                        s.append((char) v);
                    }
                    default -> throw invalid();
                }
                run = i;
            }
            throw invalid();
        }

        /** A number literal's extent, checked against JSON's grammar; i moves past it. */
        private int number() {
            int from = i;
            if (i < end && b.getByte(i) == '-') {
                i++;
            }
            if (i < end && b.getByte(i) == '0') {
                i++;
            } else if (digits() == 0) {
                throw invalid();
            }
            if (i < end && b.getByte(i) == '.') {
                i++;
                if (digits() == 0) {
                    throw invalid();
                }
            }
            if (i < end && (b.getByte(i) == 'e' || b.getByte(i) == 'E')) {
                i++;
                if (i < end && (b.getByte(i) == '+' || b.getByte(i) == '-')) {
                    i++;
                }
                if (digits() == 0) {
                    throw invalid();
                }
            }
            return from;
        }

        private int digits() {
            int from = i;
            while (i < end && b.getByte(i) >= '0' && b.getByte(i) <= '9') {
                i++;
            }
            return i - from;
        }

        /**
         * A type or id: a number that is a whole value in 0..2^31-1 (4.0 and 4e0 are 4; -0 is 0);
         * -1 for any other valid JSON value (a later member of the same name may still replace it).
         */
        private long whole() {
            int c = i < end ? b.getByte(i) : -1;
            if (c != '-' && (c < '0' || c > '9')) {
                value(0);
                return -1;
            }
            int from = number();
            int len = i - from;
            if (len > MAX_NUMBER_CHARS) {
                return -1;
            }
            long v = 0;
            boolean plain = len <= 10;
            for (int k = from; k < i && plain; k++) {
                byte d = b.getByte(k);
                plain = d >= '0' && d <= '9';
                v = v * 10 + (d - '0');
            }
            if (plain) {
                return v > Integer.MAX_VALUE ? -1 : v;
            }
            try {
                BigDecimal n = new BigDecimal(b.toString(from, len, StandardCharsets.US_ASCII));
                if (n.signum() < 0 || n.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0 || n.stripTrailingZeros().scale() > 0) {
                    return -1;
                }
                return n.longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                return -1; // an exponent past int's range
            }
        }

        /** Any JSON value, checked and skipped; white space before it taken already. */
        private void value(int depth) {
            if (i >= end) {
                throw invalid();
            }
            byte c = b.getByte(i);
            switch (c) {
                case '"' -> {
                    i++;
                    skipString();
                }
                case '{', '[' -> {
                    if (depth >= MAX_DEPTH) {
                        throw invalid();
                    }
                    i++;
                    char close = c == '{' ? '}' : ']';
                    if (peek() == close) {
                        i++;
                        return;
                    }
                    while (true) {
                        if (close == '}') {
                            expect('"');
                            skipString();
                            expect(':');
                        }
                        skipSpace();
                        value(depth + 1);
                        int n = peek();
                        i++;
                        if (n == close) {
                            return;
                        }
                        if (n != ',') {
                            throw invalid();
                        }
                    }
                }
                case 't' -> literal("true");
                case 'f' -> literal("false");
                case 'n' -> literal("null");
                default -> {
                    if (c != '-' && (c < '0' || c > '9')) {
                        throw invalid();
                    }
                    number();
                }
            }
        }

        private void skipString() {
            plain();
            while (i < end) {
                byte c = b.getByte(i);
                if (c == '"') {
                    i++;
                    return;
                }
                if (c >= 0 && c < 0x20) {
                    throw invalid();
                }
                if (c == '\\') {
                    if (i + 1 >= end) {
                        throw invalid();
                    }
                    byte e = b.getByte(i + 1);
                    if (e == 'u') {
                        for (int k = 2; k < 6; k++) {
                            if (i + k >= end || Character.digit(b.getByte(i + k), 16) < 0) {
                                throw invalid();
                            }
                        }
                        i += 6;
                        continue;
                    }
                    if ("\"\\/bfnrt".indexOf(e) < 0) {
                        throw invalid();
                    }
                    i += 2;
                    continue;
                }
                i++;
            }
            throw invalid();
        }

        private void literal(String word) {
            for (int k = 0; k < word.length(); k++) {
                if (i >= end || b.getByte(i) != word.charAt(k)) {
                    throw invalid();
                }
                i++;
            }
        }
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
