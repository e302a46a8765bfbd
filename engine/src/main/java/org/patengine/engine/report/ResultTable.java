package org.patengine.engine.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A markdown table of results under a one-line title, as {@code pat compare} writes to
 * {@code table.md} and {@code pat eval --sweep} prints: one row per setting (a mode, a knob's value,
 * a baseline), figures as percentages, a figure measured over several seeds as mean ± sample
 * standard deviation. For tables printed as they are measured, {@link #header} and {@link #row}
 * give single lines in the same format.
 */
public final class ResultTable {
    private final String title;
    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table titled {@code title} (one line, without its line break) with these column headings. */
    public ResultTable(String title, List<String> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        this.title = title;
        this.columns = List.copyOf(columns);
    }

    /** Adds a row of one cell per column. */
    public ResultTable add(List<String> cells) {
        if (cells.size() != columns.size()) {
            throw new IllegalArgumentException("a row of " + cells.size() + " cells for " + columns.size() + " columns " + columns);
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    /** The title line, the heading and separator lines, and the rows; every line ends in a line break. */
    public String markdown() {
        StringBuilder out = new StringBuilder(title).append('\n').append(header(columns));
        for (List<String> r : rows) {
            out.append(row(r));
        }
        return out.toString();
    }

    /** The heading line and the separator line: {@code | a | b |} and {@code |---|---|}. */
    public static String header(List<String> columns) {
        return row(columns) + "|---".repeat(columns.size()) + "|\n";
    }

    /** One row: {@code | a | b |} and a line break. */
    public static String row(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    /** A fraction as a percentage with two decimals: {@code 97.40 %}. */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
    }

    /**
     * Fractions measured over several seeds, in percent: mean ± sample standard deviation
     * ({@code 48.17 ± 1.18 %}), or the one value as {@link #percent} when there is one.
     */
    public static String meanSd(double[] fractions) {
        if (fractions.length == 0) {
            throw new IllegalArgumentException("mean ± sd of no values");
        }
        double mean = 0;
        for (double x : fractions) {
            mean += x;
        }
        mean /= fractions.length;
        if (fractions.length == 1) {
            return percent(mean);
        }
        double ss = 0;
        for (double x : fractions) {
            ss += (x - mean) * (x - mean);
        }
        return String.format(Locale.ROOT, "%.2f ± %.2f %%", 100 * mean, 100 * Math.sqrt(ss / (fractions.length - 1)));
    }
}
