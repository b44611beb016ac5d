package dev.gdwrtc.tests.voice;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** What the voice tests measure in received mono 16-bit PCM: the dominant frequency, gaps, clicks. */
final class Audio {
    private Audio() {}

    /** A sine of {@code hz} at {@code amplitude} (0..1), from sample {@code start} on, at {@code rate}. */
    static short[] tone(double hz, double amplitude, long start, int count, int rate) {
        short[] out = new short[count];
        for (int i = 0; i < count; i++) {
            out[i] = (short) Math.round(Math.sin(2 * Math.PI * hz * (start + i) / rate) * amplitude * 32767);
        }
        return out;
    }

    /** The power of {@code hz} in {@code s[from, from+n)} (Goertzel). */
    static double power(short[] s, int from, int n, double hz, int rate) {
        double w = 2 * Math.PI * hz / rate, c = 2 * Math.cos(w), q1 = 0, q2 = 0;
        for (int i = 0; i < n; i++) {
            double q0 = c * q1 - q2 + s[from + i];
            q2 = q1;
            q1 = q0;
        }
        return q1 * q1 + q2 * q2 - c * q1 * q2;
    }

    /** The strongest frequency, in 1 Hz steps from {@code lo} to {@code hi}, over {@code n} samples (a whole second: 1 Hz bins). */
    static int dominant(short[] s, int from, int n, int lo, int hi, int rate) {
        int best = lo;
        double bestPower = -1;
        for (int hz = lo; hz <= hi; hz++) {
            double p = power(s, from, n, hz, rate);
            if (p > bestPower) {
                bestPower = p;
                best = hz;
            }
        }
        return best;
    }

    /** The first sample whose magnitude reaches {@code level} (0..1), or -1. */
    static int onset(short[] s, int from, int to, double level) {
        int threshold = (int) (level * 32767);
        for (int i = from; i < to; i++) {
            if (Math.abs(s[i]) >= threshold) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The first sample of the first 5 ms window within {@code s[from, to)} (stepping 1 ms) where a
     * {@code hz} sine reaches {@code level} (0..1) in amplitude, or -1: a click of that pitch, not
     * any loud sample.
     */
    static int toneOnset(short[] s, int from, int to, double hz, double level, int rate) {
        int n = rate / 200, step = rate / 1000;
        double threshold = Math.pow(level * 32767 * n / 2, 2);
        for (int i = from; i + n <= to; i += step) {
            if (power(s, i, n, hz, rate) >= threshold) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The longest run, in samples, within {@code s[from, to)} where no sample reaches
     * {@code level}: for a tone, a stretch of silence (a 440 Hz tone peaks every 1.1 ms).
     */
    static int longestGap(short[] s, int from, int to, double level) {
        int threshold = (int) (level * 32767), longest = 0, run = 0;
        for (int i = from; i < to; i++) {
            run = Math.abs(s[i]) >= threshold ? 0 : run + 1;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    /** How long, in seconds, the 10 ms windows of {@code s[from, to)} that reach {@code level} (0..1) last together. */
    static double loudSeconds(short[] s, int from, int to, double level) {
        int window = 480, loud = 0;
        for (int i = from; i + window <= to; i += window) {
            if (onset(s, i, i + window, level) >= 0) {
                loud++;
            }
        }
        return loud * 0.01;
    }

    /** {@code s} cut into pieces of {@code piece} samples, put in a random order ({@code seed}): garbled on purpose. */
    static short[] shuffled(short[] s, int piece, long seed) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < s.length / piece; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed));
        short[] out = new short[s.length];
        for (int i = 0; i < order.size(); i++) {
            System.arraycopy(s, order.get(i) * piece, out, i * piece, piece);
        }
        return out;
    }
}
