package dev.gdwrtc.tests.bench;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.gdwrtc.core.rtc.NetworkWatch;
import dev.gdwrtc.tests.Rig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * `make bench`: what one read of the host's addresses costs (NetworkWatch, done every 250 ms on the
 * core's timer thread while a connection has gdwrtcAutoIceRestart), in the test JVM's namespace;
 * the median of {@link PerfBench#ROUNDS} rounds of 2,000 reads. Nothing is asserted on time.
 */
@Tag("bench")
class NetworkWatchBench {
    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    @Test
    void readingTheHostsAddresses() throws Exception {
        int reads = 2000;
        for (int i = 0; i < 200; i++) { // warm-up
            assertNotNull(NetworkWatch.addresses());
        }
        double[] us = new double[PerfBench.ROUNDS];
        for (int r = 0; r < us.length; r++) {
            long t = System.nanoTime();
            for (int i = 0; i < reads; i++) {
                NetworkWatch.addresses();
            }
            us[r] = (System.nanoTime() - t) / 1000.0 / reads;
        }
        BenchReport report = BenchReport.shared(us.length);
        report.add(new Row("gdwrtcAutoIceRestart: one read of the host's addresses (every 250 ms)", "us", Figure.of(us), null, null,
                false, "-"));
        report.write(Rig.ROOT.resolve("build/bench"));
    }
}
