package org.patengine.engine.twin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patengine.engine.GradientChecks;
import org.patengine.engine.layer.Activation;
import org.patengine.engine.testsystems.TanhAffineSystem;
import org.patengine.kernels.BackendKind;
import org.patengine.kernels.Backends;
import org.patengine.kernels.ComputeBackend;
import org.patengine.sim.Rng;

/**
 * The learned twin: its VJP against central differences in x and θ, a fit that recovers a smooth
 * system (output R² and gradient fidelity), and its file's round trip and refusals.
 */
class LearnedTwinTest {
    private static final ComputeBackend SCALAR = Backends.get(BackendKind.SCALAR);

    private static LearnedTwin untrained(Activation a) {
        var n = new LearnedTwin.Normalisation(new float[] {0f, 0.5f, 0f}, new float[] {1f, 0.5f, 2f}, new float[] {0.1f, -0.2f},
                new float[] {0.5f, 1.5f}, new float[] {1f, -1f}, new float[] {2f, 0.5f});
        return new LearnedTwin(n, List.of(7, 5), a, 3, SCALAR);
    }

    @Test
    void theVjpIsTheGradientOfTheMapInXAndTheta() {
        for (Activation a : new Activation[] {Activation.SWISH, Activation.TANH}) {
            LearnedTwin t = untrained(a);
            int batch = 3;
            Rng r = new Rng(5);
            float[] x = new float[batch * 3];
            float[] theta = {0.3f, -0.4f};
            float[] gY = new float[batch * 2];
            for (int i = 0; i < x.length; i++) {
                x[i] = r.uniform(-1f, 1f);
            }
            for (int i = 0; i < gY.length; i++) {
                gY[i] = r.uniform(-1f, 1f);
            }
            float[] gX = new float[x.length];
            float[] gT = new float[2];
            t.vjp(batch, x, theta, gY, gX, gT);
            float[] y = new float[batch * 2];
            java.util.function.DoubleSupplier f = () -> {
                t.forward(batch, x, theta, y);
                return GradientChecks.dot(gY, y, y.length);
            };
            GradientChecks.assertClose(a + " gX", gX, 0, GradientChecks.centralDifferences(x, 0, x.length, 1e-2f, f), 2e-3);
            GradientChecks.assertClose(a + " gTheta", gT, 0, GradientChecks.centralDifferences(theta, 0, 2, 1e-2f, f), 2e-3);
        }
    }

    @Test
    void aFitRecoversASmoothSystemAndItsGradient() {
        TanhAffineSystem system = TanhAffineSystem.withGap(3, 2, 0.1f, 0.2f, 0f, 0f, 4);
        TwinFit fit = new TwinFit(4000, 8, 1, -1f, 1f, List.of(64, 64), Activation.SWISH, 400, 30, 1e-2f, 1);
        TwinFit.Result r = fit.fit(system, system.exactModel(), SCALAR);
        TwinQuality q = r.quality();
        assertEquals(4000 / 8, r.physicalCalls());
        assertTrue(TwinQuality.mean(q.r2()) > 0.98, "R² " + java.util.Arrays.toString(q.r2()));
        assertTrue(q.fidelity() > 0.95, "gradient fidelity " + q.fidelity() + " (x " + q.fidelityX() + ", θ " + q.fidelityTheta() + ")");
        assertEquals(400, q.heldOutSamples(), "a tenth of the 500 configurations, 8 inputs each");
    }

    /** The largest step between neighbouring channels of the inputs a system was sampled at, and whether all were in range. */
    private static float[] sampledSteps(float smoothedShare, int width) {
        float[] steepest = {0f, 1f};
        var recorder = new org.patengine.sim.ForwardingSystem(TanhAffineSystem.withGap(16, 2, 0.1f, 0.2f, 0f, 0f, 4)) {
            @Override
            public void forward(int batch, float[] x, float[] theta, float[] y) {
                for (int b = 0; b < batch; b++) {
                    for (int i = 0; i < 16; i++) {
                        float v = x[b * 16 + i];
                        if (v < -1f || v > 1f) {
                            steepest[1] = 0f;
                        }
                        if (i > 0) {
                            steepest[0] = Math.max(steepest[0], Math.abs(v - x[b * 16 + i - 1]));
                        }
                    }
                }
                super.forward(batch, x, theta, y);
            }
        };
        new TwinFit(400, 8, 1, -1f, 1f, List.of(4), Activation.SWISH, 1, 1, 1e-2f, 1, null, 1f, smoothedShare, width)
                .fit(recorder, null, SCALAR);
        return steepest;
    }

    @Test
    void smoothedInputsStepAtMostTheRangeOverTheWidthBetweenChannels() {
        float[] smooth = sampledSteps(1f, 8);
        assertTrue(smooth[0] <= 2f / 8 + 1e-6f && smooth[1] == 1f, "largest step " + smooth[0] + ", in range " + (smooth[1] == 1f));
        float[] white = sampledSteps(0f, 8);
        assertTrue(white[0] > 1.5f && white[1] == 1f, "independent draws: largest step " + white[0]);
        assertThrows(IllegalArgumentException.class,
                () -> new TwinFit(400, 8, 1, -1f, 1f, List.of(4), Activation.SWISH, 1, 1, 1e-2f, 1, null, 1f, 1.5f, 8));
    }

    @Test
    void aTwinFileRoundTripsAndADamagedOneIsRefusedNamingWhy(@TempDir Path dir) throws IOException {
        LearnedTwin t = untrained(Activation.SWISH);
        Path file = dir.resolve("twin.json");
        TwinFile.of(t, "toy", Map.of("samples", 10)).write(file);
        LearnedTwin back = TwinFile.read(file).twin(SCALAR, file);
        float[] x = {0.2f, 0.4f, -0.6f};
        float[] theta = {0.1f, 0.9f};
        float[] y1 = new float[2];
        float[] y2 = new float[2];
        t.forward(1, x, theta, y1);
        back.forward(1, x, theta, y2);
        assertArrayEquals(y1, y2);
        Files.writeString(dir.resolve("bad.json"), Files.readString(file).replace("\"swish\"", "\"relux\""));
        IOException e = assertThrows(IOException.class, () -> TwinFile.read(dir.resolve("bad.json")).twin(SCALAR, dir.resolve("bad.json")));
        assertTrue(e.getMessage().contains("activation 'relux' is not one of"), e.getMessage());
        Files.writeString(dir.resolve("cut.json"), Files.readString(file).substring(0, 100));
        e = assertThrows(IOException.class, () -> TwinFile.read(dir.resolve("cut.json")));
        assertTrue(e.getMessage().contains("is not a learned twin"), e.getMessage());
        e = assertThrows(IOException.class, () -> TwinFile.read(dir.resolve("none.json")));
        assertTrue(e.getMessage().contains("does not exist (make one with pat twin fit)"), e.getMessage());
    }
}
