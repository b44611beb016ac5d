package dev.gdwrtc.core.rtc;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that wakes the core's periodic work (stats samples, ICE restart retries). It only
 * posts work to the webrtc-java thread, never calls webrtc-java itself, so it holds no JNI state.
 */
final class RtcTimer {
    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "gdwrtc-timer");
        t.setDaemon(true);
        return t;
    });

    RtcTimer() {
        // A closed connection's sampling task leaves the queue at once, not at its next run.
        thread.setRemoveOnCancelPolicy(true);
    }

    /** Runs {@code work} every {@code periodMs}, the first time a period from now; cancel the answer to stop. */
    ScheduledFuture<?> every(long periodMs, Runnable work) {
        return thread.scheduleAtFixedRate(guard(work), periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    void later(long delayMs, Runnable work) {
        laterMicros(delayMs * 1000, work);
    }

    void laterMicros(long delayMicros, Runnable work) {
        try {
            thread.schedule(guard(work), delayMicros, TimeUnit.MICROSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shut down for process exit: nothing runs any more
        }
    }

    void shutdown() {
        thread.shutdownNow();
    }

    /** A periodic task that throws is never run again: report and carry on instead. */
    private static Runnable guard(Runnable work) {
        return () -> {
            try {
                work.run();
            } catch (Throwable t) {
                try {
                    System.err.println("gdwrtc: " + t + " in timed work (ignored)");
                } catch (Throwable ignored) {
                    // no memory even for the message
                }
            }
        };
    }
}
