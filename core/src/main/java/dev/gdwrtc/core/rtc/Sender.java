package dev.gdwrtc.core.rtc;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads that call {@code RTCDataChannel.send}. Each send holds its caller for a hop to
 * libwebrtc's network thread (tens of microseconds), so Godot's thread only copies the packet into
 * the channel's send queue, and a channel with work is scheduled here, once, until its queue is
 * empty. A channel is with one thread at a time, which keeps its packets in order; the threads
 * serve different channels at once, so channels and peers do not wait behind one another's hops.
 */
final class Sender {
    /**
     * Threads sending at once: enough to keep libwebrtc's network thread busy while each waits on
     * its hop (a few suffice; the hop, not the CPU, is what they wait for).
     */
    static final int THREADS = 4;
    /** How long an idle thread waits for work before it checks whether to trim memory. */
    private static final long IDLE_MILLIS = 100;

    /**
     * When a channel whose libwebrtc buffer was full is tried again (its high-water mark holds tens
     * of milliseconds of traffic at the rates seen here, so this never starves it), and how long a
     * thread pauses after libwebrtc refused a message.
     */
    static final long RETRY_MICROS = 200;

    private final RtcTimer timer;
    private final BlockingQueue<WebRtcJavaDataChannel> ready = new ArrayBlockingQueue<>(1 << 16);
    private final Thread[] threads = new Thread[THREADS];
    private volatile boolean running = true;

    Sender(RtcTimer timer) {
        this.timer = timer;
        for (int i = 0; i < THREADS; i++) {
            boolean trims = i == 0; // one thread gives memory back after a burst
            threads[i] = new Thread(() -> run(trims), "gdwrtc-sender-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
    }

    /** Called by a channel whose queue went from empty to non-empty (and was not scheduled). */
    void schedule(WebRtcJavaDataChannel channel) {
        if (!ready.offer(channel)) {
            // Cannot happen while fewer than 65536 channels exist; the channel retries on its next put.
            channel.unschedule();
        }
    }

    private void run(boolean trims) {
        SendBuffer buffer = new SendBuffer();
        while (running) {
            try {
                WebRtcJavaDataChannel ch = ready.poll(IDLE_MILLIS, TimeUnit.MILLISECONDS);
                if (ch != null) {
                    send(ch, buffer);
                } else if (trims) {
                    ChunkPool.trimIfBurstEnded();
                }
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                // Whatever one channel threw (even an Error), every other channel still sends.
                LockSupport.parkNanos(1_000_000);
            }
        }
    }

    private void send(WebRtcJavaDataChannel ch, SendBuffer buffer) {
        WebRtcJavaDataChannel.Flush turn;
        try {
            turn = ch.flush(buffer);
        } catch (Throwable t) {
            buffer.sent();
            turn = WebRtcJavaDataChannel.Flush.REFUSED; // its packets stay queued: try again after the others
        }
        switch (turn) {
            case OVER_HIGH_WATER ->
                // The channel waits, no thread does. Retried at once by every free thread, one full
                // channel kept libwebrtc's network thread, the one that drains it, answering
                // thousands of buffered-amount hops a second.
                timer.laterMicros(RETRY_MICROS, () -> ready(ch));
            case REFUSED -> {
                // SCTP refused a message (an unreliable one, while congested): it takes messages
                // again within microseconds, so the next free thread tries; this one pauses.
                ready(ch);
                LockSupport.parkNanos(RETRY_MICROS * 1000);
            }
            case DONE -> { }
        }
    }

    private void ready(WebRtcJavaDataChannel ch) {
        if (!ready.offer(ch)) {
            ch.unschedule();
        }
    }

    /** Stops the threads and waits for them to end. */
    void shutdown() {
        running = false;
        for (Thread t : threads) {
            t.interrupt();
        }
        try {
            for (Thread t : threads) {
                t.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
