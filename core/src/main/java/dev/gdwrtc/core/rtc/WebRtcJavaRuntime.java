package dev.gdwrtc.core.rtc;

import dev.gdwrtc.core.GodotError;
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
 * devices; it plays out (to nowhere) only once a connection enables voice, which is what makes
 * libwebrtc decode remote audio for {@link VoiceReceiver}.
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
    private VoiceMic mic; // made by the first voice connection, on the webrtc-java thread

    private WebRtcJavaRuntime() {
        thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gdwrtc-rtc");
            t.setDaemon(true);
            return t;
        });
        audio = call(HeadlessAudioDeviceModule::new);
        factory = call(() -> new PeerConnectionFactory(audio));
        sender = new Sender(timer);
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

    /** On the webrtc-java thread: the process's microphone track, and playout started for voice. */
    synchronized VoiceMic mic() {
        if (mic == null) {
            mic = new VoiceMic(factory, this::stopRecording);
            audio.initPlayout();
            audio.startPlayout();
        }
        return mic;
    }

    /**
     * How long after a voice connection connects its microphone pause ends (holdVoice). Short: a
     * pause is a gap in the stream's timing, which listeners' jitter buffers keep as delay (a
     * 300 ms pause made 200 to 300 ms of lasting delay). The send stream starts as the transport
     * becomes writable, before the connection reports connected.
     */
    static final long VOICE_START_MS = 50;
    /** A voice connection that never connects pauses the microphone no longer than this. */
    static final long VOICE_HOLD_MAX_MS = 15_000;

    /**
     * A new voice connection pauses the microphone (VoiceMic's gate) until its send stream has
     * started, unless the microphone watches for recordings (VoiceMic#watching): libwebrtc then
     * starts the audio module's recording, whose capture thread sends too (webrtc-java 0.14.0's
     * headless module captures the playout mix), and a send stream fed from two threads at once
     * aborts the process (its race check). The returned release stops that recording (the module
     * joins its capture thread) and resumes pushes without the frames held; it runs once, at the
     * latest after {@link #VOICE_HOLD_MAX_MS}.
     */
    Runnable holdVoice(VoiceMic m) {
        m.hold();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable release = () -> {
            if (done.compareAndSet(false, true)) {
                try {
                    stopRecording();
                } finally {
                    m.release(false);
                }
            }
        };
        timer.later(VOICE_HOLD_MAX_MS, () -> post(release));
        return () -> post(release);
    }

    /** Stops the audio module's recording if libwebrtc started it (cheap when it did not). */
    void stopRecording() {
        try {
            audio.stopRecording();
        } catch (RuntimeException e) {
            System.err.println("gdwrtc: stopping the audio module's recording failed: " + e);
        }
    }

    /**
     * The game's microphone PCM (interleaved 16-bit little-endian) for every voice connection;
     * {@code ERR_UNCONFIGURED} until a connection was initialized with voice.
     */
    public int pushVoice(byte[] pcm, int length, int rate, int channels) {
        VoiceMic m;
        synchronized (this) {
            m = mic;
        }
        if (m == null) {
            return GodotError.fail(GodotError.ERR_UNCONFIGURED,
                    "No connection has voice: initialize one with {\"gdwrtcVoice\": true} first.");
        }
        return m.push(pcm, length, rate, channels);
    }

    /** Microphone frames dropped because pushes came faster than real time (a test's check). */
    public long droppedVoiceFrames() {
        VoiceMic m;
        synchronized (this) {
            m = mic;
        }
        return m == null ? 0 : m.dropped();
    }

    /**
     * Ends the transport's own threads (sender and webrtc-java calling thread) once connections
     * are closed, for process exit; a later {@link #get} starts a fresh transport.
     */
    public static synchronized void quiesce() {
        if (instance != null) {
            WebRtcJavaRuntime r = instance;
            if (r.mic != null) {
                r.mic.shutdown();
                try {
                    r.run(r.audio::stopPlayout); // no playout thread calls Java code after this
                } catch (RuntimeException ignored) {
                    // already stopped
                }
            }
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
