package dev.gdwrtc.core.rtc;

import dev.gdwrtc.core.PeerConnection;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The process-wide webrtc-java factory, the sender thread every channel shares, and the one
 * thread from which the caller's requests reach webrtc-java.
 *
 * <p>That thread exists because webrtc-java keeps a thread-local JNI environment for each thread
 * that calls it, and its static destructors use it at process exit: a native thread of the host
 * (Godot's main thread) that had called webrtc-java crashes the process as it exits. So calls made
 * on the caller's behalf run here; callbacks on libwebrtc's own threads stay where they are (they
 * may be what this thread is waiting for). A headless audio module keeps libwebrtc away from sound
 * devices: only data channels are used.
 */
public final class WebRtcJavaRuntime {
    private static WebRtcJavaRuntime instance;

    private final ExecutorService thread;
    private final HeadlessAudioDeviceModule audio;
    private final PeerConnectionFactory factory;
    final Sender sender;
    final RtcTimer timer = new RtcTimer();
    /** The host's addresses, watched for connections that restart ICE by themselves. */
    final NetworkWatch networks = new NetworkWatch(timer);

    private WebRtcJavaRuntime() {
        thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gdwrtc-rtc");
            t.setDaemon(true);
            return t;
        });
        audio = call(HeadlessAudioDeviceModule::new);
        factory = call(() -> new PeerConnectionFactory(audio));
        sender = new Sender();
    }

    public static synchronized WebRtcJavaRuntime get() {
        if (instance == null) {
            instance = new WebRtcJavaRuntime();
        }
        return instance;
    }

    public PeerConnection newPeerConnection() {
        return call(() -> new WebRtcJavaPeerConnection(this));
    }

    PeerConnectionFactory factory() {
        return factory;
    }

    /**
     * Ends the transport's own threads (sender and webrtc-java calling thread) once connections
     * are closed, for process exit; a later {@link #get} starts a fresh transport.
     */
    public static synchronized void quiesce() {
        if (instance != null) {
            instance.sender.shutdown();
            instance.timer.shutdown();
            instance.thread.shutdown();
            try {
                // Joined, so no gdwrtc-* thread runs Java code once the host tears itself down.
                instance.thread.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            instance = null;
        }
    }

    /** Runs {@code work} on the webrtc-java calling thread and returns its result. */
    <T> T call(Callable<T> work) {
        Future<T> f = thread.submit(work);
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for WebRTC", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Runs {@code work} on the webrtc-java calling thread later; for libwebrtc's callbacks. */
    void post(Runnable work) {
        try {
            thread.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    System.err.println("gdwrtc: " + e + " in deferred WebRTC work (ignored)");
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // quiesced for process exit: nothing is disposed any more
        }
    }

    void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
