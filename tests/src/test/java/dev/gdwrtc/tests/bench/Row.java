package dev.gdwrtc.tests.bench;

/**
 * A line of the bench table: what was measured (median, min and max of the rounds), the baseline
 * measured in the same run (null when the issue names only a goal), and the goal as a ratio or
 * value. {@code higherIsBetter} says which way the ratio should go; {@code note} carries what the
 * figures alone do not say (refusals, error lines, lost packets), or "".
 */
public record Row(String name, String unit, Figure value, String baselineName, Figure baseline,
                  boolean higherIsBetter, String goal, String note) {
    public Row(String name, String unit, Figure value, String baselineName, Figure baseline, boolean higherIsBetter, String goal) {
        this(name, unit, value, baselineName, baseline, higherIsBetter, goal, "");
    }

    /** value / baseline (medians); NaN without a baseline. */
    public double ratio() {
        return baseline == null || baseline.median() == 0 ? Double.NaN : value.median() / baseline.median();
    }
}
