package dev.gdwrtc.tests.voice;

import java.util.ArrayList;
import java.util.List;

/**
 * How well a received recording reproduces a speech source, half a second at a time: each half
 * second of the source is aligned where its loudness envelope (RMS of 30 ms every 10 ms)
 * correlates best with the recording,
 * from {@link #DRIFT_BEFORE_MS} before to {@link #DRIFT_AFTER_MS} after the best lag of the whole
 * (the jitter buffer stretches and shrinks the delay, a stalled process adds some). Reported: the
 * mean envelope correlation of the pieces (weighted by how much the source's loudness varies in
 * each: pauses count little), the correlation of their spectra (log energy in bands from 200 Hz to
 * 4 kHz per 20 ms, over the frames where the source speaks), and the lags. Missing audio leaves the
 * envelope flat; audio garbled on the way (chopped, reordered, wrong pitch or rate) leaves one or
 * both far from 1.
 */
record SpeechMatch(int lagSamples, int minLagSamples, int maxLagSamples, double envelope, double spectrum) {
    static final int ENVELOPE_FRAME = Heard.RATE / 100, SPECTRUM_FRAME = Heard.RATE / 50, SEGMENT_FRAMES = 50;
    static final int DRIFT_BEFORE_MS = 500, DRIFT_AFTER_MS = 800;
    /** Band centres (Hz), a third of an octave apart; each band's energy is read at three points. */
    static final double[] BANDS = {200, 250, 315, 400, 500, 630, 800, 1000, 1250, 1600, 2000, 2500, 3150, 4000};
    /**
     * What a faithful transmission reaches, both at once (Opus, noise suppression, the jitter
     * buffer's stretching on a loaded machine); the source reordered in 200 ms pieces reached
     * about 0.5 and 0.1.
     */
    static final double MIN_ENVELOPE = 0.75, MIN_SPECTRUM = 0.6;
    /** Frames of the source quieter than this (relative to its loudest) are pauses, left out of the spectrum. */
    static final double SPEAKING_FRACTION = 0.1;

    /** Where a stretch of the source fits best in the recording (in envelope frames), and how well. */
    private record Fit(int lag, double correlation) {}

    /** The alignment of {@code source} within {@code heard} (the source starts at lag 0 or later). */
    static SpeechMatch of(short[] source, short[] heard) {
        double[] a = envelope(source), b = envelope(heard);
        int whole = fit(a, 0, a.length, b, 0, b.length - a.length).lag();
        double loudest = 0;
        for (double e : a) {
            loudest = Math.max(loudest, e);
        }
        List<Double> x = new ArrayList<>(), y = new ArrayList<>();
        double weighted = 0, weights = 0;
        int minLag = Integer.MAX_VALUE, maxLag = 0;
        for (int from = 0; from + SEGMENT_FRAMES / 2 <= a.length; from += SEGMENT_FRAMES) {
            int n = Math.min(SEGMENT_FRAMES, a.length - from);
            Fit f = fit(
                    a,
                    from,
                    n,
                    b,
                    Math.max(0, whole - DRIFT_BEFORE_MS / 10),
                    Math.min(b.length - from - n, whole + DRIFT_AFTER_MS / 10));
            double w = variance(a, from, n);
            weighted += w * f.correlation();
            weights += w;
            minLag = Math.min(minLag, f.lag());
            maxLag = Math.max(maxLag, f.lag());
            for (int k = from * ENVELOPE_FRAME;
                    k + SPECTRUM_FRAME <= (from + n) * ENVELOPE_FRAME;
                    k += SPECTRUM_FRAME) {
                int at = k + f.lag() * ENVELOPE_FRAME;
                if (at + SPECTRUM_FRAME > heard.length || rms(source, k) < SPEAKING_FRACTION * loudest) {
                    continue;
                }
                for (double hz : BANDS) {
                    x.add(bandLog(source, k, hz));
                    y.add(bandLog(heard, at, hz));
                }
            }
        }
        return new SpeechMatch(
                whole * ENVELOPE_FRAME,
                minLag * ENVELOPE_FRAME,
                maxLag * ENVELOPE_FRAME,
                weights == 0 ? 0 : weighted / weights,
                pearson(x, y));
    }

    /** The lag in {@code [lo, hi]} where {@code a[from, from+n)} correlates best with {@code b}. */
    private static Fit fit(double[] a, int from, int n, double[] b, int lo, int hi) {
        Fit best = new Fit(Math.max(lo, 0), 0);
        double bestR = -2;
        for (int lag = Math.max(lo, 0); lag <= hi; lag++) {
            double r = pearson(a, from, b, from + lag, n);
            if (r > bestR) {
                bestR = r;
                best = new Fit(lag, r);
            }
        }
        return best;
    }

    private static double[] envelope(short[] s) {
        double[] e = new double[s.length / ENVELOPE_FRAME];
        for (int f = 0; f < e.length; f++) {
            int from = Math.max(0, (f - 1) * ENVELOPE_FRAME), to = Math.min(s.length, (f + 2) * ENVELOPE_FRAME);
            e[f] = rms(s, from, to - from);
        }
        return e;
    }

    private static double rms(short[] s, int from) {
        return rms(s, from, SPECTRUM_FRAME);
    }

    private static double rms(short[] s, int from, int n) {
        double sum = 0;
        for (int i = from; i < from + n; i++) {
            sum += (double) s[i] * s[i];
        }
        return Math.sqrt(sum / n);
    }

    private static double variance(double[] a, int from, int n) {
        double m = 0, v = 0;
        for (int i = from; i < from + n; i++) {
            m += a[i] / n;
        }
        for (int i = from; i < from + n; i++) {
            v += (a[i] - m) * (a[i] - m) / n;
        }
        return v;
    }

    private static double bandLog(short[] s, int from, double hz) {
        double p = 0;
        for (double k : new double[] {0.9, 1.0, 1.1}) {
            p += Audio.power(s, from, SPECTRUM_FRAME, hz * k, Heard.RATE);
        }
        return Math.log10(p + 1);
    }

    private static double pearson(List<Double> x, List<Double> y) {
        double[] a = x.stream().mapToDouble(Double::doubleValue).toArray();
        double[] b = y.stream().mapToDouble(Double::doubleValue).toArray();
        return pearson(a, 0, b, 0, a.length);
    }

    private static double pearson(double[] a, int fromA, double[] b, int fromB, int n) {
        double ma = 0, mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[fromA + i];
            mb += b[fromB + i];
        }
        ma /= n;
        mb /= n;
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < n; i++) {
            double da = a[fromA + i] - ma, db = b[fromB + i] - mb;
            ab += da * db;
            aa += da * da;
            bb += db * db;
        }
        return aa == 0 || bb == 0 ? 0 : ab / Math.sqrt(aa * bb);
    }
}
