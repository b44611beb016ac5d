package dev.gdwrtc.core.rtc;

import dev.onvoid.webrtc.media.audio.AudioTrackSink;

/**
 * One remote peer's voice: libwebrtc's playout (the headless audio module pulls every 10 ms, after
 * its jitter buffer and loss concealment) hands decoded PCM here, on the thread that also sends the
 * microphone's due frames ({@link VoiceMic#tick}); it is kept as mono 48 kHz 16-bit
 * samples until the game reads them from its thread. Bounded ({@link #CAPACITY}): a game that
 * stops reading loses the oldest audio, never memory, and hears at most that much delay when it
 * reads again. Also tells whether the peer is speaking: a 10 ms frame louder than
 * {@link #SPEAKING_LEVEL} starts it, {@link #HANGOVER_MS} of quieter ones end it.
 */
final class VoiceReceiver implements AudioTrackSink {
    /** 500 ms of audio (48 KB). */
    static final int CAPACITY = PcmResampler.RATE / 2;
    /** RMS of a 10 ms frame, in 16-bit units: about -45 dBFS. */
    static final double SPEAKING_LEVEL = 184;

    static final int HANGOVER_MS = 300;

    private final VoiceMic mic;
    private final short[] ring = new short[CAPACITY];
    private int head, size; // guarded by this
    private long dropped; // guarded by this
    private volatile boolean speaking;
    private int quietMs;
    private long frames; // received 10 ms frames

    // The playout thread's own.
    private final PcmResampler resampler = new PcmResampler();
    private short[] mono = new short[0];
    private final byte[] frame = new byte[VoiceMic.FRAME * 2];
    private final byte[] scratch = new byte[VoiceMic.FRAME * 2];
    private int framed;
    private double energy;
    private int energyCount;

    VoiceReceiver(VoiceMic mic) {
        this.mic = mic;
    }

    @Override
    public void onData(byte[] data, int bitsPerSample, int sampleRate, int channels, int count) {
        try {
            boolean playout = mic.pulledOnPlayout();
            if (bitsPerSample != 16 || channels < 1 || count <= 0 || data.length < count * channels * 2) {
                return;
            }
            if (mono.length < count) {
                mono = new short[count];
            }
            PcmResampler.downmix(data, 0, count, channels, mono);
            synchronized (this) {
                frames++;
            }
            resampler.convert(mono, count, sampleRate, this::put);
            if (playout) {
                mic.tick(); // this thread is the process's steadiest clock: the microphone's frames may go from here
            }
        } catch (Throwable t) {
            // Never into libwebrtc's playout thread (webrtc-java would turn it into a C++ abort).
        }
    }

    private void put(short s) {
        synchronized (this) {
            if (size == CAPACITY) {
                head = (head + 1) % CAPACITY;
                size--;
                dropped++;
            }
            ring[(head + size) % CAPACITY] = s;
            size++;
        }
        energy += (double) s * s;
        energyCount++;
        frame[2 * framed] = (byte) s;
        frame[2 * framed + 1] = (byte) (s >> 8);
        if (++framed == VoiceMic.FRAME) {
            framed = 0;
            mic.played(frame, scratch);
            double rms = Math.sqrt(energy / energyCount);
            energy = 0;
            energyCount = 0;
            if (rms >= SPEAKING_LEVEL) {
                speaking = true;
                quietMs = 0;
            } else if (speaking && (quietMs += 10) >= HANGOVER_MS) {
                speaking = false;
            }
        }
    }

    /** Copies up to {@code max} samples into {@code out} (little-endian 16-bit); returns how many. */
    synchronized int read(byte[] out, int max) {
        int n = Math.min(max, size);
        for (int i = 0; i < n; i++) {
            short s = ring[(head + i) % CAPACITY];
            out[2 * i] = (byte) s;
            out[2 * i + 1] = (byte) (s >> 8);
        }
        head = (head + n) % CAPACITY;
        size -= n;
        return n;
    }

    synchronized int available() {
        return size;
    }

    boolean speaking() {
        return speaking;
    }

    synchronized long dropped() {
        return dropped;
    }

    synchronized long frames() {
        return frames;
    }
}
