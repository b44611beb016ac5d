package dev.gdwrtc.tests.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the Godot-process rows measured, by side and quantity: a value per round (or run), and
 * counts summed over the rounds (refusals, error lines, lost packets) for the rows' notes.
 */
final class Samples {
    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    private final Map<String, Map<String, Long>> counts = new LinkedHashMap<>();

    private static String key(Side side, String what) {
        return side.name() + "|" + what;
    }

    void add(Side side, String what, double value) {
        values.computeIfAbsent(key(side, what), k -> new ArrayList<>()).add(value);
    }

    /** Adds {@code n} to the count {@code label} of the quantity {@code what}. */
    void count(Side side, String what, String label, long n) {
        counts.computeIfAbsent(key(side, what), k -> new LinkedHashMap<>()).merge(label, n, Long::sum);
    }

    /** The quantity over its rounds; null for a side that was not measured (no anchor). */
    Figure figure(Side side, String what) {
        if (side == null) {
            return null;
        }
        List<Double> v = values.get(key(side, what));
        if (v == null) {
            throw new IllegalStateException("not measured: " + key(side, what));
        }
        return Figure.of(v.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** "ours: 95 refusals, 3 error lines; anchor: 0 refusals, 0 error lines" over the sides given. */
    String note(String what, Side... sides) {
        List<String> parts = new ArrayList<>();
        for (Side s : sides) {
            Map<String, Long> c = s == null ? null : counts.get(key(s, what));
            if (c != null) {
                parts.add(s.name() + ": " + c.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")));
            }
        }
        return String.join("; ", parts);
    }
}
