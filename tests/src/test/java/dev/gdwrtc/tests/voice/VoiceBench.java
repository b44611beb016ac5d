package dev.gdwrtc.tests.voice;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.core.PeerConnection;
import dev.gdwrtc.tests.Rig;
import dev.gdwrtc.tests.bench.BenchReport;
import dev.gdwrtc.tests.bench.Figure;
import dev.gdwrtc.tests.bench.Row;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * `make bench`: one voice stream each way between two core connections in this JVM (the shared
 * microphone sends to both), 10 s of a tone then clicks a second apart: CPU of the whole process
 * per stream and second of audio (both ends: our Java path, Opus, the jitter buffer, the headless
 * playout), bandwidth from the receiver's stats, and the clicks' delay. Nothing is asserted on time.
 */
@Tag("bench")
class VoiceBench {
    static final int RATE = PeerConnection.VOICE_RATE, ROUNDS = 3, SECONDS = 10, TONE = 5 * RATE;

    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    @Test
    void oneStreamEachWay() throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] cpu = new double[ROUNDS], kbps = new double[ROUNDS], delay = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            VoiceCoreTest h = new VoiceCoreTest();
            try {
                PeerConnection[] pair = h.connectedPair();
                Thread.sleep(1500); // a stats sample of the connected pair
                long bytes0 = VoiceCoreTest.bytesReceived(pair[1]), cpu0 = os.getProcessCpuTime(), t0 = System.nanoTime();
                long start = System.currentTimeMillis();
                VoiceCoreTest.Recording rec = VoiceCoreTest.record(pair[1], SECONDS, n -> {
                    if (n < TONE) {
                        return Audio.tone(440, 0.5, n, 1, RATE)[0];
                    }
                    int within = (n - TONE) % RATE;
                    return n >= TONE + RATE && within < RATE / 200 ? Audio.tone(2000, 0.8, within, 1, RATE)[0] : 0;
                });
                double seconds = (System.nanoTime() - t0) / 1e9;
                cpu[r] = (os.getProcessCpuTime() - cpu0) / 1e6 / 2 / seconds; // two streams: a to b, b to a
                Thread.sleep(1100); // the next stats sample
                kbps[r] = (VoiceCoreTest.bytesReceived(pair[1]) - bytes0) * 8 / 1000.0 / (seconds + 1.1);
                List<Long> delays = new ArrayList<>();
                for (int k = 1; TONE + k * RATE < SECONDS * RATE; k++) {
                    long due = start + (TONE + (long) k * RATE) * 1000 / RATE;
                    int at = Audio.toneOnset(rec.samples(), rec.firstAfter(due), rec.firstAfter(due + 900), 2000, 0.1, RATE);
                    if (at >= 0) {
                        delays.add(rec.arrival(at) - due);
                    }
                }
                assertTrue(!delays.isEmpty(), "no click arrived");
                delay[r] = delays.stream().sorted().toList().get(delays.size() / 2);
                System.out.printf("voice bench: round %d: %.2f ms CPU per stream-second, %.1f kbit/s, clicks %s ms%n", r, cpu[r], kbps[r], delays);
            } finally {
                h.closeAll();
            }
        }
        BenchReport report = BenchReport.shared(ROUNDS);
        report.add(new Row("voice: CPU per stream (one process, both ends)", "ms/s of audio", Figure.of(cpu), null, null, false, "-"));
        report.add(new Row("voice: bandwidth per stream (default 32 kbit/s)", "kbit/s", Figure.of(kbps), null, null, false, "-"));
        report.add(new Row("voice: click delay, core only (p50 of a round)", "ms", Figure.of(delay), null, null, false, "<= 150 ms"));
        report.write(Rig.ROOT.resolve("build/bench"));
    }
}
