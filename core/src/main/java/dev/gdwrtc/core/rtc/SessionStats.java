package dev.gdwrtc.core.rtc;

import dev.gdwrtc.core.DataChannel;
import dev.gdwrtc.core.stats.ConnectionStats;
import dev.gdwrtc.core.stats.StatsEncoder;
import dev.gdwrtc.core.stats.StatsKeys;
import dev.onvoid.webrtc.RTCStatsCollectorCallback;
import dev.onvoid.webrtc.RTCStatsReport;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The latest stats sample of one connection. Samples are requested in the background (at most one
 * in flight) and delivered on libwebrtc's thread, where they are encoded once; a read only takes
 * the reference, so {@code get_stats()} never waits for libwebrtc.
 */
final class SessionStats implements RTCStatsCollectorCallback {
    private final Collection<? extends DataChannel> channels;
    /** System.nanoTime() when the request in flight was made; 0: none is. */
    private final AtomicLong inFlightSince = new AtomicLong();
    /** A request unanswered this long is given up (libwebrtc may drop one while it sets up). */
    private static final long GIVE_UP_NANOS = 5_000_000_000L;
    private final AtomicLong iceRestarts = new AtomicLong();
    private volatile ConnectionStats latest = ConnectionStats.NONE;
    private volatile ScheduledFuture<?> task;

    /** Told each sample's transport counters (bytes sent, bytes received), on libwebrtc's thread. */
    interface Counters {
        void sampled(long bytesSent, long bytesReceived);
    }

    private final Counters counters;

    SessionStats(Collection<? extends DataChannel> channels, Counters counters) {
        this.channels = channels;
        this.counters = counters;
    }

    ConnectionStats latest() {
        return latest;
    }

    void countRestart() {
        iceRestarts.incrementAndGet();
    }

    /** Samples every {@code periodMs} through {@code tick} (which calls {@link #begin}) until {@link #stop}. */
    void start(RtcTimer timer, long periodMs, Runnable tick) {
        task = timer.every(periodMs, tick);
    }

    void stop() {
        ScheduledFuture<?> t = task;
        if (t != null) {
            t.cancel(false);
        }
    }

    /** Whether a request may be sent now (none in flight); pair with {@link #abandon} if it is not sent. */
    boolean begin() {
        long now = System.nanoTime() | 1; // never 0, which means "none in flight"
        long since = inFlightSince.get();
        return (since == 0 || now - since > GIVE_UP_NANOS) && inFlightSince.compareAndSet(since, now);
    }

    void abandon() {
        inFlightSince.set(0);
    }

    @Override
    public void onStatsDelivered(RTCStatsReport report) {
        try {
            ConnectionStats previous = latest;
            Map<String, Object> read = StatsReader.read(report.getStats().values(), channels, iceRestarts.get());
            byte[] encoded = StatsEncoder.encode(read);
            latest = new ConnectionStats(previous.sequence() + 1, System.nanoTime(), encoded);
            counters.sampled((Long) read.get(StatsKeys.BYTES_SENT), (Long) read.get(StatsKeys.BYTES_RECEIVED));
        } catch (Throwable t) {
            // A Throwable must not return to libwebrtc's thread; the previous sample stays.
        } finally {
            inFlightSince.set(0);
        }
    }
}
