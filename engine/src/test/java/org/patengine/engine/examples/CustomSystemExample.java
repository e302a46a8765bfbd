package org.patengine.engine.examples;

import java.io.PrintStream;

import org.patengine.engine.data.ArrayDataset;
import org.patengine.engine.layer.ParameterInit;
import org.patengine.engine.network.Network;
import org.patengine.engine.optim.StepSchedule;
import org.patengine.engine.train.EpochResult;
import org.patengine.engine.train.Evaluation;
import org.patengine.engine.train.Trainer;
import org.patengine.engine.train.TrainingMode;
import org.patengine.sim.Rng;
import org.patengine.sim.DifferentiableMap;
import org.patengine.sim.PhysicalSystem;

/**
 * How to train a hybrid physical–digital network around your own hardware with PAT.
 *
 * <p>You provide two things: your apparatus as a {@link PhysicalSystem} (forward only) and a
 * differentiable model of it as a {@link DifferentiableMap}. Here the "apparatus" is a bank of
 * sine units {@code y_i = sin((1 + η)·θ_i·x_i + φ_i) + noise} with a gain error η and hidden phase
 * offsets φ that the model {@code y_i = sin(θ_i·x_i)} does not know about. The task: is a 2-D
 * point inside a circle?
 */
public final class CustomSystemExample {

    public static void main(String[] args) {
        run(System.out, 30);
    }

    /** Trains for {@code epochs} epochs with PAT and returns the final test evaluation. */
    public static Evaluation run(PrintStream out, int epochs) {
        ArrayDataset train = circle(400, 1);
        ArrayDataset test = circle(200, 2);

        // The network: digital affine -> your physical system (with its model) -> digital affine.
        Network net = Network.builder(2)
                .seed(42)
                .affine(8)
                .physical(new SineApparatus(8, 7), new SineModel(8), ParameterInit.uniform(1f, 2.5f))
                .affine(2)
                .build();

        // The trainer: the mode decides forward/backward (pat, insilico, ideal, fd, spsa, reservoir).
        Trainer trainer = Trainer.builder(net)
                .mode(TrainingMode.PAT)
                .batchSize(32)
                .schedule(new StepSchedule(0.1f, 0.5f, 10))
                .seed(7)
                .build();

        for (int e = 0; e < epochs; e++) {
            EpochResult r = trainer.trainEpoch(train);
            if (e % 10 == 9) {
                out.printf("epoch %d  lr %.4f  train loss %.4f  test: %s%n", r.epoch(), r.learningRate(),
                        r.meanLoss(), trainer.evaluate(test));
            }
        }
        return trainer.evaluate(test);
    }

    /** Points uniform in [−1, 1]²; class 1 inside the circle of radius 0.6. */
    static ArrayDataset circle(int n, long seed) {
        Rng rng = new Rng(seed);
        float[] x = new float[2 * n];
        int[] labels = new int[n];
        for (int s = 0; s < n; s++) {
            float a = rng.uniform(-1, 1);
            float b = rng.uniform(-1, 1);
            x[2 * s] = a;
            x[2 * s + 1] = b;
            labels[s] = a * a + b * b < 0.36f ? 1 : 0;
        }
        return ArrayDataset.classification(x, 2, labels, 2);
    }

    /** The apparatus: only forward, noisy, and not quite what the model says. */
    static final class SineApparatus implements PhysicalSystem {
        private final int n;
        private final float[] phase; // hidden
        private final Rng noise;

        SineApparatus(int n, long seed) {
            this.n = n;
            this.phase = new float[n];
            Rng r = new Rng(seed);
            for (int i = 0; i < n; i++) {
                phase[i] = (float) (0.1 * r.nextGaussian());
            }
            this.noise = new Rng(seed + 1);
        }

        @Override
        public String name() {
            return "sine apparatus(" + n + ")";
        }

        @Override
        public int inputSize() {
            return n;
        }

        @Override
        public int outputSize() {
            return n;
        }

        @Override
        public int parameterSize() {
            return n;
        }

        @Override
        public float parameterLower(int i) {
            return -3f;
        }

        @Override
        public float parameterUpper(int i) {
            return 3f;
        }

        @Override
        public void forward(int batch, float[] x, float[] theta, float[] y) {
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < n; i++) {
                    y[b * n + i] = (float) (Math.sin(1.1 * theta[i] * x[b * n + i] + phase[i])
                            + 0.01 * noise.nextGaussian());
                }
            }
        }
    }

    /** The digital model: nominal physics with its exact vector–Jacobian product. */
    static final class SineModel implements DifferentiableMap {
        private final int n;

        SineModel(int n) {
            this.n = n;
        }

        @Override
        public int inputSize() {
            return n;
        }

        @Override
        public int outputSize() {
            return n;
        }

        @Override
        public int parameterSize() {
            return n;
        }

        @Override
        public void forward(int batch, float[] x, float[] theta, float[] y) {
            for (int k = 0; k < batch * n; k++) {
                y[k] = (float) Math.sin(theta[k % n] * x[k]);
            }
        }

        @Override
        public void vjp(int batch, float[] x, float[] theta, float[] gY, float[] gX, float[] gTheta) {
            if (gTheta != null) {
                java.util.Arrays.fill(gTheta, 0, n, 0f);
            }
            for (int k = 0; k < batch * n; k++) {
                int i = k % n;
                float c = (float) Math.cos(theta[i] * x[k]);
                if (gX != null) {
                    gX[k] = gY[k] * theta[i] * c;
                }
                if (gTheta != null) {
                    gTheta[i] += gY[k] * x[k] * c;
                }
            }
        }
    }
}
