package dev.gdwrtc.core.rtc;

/**
 * Mono 16-bit PCM at any rate to {@link #RATE} by linear interpolation, keeping its position across
 * calls so consecutive blocks join without a click. Linear is enough for speech before Opus
 * (which is itself band-limited at voice bitrates); one instance per stream, not thread-safe.
 */
final class PcmResampler {
    /** The rate of every voice path inside the core: Opus's and the audio processing's native rate. */
    static final int RATE = 48_000;

    private int rate;
    private double position; // in input samples, relative to the current block's first
    private short previous; // the last input sample of the block before

    /**
     * Resamples {@code in[0..count)} (mono, at {@code inRate}) and hands each output sample to
     * {@code out}; a rate change restarts the interpolation.
     */
    void convert(short[] in, int count, int inRate, ShortSink out) {
        if (inRate != rate) {
            rate = inRate;
            position = 0;
        }
        if (inRate == RATE) {
            for (int i = 0; i < count; i++) {
                out.put(in[i]);
            }
            previous = count > 0 ? in[count - 1] : previous;
            return;
        }
        double step = (double) inRate / RATE;
        // position -1 .. 0 interpolates between the previous block's last sample and in[0]
        while (position < count - 1) {
            int i = (int) Math.floor(position);
            double f = position - i;
            double a = i < 0 ? previous : in[i];
            double b = in[i + 1];
            out.put((short) Math.round(a + (b - a) * f));
            position += step;
        }
        if (count > 0) {
            previous = in[count - 1];
            position -= count;
        }
    }

    /** Where resampled samples go. */
    interface ShortSink {
        void put(short sample);
    }

    /** Interleaved little-endian 16-bit frames averaged to mono into {@code out}; returns the frame count. */
    static int downmix(byte[] pcm, int offset, int frames, int channels, short[] out) {
        int frameBytes = 2 * channels;
        for (int f = 0; f < frames; f++) {
            int sum = 0;
            int base = offset + f * frameBytes;
            for (int c = 0; c < channels; c++) {
                int at = base + 2 * c;
                sum += (short) ((pcm[at] & 0xff) | (pcm[at + 1] << 8));
            }
            out[f] = (short) (sum / channels);
        }
        return frames;
    }
}
