package dev.gdwrtc.core.rtc;

import dev.gdwrtc.core.GodotError;
import dev.gdwrtc.core.config.RtcConfig.VoiceConfig;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.AudioProcessing;
import dev.onvoid.webrtc.media.audio.AudioProcessingConfig;
import dev.onvoid.webrtc.media.audio.AudioProcessingStreamConfig;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The process's microphone: one audio track every voice connection sends. The game pushes PCM at
 * its own rate and channel count from its thread; it is made mono 48 kHz there and cut into 10 ms
 * frames, and a thread of ours runs the audio processing (echo cancellation, noise suppression)
 * and hands each frame to webrtc-java (whose calls stay on Java threads, docs/architecture.md).
 * What waits is bounded ({@link #MAX_QUEUED_FRAMES}): a game that pushes faster than real time
 * loses the oldest audio rather than building up delay.
 */
final class VoiceMic {
    static final int FRAME = PcmResampler.RATE / 100; // 10 ms
    /** 200 ms of frames waiting for the voice thread; beyond, the oldest are dropped. */
    static final int MAX_QUEUED_FRAMES = 20;
    /** Frames in hand before sending starts (20 ms): what absorbs a game's uneven pushes. */
    static final int PRIME_FRAMES = 2;
    /** More waiting than this (60 ms) and sending catches up by dropping the oldest. */
    static final int MAX_LAG_FRAMES = 6;

    static final long FRAME_NANOS = 10_000_000L,
            IDLE_NANOS = 2_000_000L,
            SILENCE_NANOS = 200_000_000L,
            LATE_NANOS = 8_000_000L;
    /** The rates a game's mix runs at, and those a test pushes. */
    static final int MIN_RATE = 8_000, MAX_RATE = 192_000;

    final AudioTrack track;
    private final CustomAudioSource source;
    private final AudioProcessing processing;
    private final AudioProcessingStreamConfig stream = new AudioProcessingStreamConfig(PcmResampler.RATE, 1);
    private final ArrayBlockingQueue<byte[]> frames = new ArrayBlockingQueue<>(MAX_QUEUED_FRAMES);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean processingOn;
    /**
     * Descriptions being applied on voice connections: while any is, no frame is pushed. libwebrtc
     * starts the audio module's recording when a send stream starts, and the headless module's
     * capture thread then sends too (webrtc-java 0.14.0: the playout mix, as if it were captured):
     * a send stream fed from two threads at once aborts the process (its race check). So each
     * push stops a recording started since the last one first, no push runs once the capture
     * thread was seen ({@link #capturing}), and while nothing lets it be seen ({@link #watching})
     * pushes pause while a voice connection starts (WebRtcJavaRuntime.holdVoice). Held briefly
     * too while a connection adds or drops the track (the source's sink list, unlocked in
     * webrtc-java 0.14.0, changes). A lock the playout thread only tries
     * ({@link #tick}): stopping a recording joins the capture thread, which may be waiting for the
     * mixer that the playout thread holds while it calls us.
     */
    private final ReentrantLock gate = new ReentrantLock();

    private int held; // guarded by gate
    /**
     * A connection started since the voice thread last stopped the audio module's recording
     * (guarded by gate): until it stops it again, the playout thread does not push (it does not
     * stop recordings itself, see gate).
     */
    private boolean recordingMayRun;
    /**
     * The audio module's capture thread pulled the playout mix (so it runs, and sends next) since
     * the voice thread last stopped the recording: no push until the voice thread stopped it. For
     * a recording that starts outside a connection's pause (a connection made while voice plays,
     * or one that connected only after WebRtcJavaRuntime.VOICE_HOLD_MAX_MS).
     */
    private volatile boolean capturing;
    /**
     * The thread of the audio module's playout: the first to pull a remote voice while no
     * recording can run ({@link #quiet}), for the capture thread may be the first to pull at all.
     */
    private volatile Thread playout;
    /** The voice thread stopped the recording and no connection started since. */
    private volatile boolean quiet;
    /** Held while a frame is pushed: the capture thread's first pull waits for it ({@link #pulledOnPlayout}). */
    private final Object tickPush = new Object();
    /** When the playout thread last pulled a remote voice ({@link System#nanoTime}). */
    private volatile long playoutPulledAt;
    /** A connection's first hold ended: resume at once, without the frames held ({@link #release}). */
    private final java.util.concurrent.atomic.AtomicBoolean resync = new java.util.concurrent.atomic.AtomicBoolean();
    /** How recent a playout pull must be for {@link #watching}: a few of its 10 ms periods. */
    static final long WATCH_NANOS = 50_000_000L;

    private final Runnable stopRecording;

    // The caller's side (serialized by push's lock).
    private final PcmResampler resampler = new PcmResampler();
    private short[] mono = new short[0];
    private byte[] filling = new byte[FRAME * 2];
    private int filled;
    private final java.util.concurrent.atomic.AtomicLong dropped = new java.util.concurrent.atomic.AtomicLong();

    /** Who sends (the voice thread or the playout thread's {@link #tick}), and its state. */
    private final ReentrantLock clock = new ReentrantLock();

    private long next = System.nanoTime(); // guarded by clock
    private boolean talking; // the game is pushing: keep PRIME_FRAMES in hand (guarded by clock)
    private final byte[] out = new byte[FRAME * 2], silence = new byte[FRAME * 2];

    /** On the webrtc-java thread. */
    VoiceMic(PeerConnectionFactory factory, Runnable stopRecording) {
        this.stopRecording = stopRecording;
        source = new CustomAudioSource();
        track = factory.createAudioTrack("gdwrtc-voice", source);
        processing = new AudioProcessing();
        thread = new Thread(this::run, "gdwrtc-voice");
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.setDaemon(true);
        thread.start();
    }

    /** Echo cancellation and noise suppression as the last voice connection configured them. */
    void configure(VoiceConfig c) {
        AudioProcessingConfig config = new AudioProcessingConfig();
        config.echoCanceller.enabled = c.echoCancellation();
        config.noiseSuppression.enabled = c.noiseSuppression();
        config.noiseSuppression.level = AudioProcessingConfig.NoiseSuppression.Level.MODERATE;
        config.highPassFilter.enabled = c.echoCancellation() || c.noiseSuppression();
        processing.applyConfig(config);
        processingOn = c.echoCancellation() || c.noiseSuppression();
    }

    /**
     * Interleaved 16-bit little-endian PCM, {@code length} bytes of {@code channels} channels at
     * {@code rate} Hz; returns a Godot error.
     */
    synchronized int push(byte[] pcm, int length, int rate, int channels) {
        if (channels < 1 || channels > 8) {
            return GodotError.fail(
                    GodotError.ERR_INVALID_PARAMETER, "Voice PCM needs 1 to 8 channels, not " + channels + ".");
        }
        if (rate < MIN_RATE || rate > MAX_RATE) {
            return GodotError.fail(
                    GodotError.ERR_INVALID_PARAMETER,
                    "Voice PCM needs a rate from " + MIN_RATE + " to " + MAX_RATE + " Hz, not " + rate + ".");
        }
        if (length % (2 * channels) != 0) {
            return GodotError.fail(
                    GodotError.ERR_INVALID_PARAMETER,
                    "Voice PCM of " + channels + " channels comes in whole frames of " + 2 * channels + " bytes, not "
                            + length + " bytes.");
        }
        int count = length / (2 * channels);
        if (mono.length < count) {
            mono = new short[count];
        }
        PcmResampler.downmix(pcm, 0, count, channels, mono);
        resampler.convert(mono, count, rate, this::put);
        return GodotError.OK;
    }

    private void put(short s) {
        filling[2 * filled] = (byte) s;
        filling[2 * filled + 1] = (byte) (s >> 8);
        if (++filled == FRAME) {
            while (!frames.offer(filling)) {
                frames.poll(); // the oldest goes: delay stays bounded
                dropped.incrementAndGet();
            }
            filling = new byte[FRAME * 2];
            filled = 0;
        }
    }

    /** 10 ms frames dropped because the voice thread was behind (or the game pushed too fast). */
    long dropped() {
        return dropped.get();
    }

    /** What a remote peer played, as the echo canceller's reference (48 kHz mono frames of 10 ms). */
    void played(byte[] frame, byte[] scratch) {
        if (processingOn) {
            processing.processReverseStream(frame, stream, stream, scratch);
        }
    }

    /**
     * Sends one frame every 10 ms on a fixed grid from the moment voice exists, as a sound card
     * delivers them, and silence when the game has pushed nothing (muted, push-to-talk released,
     * a long hitch): any pause in the stream, the receiver's jitter buffer takes for network delay
     * and keeps that much more delay for a long while. A game pushes in bursts (a frame's worth at
     * a time, late when a frame is): a frame a little late ({@link #LATE_NANOS}) is waited for,
     * and {@link #PRIME_FRAMES} frames are kept in hand once the game pushes; more than
     * {@link #MAX_LAG_FRAMES} waiting and the oldest is dropped. Frames go from this thread or
     * from the audio module's playout thread ({@link #tick}), whichever comes first.
     */
    private void run() {
        while (running) {
            long wait;
            clock.lock();
            try {
                wait = step(true);
            } finally {
                clock.unlock();
            }
            if (park(wait)) {
                return;
            }
        }
    }

    /**
     * From the audio module's playout thread, every 10 ms while a remote voice plays: sends the
     * frames that are due. That thread is the one libwebrtc asks real-time scheduling for; ours is
     * an ordinary thread, which on a loaded machine ran up to 60 ms late, and each late burst
     * grew the listeners' jitter buffers. Never waits: a frame the voice thread is sending, or a
     * connection starting (the audio module's recording may run, see {@link #gate}), is left to
     * the voice thread, which stops that recording first.
     */
    void tick() {
        if (clock.tryLock()) {
            try {
                step(false);
            } finally {
                clock.unlock();
            }
        }
    }

    /**
     * Sends what is due now (holding {@link #clock}); returns how long until something may be.
     * Frames not sent during a pause ({@link #hold}) are sent back to back once it ends, up to
     * {@link #SILENCE_NANOS} of them: RTP timestamps count frames, not time, so a stream that
     * skipped the pause would reach its listeners that much late from then on, and their jitter
     * buffers take lateness that lasts for delay (a join's 100 ms pause raised a listener's delay
     * by about as much for seconds). A short burst late is soon forgotten.
     */
    private long step(boolean voiceThread) {
        long now = System.nanoTime();
        if (resync.getAndSet(false)) {
            // A connection's first hold: no stream of ours to keep the timing of. Only the newest
            // frames stay: a queue left longer stays that long (one in, one out), as delay.
            next = now;
            while (frames.size() > PRIME_FRAMES && frames.poll() != null) {
                dropped.incrementAndGet();
            }
        }
        if (now - next > SILENCE_NANOS) {
            next = now - SILENCE_NANOS; // descheduled or paused for long: catch up no more than this
        }
        while (next - now <= 0) {
            int queued = frames.size();
            if (!talking && queued >= PRIME_FRAMES) {
                talking = true;
            }
            byte[] frame = talking ? frames.peek() : null; // taken once it went
            if (frame == null && talking && now - next < LATE_NANOS) {
                return IDLE_NANOS / 2; // a frame a little late: wait for it, the grid stays
            }
            if (!send(frame != null ? frame : silence, voiceThread)) {
                return IDLE_NANOS / 2; // left to the voice thread
            }
            if (frame == null) {
                talking = false; // the game stopped pushing: silence until it has PRIME_FRAMES again
            } else {
                frames.poll();
                if (queued > MAX_LAG_FRAMES && frames.poll() != null) {
                    dropped.incrementAndGet();
                }
            }
            next += FRAME_NANOS;
            now = System.nanoTime();
        }
        return next - now;
    }

    /** Waits; true when interrupted (shutdown). */
    private static boolean park(long nanos) {
        LockSupport.parkNanos(nanos);
        return Thread.interrupted();
    }

    /**
     * One frame to every voice connection; false (nothing sent, not even skipped) while paused or
     * when only the voice thread may send it.
     */
    private boolean send(byte[] frame, boolean voiceThread) {
        if (voiceThread) {
            gate.lock();
        } else if (!gate.tryLock()) {
            return false;
        }
        try {
            if (held > 0) {
                return false; // paused: the frame waits, sent once the pause ends (step)
            }
            if (!voiceThread && (recordingMayRun || capturing)) {
                return false;
            }
            byte[] send = frame;
            if (processingOn && processing.processStream(frame, stream, stream, out) == 0) {
                send = out;
            }
            if (voiceThread) {
                // A send stream started since the last frame may have started recording.
                capturing = false; // before: a capture seen from now on is a new recording's
                stopRecording.run();
                recordingMayRun = false;
                quiet = true;
                synchronized (tickPush) {
                    if (capturing) {
                        return false; // a recording began just now: stopped before the next try
                    }
                    source.pushAudio(send, 16, PcmResampler.RATE, 1, FRAME);
                }
                return true;
            }
            synchronized (tickPush) {
                if (capturing) {
                    return false;
                }
                source.pushAudio(send, 16, PcmResampler.RATE, 1, FRAME);
            }
        } catch (RuntimeException e) {
            System.err.println("gdwrtc: voice frame not sent: " + e);
        } finally {
            gate.unlock();
        }
        return true;
    }

    /**
     * Called first by every pull of a remote voice: true on the audio module's playout thread
     * (which then may {@link #tick}). The module's capture thread pulls the playout mix too, just
     * before it sends it: seen here, the playout thread pushes nothing until the voice thread
     * stopped that recording, and a frame it is pushing ends first.
     */
    boolean pulledOnPlayout() {
        Thread t = Thread.currentThread();
        Thread p = playout;
        if (p == t) {
            playoutPulledAt = System.nanoTime();
            return true;
        }
        if (p == null && quiet) {
            playout = t;
            playoutPulledAt = System.nanoTime();
            return true;
        }
        capturing = true;
        synchronized (tickPush) {
            return false; // the playout thread's frame, if one was going, went
        }
    }

    /** Before a description is set on a voice connection: no push runs from now on. */
    void hold() {
        gate.lock();
        try {
            held++;
            recordingMayRun = true;
            quiet = false;
        } finally {
            gate.unlock();
        }
    }

    /**
     * Once it was applied (or refused) and the audio module's recording stopped again. After a
     * connection's first hold ({@code resume} false) the frames held are dropped, as no stream of
     * ours ran through it; after a short one they go out back to back ({@link #step}).
     */
    void release(boolean resume) {
        gate.lock();
        try {
            held--;
            if (!resume) {
                resync.set(true);
            }
        } finally {
            gate.unlock();
        }
    }

    /**
     * Whether a recording that starts now is seen before it sends: the playout thread pulls a
     * remote voice, so the capture thread's first pull of the same mix reaches {@link
     * #pulledOnPlayout} before its first frame, and waits there for a push in flight; later
     * pushes see it and stop that recording first. Then a connection need not hold the microphone
     * until it connects.
     */
    boolean watching() {
        return playout != null && System.nanoTime() - playoutPulledAt < WATCH_NANOS;
    }

    /** Ends the voice thread (process exit). */
    void shutdown() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
