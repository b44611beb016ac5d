package dev.gdwrtc.core.rtc;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread that calls {@code RTCDataChannel.send}. Each send holds its caller for a hop to
 * libwebrtc's network thread (tens of microseconds), so Godot's thread only copies the packet into
 * the channel's outbox and a channel with work is scheduled here, once, until its outbox is empty.
 */
final class Sender implements Runnable {
    private final BlockingQueue<WebRtcJavaDataChannel> ready = new ArrayBlockingQueue<>(1 << 16);
    private final Thread thread;
    private volatile boolean running = true;

    Sender() {
        thread = new Thread(this, "gdwrtc-sender");
        thread.setDaemon(true);
        thread.start();
    }

    /** Called by a channel whose outbox went from empty to non-empty (and was not scheduled). */
    void schedule(WebRtcJavaDataChannel channel) {
        if (!ready.offer(channel)) {
            // Cannot happen while fewer than 65536 channels exist; the channel retries on its next put.
            channel.unschedule();
        }
    }

    @Override
    public void run() {
        while (running) {
            try {
                sendOnce();
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                // Whatever one channel threw (even an Error), every other channel still sends.
                LockSupport.parkNanos(1_000_000);
            }
        }
    }

    private void sendOnce() throws InterruptedException {
        WebRtcJavaDataChannel ch = ready.poll(100, TimeUnit.MILLISECONDS);
        if (ch == null) {
            return;
        }
        boolean flushed;
        try {
            flushed = ch.flush();
        } catch (Throwable t) {
            flushed = false; // its packets stay queued: try again after the others
        }
        if (!flushed) {
            // libwebrtc's own buffer is full (or it threw): retry this channel after the others.
            if (!ready.offer(ch)) {
                ch.unschedule();
            }
            LockSupport.parkNanos(200_000); // libwebrtc drains at network speed; don't spin
        }
    }

    /** Stops the thread and waits for it to end. */
    void shutdown() {
        running = false;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
