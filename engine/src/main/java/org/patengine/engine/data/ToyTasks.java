package org.patengine.engine.data;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generated 2-D classification tasks for quick demos and tests; points uniform in [-1, 1]².
 * <ul>
 * <li>{@code circle}: class 1 inside the circle of radius √(2/π) (half the area), else 0;</li>
 * <li>{@code stripe}: class 1 where |x₁ − x₀| < 0.5, else 0;</li>
 * <li>{@code quadrants}: four classes, one per quadrant.</li>
 * </ul>
 */
public final class ToyTasks {
    private ToyTasks() {
    }

    /** {@code n} samples of the named task. */
    public static ArrayDataset generate(String task, int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("sample count must be >= 1, was " + n);
        }
        String t = task.toLowerCase(Locale.ROOT);
        int classes = switch (t) {
            case "circle", "stripe" -> 2;
            case "quadrants" -> 4;
            default -> throw new IllegalArgumentException("unknown toy task '" + task + "': expected circle, stripe or quadrants");
        };
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[2 * n];
        int[] y = new int[n];
        double r2 = 2 / Math.PI;
        for (int i = 0; i < n; i++) {
            double a = r.nextDouble(-1, 1);
            double b = r.nextDouble(-1, 1);
            x[2 * i] = (float) a;
            x[2 * i + 1] = (float) b;
            y[i] = switch (t) {
                case "circle" -> a * a + b * b < r2 ? 1 : 0;
                case "stripe" -> Math.abs(b - a) < 0.5 ? 1 : 0;
                default -> (a >= 0 ? 0 : 1) + (b >= 0 ? 0 : 2);
            };
        }
        return ArrayDataset.classification(x, 2, y, classes);
    }
}
