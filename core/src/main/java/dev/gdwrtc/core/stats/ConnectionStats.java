package dev.gdwrtc.core.stats;

/**
 * One sample of a connection's statistics, as {@code get_stats()} hands it out: {@code sequence}
 * counts samples (0: none taken yet), {@code sampledAtNanos} is {@link System#nanoTime()} when it
 * was taken, and {@code encoded} is the Dictionary in {@link StatsEncoder}'s form, made once per
 * sample so that a read only copies bytes.
 */
public record ConnectionStats(long sequence, long sampledAtNanos, byte[] encoded) {
    /** Before the first sample: every key with its "unknown" value. */
    public static final ConnectionStats NONE = new ConnectionStats(0, 0, StatsEncoder.encode(StatsKeys.empty()));

    /** Seconds since the sample was taken; -1 before the first one. */
    public double ageSeconds(long nowNanos) {
        return sequence == 0 ? -1.0 : (nowNanos - sampledAtNanos) / 1e9;
    }
}
