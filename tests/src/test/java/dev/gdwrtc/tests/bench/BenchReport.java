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
public final class BenchReport {
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
    public static synchronized BenchReport shared(int rounds) {
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

    public synchronized void add(Row row) {
        rows.add(row);
        System.out.println("perf-progress: " + format(row)); // as it goes: a failure later keeps what was measured
    }

    private static String format(Row r) {
        String ratio = Double.isNaN(r.ratio()) ? "" : String.format("%.3gx %s", r.ratio(), r.baselineName());
        String base = r.baseline() == null ? "" : String.format("vs %.4g [%.4g .. %.4g]  ", r.baseline().median(), r.baseline().min(), r.baseline().max());
        return String.format("%-46s %12.4g %-9s [%.4g .. %.4g]  %s%-40s goal %s%s", r.name(), r.value().median(), r.unit(),
                r.value().min(), r.value().max(), base, ratio, r.goal(), r.note().isEmpty() ? "" : "  (" + r.note() + ")");
    }

    public synchronized void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        System.out.printf("%nperf: median of %d rounds [min .. max]; ratio = ours / baseline of the same run; counts in notes summed over the rounds; %s%n", rounds, machine);
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
            if (!r.note().isEmpty()) {
                o.addProperty("note", r.note());
            }
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

    /**
     * Ratios against the same run's baselines, one bar per row that has one, on a log scale (2x
     * better and 2x worse look alike in size): rows where higher is better in one panel, rows
     * where lower is better (times, memory) in another, so a slower RTT never reads as a gain.
     */
    private void chart(Path png) throws IOException {
        List<CategoryChart> panels = new ArrayList<>();
        for (boolean higher : new boolean[] {true, false}) {
            List<String> names = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (Row r : rows) {
                if (!Double.isNaN(r.ratio()) && r.higherIsBetter() == higher && r.ratio() > 0) {
                    names.add(r.name() + (r.unit().isEmpty() ? "" : " [" + r.unit() + "]"));
                    ratios.add(new java.math.BigDecimal(r.ratio()).round(new java.math.MathContext(3)).doubleValue());
                }
            }
            String title = higher ? "HIGHER is better (throughput): ours / baseline, above 1 = ours ahead"
                    : "LOWER is better (time, memory): ours / baseline, below 1 = ours ahead";
            title += names.isEmpty() ? " (no such row has a baseline in this run)" : higher ? " (" + machine + ")" : "";
            CategoryChart chart = new CategoryChartBuilder().width(1400).height(800).title(title)
                    .yAxisTitle("ratio, log scale (1 = baseline)").build();
            chart.getStyler().setLegendVisible(false);
            chart.getStyler().setXAxisLabelRotation(60);
            chart.getStyler().setLabelsVisible(true);
            chart.getStyler().setSeriesColors(new java.awt.Color[] {higher ? new java.awt.Color(40, 120, 60) : new java.awt.Color(170, 80, 30)});
            if (!names.isEmpty()) {
                // The axis spans at least 0.1x..10x, so a bar's length reads the same in both panels.
                double lo = Math.min(0.1, ratios.stream().mapToDouble(Double::doubleValue).min().getAsDouble() / 2);
                double hi = Math.max(10, ratios.stream().mapToDouble(Double::doubleValue).max().getAsDouble() * 2);
                chart.getStyler().setYAxisLogarithmic(true).setYAxisMin(lo).setYAxisMax(hi);
                chart.addSeries("ratio", names, ratios);
            }
            if (!names.isEmpty()) {
                panels.add(chart);
            }
        }
        if (panels.isEmpty()) {
            return; // rows without baselines alone (LobbyBench run by itself): nothing to chart
        }
        BitmapEncoder.saveBitmap(panels, panels.size(), 1, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
