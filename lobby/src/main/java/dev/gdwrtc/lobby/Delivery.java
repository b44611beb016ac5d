package dev.gdwrtc.lobby;

/**
 * One thing to do to one peer: send it a protocol message, or close it ({@link #CLOSE} as type,
 * the close code as id, the reason as data). Between nodes it travels as one line of text,
 * "to type id data", which the Redis scripts write too (lobby/*.lua).
 */
public record Delivery(long to, int type, long id, String data) {
    public static final int CLOSE = -1;

    public static Delivery message(long to, int type, long id, String data) {
        return new Delivery(to, type, id, data);
    }

    public static Delivery close(long to, int code, String reason) {
        return new Delivery(to, CLOSE, code, reason);
    }

    public boolean isClose() {
        return type == CLOSE;
    }

    public String encode() {
        return to + " " + type + " " + id + " " + data;
    }

    /** The inverse of {@link #encode()}; throws IllegalArgumentException on anything else. */
    public static Delivery decode(String line) {
        String[] f = line.split(" ", 4);
        if (f.length < 3) {
            throw new IllegalArgumentException("not a delivery: " + line);
        }
        return new Delivery(Long.parseLong(f[0]), Integer.parseInt(f[1]), Long.parseLong(f[2]), f.length == 4 ? f[3] : "");
    }
}
