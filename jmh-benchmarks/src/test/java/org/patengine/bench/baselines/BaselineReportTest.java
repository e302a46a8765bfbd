package org.patengine.bench.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patengine.kernels.BackendKind;
import org.patengine.kernels.Backends;

/** The study's fitted exponents, its time-to-accuracy reading, and the probe the benchmarks differentiate. */
class BaselineReportTest {

    @Test
    void theExponentIsTheSlopeOnLogLogAxes() {
        double[] p = {10, 100, 1000};
        assertEquals(2.0, BaselineReport.slope(p, new double[] {3e2, 3e4, 3e6}), 1e-12);
        assertEquals(0.0, BaselineReport.slope(p, new double[] {5, 5, 5}), 1e-12);
        assertTrue(Double.isNaN(BaselineReport.slope(new double[] {1}, new double[] {1})));
    }

    @Test
    void aRunReachesTheTargetAtItsFirstEpochAboveItOrSaysNever(@TempDir Path dir) throws Exception {
        run(dir.resolve("pat-s1"), "pat", 1, new double[] {0.90, 0.96, 0.97}, 100);
        run(dir.resolve("fd-s1"), "fd", 1, new double[] {0.50, 0.60, 0.55}, 10_000);
        Path out = dir.resolve("out");
        BaselineReport.accuracy(0.95, out, "accuracy", List.of(dir));
        String md = Files.readString(out.resolve("accuracy.md"));
        assertTrue(md.contains("| circle | pat | 1 | 2 | 200 | 20.0 s | 0.0 s |"), md);
        assertTrue(md.contains("| circle | fd | 1 | never | > 30000 | 50.0 min | 3.0 s |") && md.contains("60.00 %"), md);
        assertTrue(Files.size(out.resolve("accuracy.png")) > 0);
    }

    private static void run(Path dir, String mode, long seed, double[] acc, long samplesPerEpoch) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), "{\"dataset\":\"circle\",\"mode\":\"" + mode + "\",\"seed\":" + seed + "}");
        StringBuilder m = new StringBuilder();
        for (int e = 0; e < acc.length; e++) {
            m.append("{\"epoch\":").append(e + 1).append(",\"valPhysicalAcc\":").append(acc[e]).append(",\"physicalSamples\":")
                    .append(samplesPerEpoch).append(",\"epochSeconds\":1.0}\n");
        }
        Files.writeString(dir.resolve("metrics.jsonl"), m);
    }

    @Test
    void theProbeDifferentiatesOnlyThePhysicalLayerAndFdAgreesWithIdealWithoutNoise() {
        GradientProbe p = new GradientProbe("oscillators", 4, 8, "paper-gap", Map.of("actuationNoise", 0.0), 1, Backends.get(BackendKind.SCALAR));
        assertEquals(4 * 3 / 2 + 2 * 4, p.parameters(), "couplings, stiffnesses and drives of 4 oscillators");
        float[] ideal = p.gradient(p.source("ideal", 0, 0), null);
        long calls = p.network.physicalCalls();
        float[] fd = p.gradient(p.source("fd-central", 1e-3f, 0), null);
        assertEquals(1 + 2 * p.parameters(), p.network.physicalCalls() - calls);
        assertTrue(GradientQuality.cosine(fd, ideal) > 0.9999, "cosine " + GradientQuality.cosine(fd, ideal));
        assertTrue(GradientQuality.relativeError(fd, ideal) < 1e-2, "relative error " + GradientQuality.relativeError(fd, ideal));
    }
}
