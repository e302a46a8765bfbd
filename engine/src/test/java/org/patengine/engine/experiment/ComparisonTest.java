package org.patengine.engine.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pat compare's table and curves: per setting, mean ± sd over the seeds. */
class ComparisonTest {
    @TempDir
    Path dir;

    private static RunSummary summary(double physical, double model, double agreement, double secondsPerEpoch) {
        return new RunSummary(ExperimentConfig.defaults(), "run", 2, 10, 5, 5, "simd", "net", 3, secondsPerEpoch, 100, 1, 0.5,
                physical, model, agreement, 1, 1, new long[][] {{1}}, null);
    }

    private static List<EpochRecord> epochs(double... valPhysical) {
        return java.util.stream.IntStream.range(0, valPhysical.length)
                .mapToObj(i -> new EpochRecord(i + 1, 1e-3, 1, 0.5, 1, valPhysical[i], 1, valPhysical[i] / 2, 0.9, 100, 1, 0, 0, 0, 0)).toList();
    }

    @Test
    void aRowPerSettingWithMeanAndSdOverTheSeeds() throws IOException {
        Comparison c = new Comparison("stripe, 2 epochs", 2);
        c.add("pat", List.of(summary(0.4, 0.5, 0.9, 1.0), summary(0.6, 0.5, 0.9, 2.0)), List.of(epochs(0.1, 0.2), epochs(0.3, 0.4)));
        c.add("insilico", List.of(summary(0.3, 0.2, 0.8, 0.5)), List.of(epochs(0.1, 0.2, 0.9)));
        assertEquals("stripe, 2 epochs\n"
                + "| mode | test accuracy on the physical system | on the digital model | agreement | s/epoch |\n"
                + "|---|---|---|---|---|\n"
                + "| pat | 50.00 ± 14.14 % | 50.00 ± 0.00 % | 90.00 ± 0.00 % | 1.5 |\n"
                + "| insilico | 30.00 % | 20.00 % | 80.00 % | 0.5 |\n", c.table());
        c.write(dir, "curves");
        assertEquals(c.table(), Files.readString(dir.resolve("table.md")));
        assertTrue(Files.size(dir.resolve("comparison.png")) > 1000);
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> c.add("ideal", List.of(summary(0.3, 0.2, 0.8, 0.5)), List.of(epochs(0.1))));
        assertTrue(few.getMessage().contains("has 1 epochs of metrics, expected 2"), few.getMessage());
        assertThrows(IllegalArgumentException.class, () -> c.add("spsa", List.of(), List.of()));
    }
}
