package dev.gdwrtc.tests.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gdwrtc.tests.Rig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `make bench`: what get_stats() costs from GDScript (tests/bench/stats_bench.gd), against one
 * plain crossing into the extension measured in the same process; the median of
 * {@link PerfBench#ROUNDS} processes. Nothing is asserted on time.
 */
@Tag("bench")
class StatsBench {
    @TempDir
    Path tmp;

    @BeforeAll
    static void insideTestNetwork() throws Exception {
        Rig.requireNamespace();
    }

    @Test
    void getStatsFromGdscript() throws Exception {
        Path project = Rig.project(tmp);
        Files.copy(Rig.ROOT.resolve("tests/bench/stats_bench.gd"), project.resolve("stats_bench.gd"));
        int rounds = PerfBench.ROUNDS;
        double[] cached = new double[rounds], crossing = new double[rounds], rebuilt = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            Rig.Proc p = Rig.godotScript("statsbench", project, "stats_bench.gd", Map.of());
            assertTrue(p.await(120), "stats_bench.gd did not finish");
            assertEquals(0, p.exitCode(), p.output());
            String[] f = p.output().lines().filter(l -> l.startsWith("statsbench: ")).findFirst()
                    .orElseThrow(() -> new AssertionError("stats_bench.gd printed no result:\n" + p.output())).split(" ");
            cached[r] = Double.parseDouble(f[1]);
            crossing[r] = Double.parseDouble(f[2]);
            rebuilt[r] = Double.parseDouble(f[3]);
        }
        BenchReport report = BenchReport.shared(rounds);
        Figure plain = Figure.of(crossing);
        report.add(new Row("Godot GDScript get_stats(), same sample", "ns", Figure.of(cached),
                "get_connection_state() (one crossing)", plain, false, "<= 2000 ns"));
        report.add(new Row("Godot GDScript get_stats(), new sample (Dictionary rebuilt)", "ns", Figure.of(rebuilt),
                "get_connection_state() (one crossing)", plain, false, "-"));
        report.write(Rig.ROOT.resolve("build/bench"));
    }
}
