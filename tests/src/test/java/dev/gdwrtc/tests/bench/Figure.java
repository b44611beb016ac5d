package dev.gdwrtc.tests.bench;

import java.util.Arrays;

/** One measured quantity over several rounds: its median, with the smallest and largest round. */
public record Figure(double median, double min, double max) {
    public static Figure of(double... rounds) {
        double[] s = rounds.clone();
        Arrays.sort(s);
        return new Figure(s[s.length / 2], s[0], s[s.length - 1]);
    }
}
