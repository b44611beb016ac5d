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
            WebRtcJavaDataChannel ch;
            try {
                ch = ready.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (ch != null && !ch.flush()) {
                // libwebrtc's own buffer is full: retry this channel after the others.
                if (!ready.offer(ch)) {
                    ch.unschedule();
                }
                LockSupport.parkNanos(200_000); // libwebrtc drains at network speed; don't spin

            }
        }
    }

    void shutdown() {
        running = false;
        thread.interrupt();
    }
}
