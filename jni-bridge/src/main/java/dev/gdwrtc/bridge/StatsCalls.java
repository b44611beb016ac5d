package dev.gdwrtc.bridge;

import dev.gdwrtc.core.GodotError;
import dev.gdwrtc.core.NativeMemory;
import dev.gdwrtc.core.stats.ConnectionStats;

/**
 * {@code gdwrtc_pc_stats} and {@code gdwrtc_pc_restart_ice}: {@code get_stats()} and
 * {@code restart_ice()} of a connection. A stats read copies the latest background sample, or
 * only its header when the caller already holds that sample, so a read each frame costs one
 * crossing and no allocation.
 */
final class StatsCalls {
    /** int32 sample sequence, int32 body bytes written, float64 age in seconds. */
    static final int STATS_HEADER_SIZE = 16;

    private StatsCalls() {}

    /**
     * Writes the header, then the encoded Dictionary (StatsEncoder's form) unless the sample's
     * sequence is {@code known} or it does not fit. Returns the bytes the whole answer needs:
     * larger than {@code capacity} means call again with a buffer that large.
     */
    static int pcStats(int h, int known, long buffer, int capacity) {
        ConnectionStats s = Calls.pc(h).stats();
        Calls.checkBuffer(buffer, capacity, "the stats buffer");
        if (capacity < STATS_HEADER_SIZE) {
            throw Calls.refuse(GodotError.ERR_INVALID_PARAMETER, "The stats buffer needs at least " + STATS_HEADER_SIZE + " bytes.");
        }
        int sequence = (int) s.sequence();
        boolean fresh = sequence != known;
        int needed = STATS_HEADER_SIZE + (fresh ? s.encoded().length : 0);
        int body = fresh && needed <= capacity ? s.encoded().length : 0;
        long age = Double.doubleToRawLongBits(s.ageSeconds(System.nanoTime()));
        NativeMemory.putInt(buffer, sequence);
        NativeMemory.putInt(buffer + 4, body);
        NativeMemory.putInt(buffer + 8, (int) age);
        NativeMemory.putInt(buffer + 12, (int) (age >>> 32));
        if (body > 0) {
            NativeMemory.write(s.encoded(), 0, buffer + STATS_HEADER_SIZE, body);
        }
        return needed;
    }

    static int pcRestartIce(int h) {
        return Calls.pc(h).restartIce();
    }
}
