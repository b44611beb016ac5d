package dev.gdwrtc.tests.voice;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.core.PeerConnection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A received recording as a listener wrote it (tests/godot/voice_recorder.gd, or the browser page
 * of BrowserVoiceTest): the samples (mono 48 kHz), and when each batch of them reached the stream,
 * with what the voice tests measure in it.
 */
record Heard(short[] samples, long[] batchEndMs, int[] batchEnd) {
    static final int RATE = PeerConnection.VOICE_RATE;
    /** How long after it was due a click is looked for (they come a second apart). */
    static final long CLICK_WINDOW_MS = 1900;

    /** {@code <name>_from_<from>.pcm} and {@code .times} in {@code out}. */
    static Heard read(Path out, String name, int from) throws IOException {
        Path pcm = out.resolve(name + "_from_" + from + ".pcm");
        assertTrue(Files.isRegularFile(pcm), name + " recorded nothing from peer " + from);
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcm)).order(ByteOrder.LITTLE_ENDIAN);
        short[] s = new short[b.remaining() / 2];
        b.asShortBuffer().get(s);
        List<String> lines = Files.readAllLines(out.resolve(name + "_from_" + from + ".times")).stream()
                .filter(l -> !l.isBlank())
                .toList();
        long[] at = new long[lines.size()];
        int[] end = new int[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split(" ");
            at[i] = Long.parseLong(f[0]);
            end[i] = Integer.parseInt(f[1]);
        }
        return new Heard(s, at, end);
    }

    /** When the batch holding sample {@code n} reached the stream (unix ms). */
    long arrival(int n) {
        int i = Arrays.binarySearch(batchEnd, n + 1);
        return batchEndMs[i >= 0 ? i : -i - 1];
    }

    /** The first sample of the batches that arrived at or after {@code ms}. */
    int firstAfter(long ms) {
        for (int i = 0; i < batchEndMs.length; i++) {
            if (batchEndMs[i] >= ms) {
                return i == 0 ? 0 : batchEnd[i - 1];
            }
        }
        return samples.length;
    }

    /**
     * Asserts a {@code hz} tone of at least {@code seconds} arrived at or after sample
     * {@code after}: the dominant frequency of most of its whole seconds, from 500 ms after it
     * began to 500 ms before it ends, within 5 Hz (a second a stalled process filled with the
     * jitter buffer's concealment may peak elsewhere); prints them and the longest gap (measured
     * only: a stalled process on a loaded machine leaves gaps, docs/voice.md). Returns the sample
     * where it began.
     */
    int assertTone(int hz, int seconds, int after, String label) {
        int onset = Audio.onset(samples, after, samples.length, 0.05);
        assertTrue(onset >= 0, label + ": the tone never arrived (" + samples.length + " samples recorded)");
        int from = onset + RATE / 2, to = onset + seconds * RATE - RATE / 2;
        assertTrue(
                to <= samples.length,
                label + ": the recording ends early: " + samples.length + " samples, tone from " + onset);
        List<Integer> pitches = pitches(from, to, 4000);
        int gap = Audio.longestGap(samples, from, to, 0.05);
        System.out.printf("%s: tone at %s Hz, longest gap %.1f ms%n", label, pitches, gap * 1000.0 / RATE);
        assertTrue(mostlyAt(pitches, hz), label + ": dominant frequencies " + pitches + " Hz, not " + hz);
        return onset;
    }

    /** The dominant frequency (100 Hz to {@code hi}) of each whole second of samples[from, to). */
    List<Integer> pitches(int from, int to, int hi) {
        List<Integer> found = new ArrayList<>();
        for (int at = from; at + RATE <= to; at += RATE) {
            found.add(Audio.dominant(samples, at, RATE, 100, hi, RATE));
        }
        return found;
    }

    /** Whether more than half of {@code pitches} are within 5 Hz of {@code hz}. */
    static boolean mostlyAt(List<Integer> pitches, int hz) {
        return pitches.stream().filter(p -> Math.abs(p - hz) <= 5).count() * 2 > pitches.size();
    }

    /**
     * Mouth to stream: for each click due at the speaker (unix ms), how long until the batch
     * holding it reached this stream; clicks not heard within {@link #CLICK_WINDOW_MS} are left
     * out. Prints them. The window reaches into the next click's second: on a loaded machine the
     * delay passed 880 ms, and hearing the clicks is what the tests assert, not their delay.
     */
    List<Long> clickLatencies(List<Long> due, String label) {
        List<Long> latency = new ArrayList<>();
        List<Integer> where = new ArrayList<>();
        for (long t : due) {
            int start = firstAfter(t);
            int end = Math.min(samples.length, firstAfter(t + CLICK_WINDOW_MS));
            int click = Audio.toneOnset(samples, start, end, 2000, 0.1, RATE);
            if (click >= 0) {
                where.add(click);
                latency.add(arrival(click) - t);
            }
        }
        if (!latency.isEmpty()) {
            List<Long> sorted = latency.stream().sorted().toList();
            System.out.printf(
                    "%s: mouth-to-stream latency p50 %d ms, min %d, max %d (%s; at samples %s)%n",
                    label, sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1), latency, where);
        }
        return latency;
    }
}
