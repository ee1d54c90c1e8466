package io.floe.bench;

import java.util.Arrays;
import java.util.List;

/** Order statistics of a sample: median, percentiles and spread, as the report gives them. */
public record Stats(int n, double min, double p25, double median, double p75, double p95, double p99, double max) {

    public static Stats of(List<Double> sample) {
        double[] s = sample.stream().mapToDouble(Double::doubleValue).toArray();
        return of(s);
    }

    public static Stats of(double[] sample) {
        if (sample.length == 0) {
            throw new IllegalArgumentException("no measurements");
        }
        double[] s = sample.clone();
        Arrays.sort(s);
        return new Stats(s.length, s[0], at(s, 0.25), at(s, 0.5), at(s, 0.75), at(s, 0.95), at(s, 0.99),
                s[s.length - 1]);
    }

    /** The value below which a fraction {@code q} of the sorted sample lies (nearest rank). */
    private static double at(double[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    /** {@code median (p25–p75, n=…)} with the given unit and decimals. */
    public String brief(String unit, int decimals) {
        String f = "%." + decimals + "f";
        return String.format(f + " %s (IQR " + f + "–" + f + ", min " + f + ", max " + f + ", n=%d)", median, unit,
                p25, p75, min, max, n);
    }
}
