package dev.gdwrtc.tests.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** The bench's output: the table on stdout, build/bench/bench.json and build/bench/bench.png. */
final class BenchReport {
    private static BenchReport shared;

    private final List<Row> rows = new ArrayList<>();
    private int printed; // rows already in an earlier write's table
    private final String machine;
    private final int rounds;

    BenchReport(String machine, int rounds) {
        this.machine = machine;
        this.rounds = rounds;
    }

    /**
     * The one report of this JVM: each bench class adds its rows and writes, so the files hold
     * every row measured so far in the run.
     */
    static synchronized BenchReport shared(int rounds) {
        if (shared == null) {
            shared = new BenchReport(machine(), rounds);
        }
        return shared;
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (Exception ignored) {
            // the figures stand without the name
        }
        return Runtime.getRuntime().availableProcessors() + " cores, " + cpu + ", Java " + System.getProperty("java.version");
    }

    synchronized void add(Row row) {
        rows.add(row);
        System.out.println("perf-progress: " + format(row)); // as it goes: a failure later keeps what was measured
    }

    private static String format(Row r) {
        String ratio = Double.isNaN(r.ratio()) ? "" : String.format("%.3gx %s", r.ratio(), r.baselineName());
        return String.format("%-46s %12.4g %-9s [%.4g .. %.4g]  %-40s goal %s", r.name(), r.value().median(), r.unit(),
                r.value().min(), r.value().max(), ratio, r.goal());
    }

    synchronized void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        System.out.printf("%nperf: median of %d rounds [min .. max]; ratio = ours / baseline of the same run; %s%n", rounds, machine);
        for (Row r : rows.subList(printed, rows.size())) {
            System.out.println("perf: " + format(r));
        }
        printed = rows.size();
        JsonObject root = new JsonObject();
        root.addProperty("machine", machine);
        root.addProperty("rounds", rounds);
        JsonArray list = new JsonArray();
        for (Row r : rows) {
            JsonObject o = new JsonObject();
            o.addProperty("name", r.name());
            o.addProperty("unit", r.unit());
            o.add("value", figure(r.value()));
            if (r.baseline() != null) {
                o.addProperty("baseline", r.baselineName());
                o.add("baselineValue", figure(r.baseline()));
                o.addProperty("ratio", r.ratio());
            }
            o.addProperty("higherIsBetter", r.higherIsBetter());
            o.addProperty("goal", r.goal());
            list.add(o);
        }
        root.add("rows", list);
        Files.writeString(dir.resolve("bench.json"), new GsonBuilder().setPrettyPrinting().create().toJson(root));
        chart(dir.resolve("bench.png"));
        System.out.println("perf: wrote " + dir.resolve("bench.json") + " and " + dir.resolve("bench.png"));
    }

    private static JsonObject figure(Figure f) {
        JsonObject o = new JsonObject();
        o.addProperty("median", f.median());
        o.addProperty("min", f.min());
        o.addProperty("max", f.max());
        return o;
    }

    /** Ratios against the same run's baselines, one bar per row that has one. */
    private void chart(Path png) throws IOException {
        List<String> names = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (Row r : rows) {
            if (!Double.isNaN(r.ratio())) {
                names.add(r.name());
                ratios.add(new java.math.BigDecimal(r.ratio()).round(new java.math.MathContext(3)).doubleValue());
            }
        }
        if (names.isEmpty()) {
            return; // rows without baselines alone (LobbyBench run by itself): nothing to chart
        }
        CategoryChart chart = new CategoryChartBuilder().width(1400).height(700)
                .title("godot-webrtc-java / baseline (same run; " + machine + ")").yAxisTitle("ratio (x; 1 = baseline)").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(60);
        chart.getStyler().setLabelsVisible(true);
        chart.addSeries("ratio", names, ratios);
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
