package org.patengine.engine.twin;

import java.util.ArrayList;
import java.util.List;

import org.patengine.engine.data.ArrayDataset;
import org.patengine.engine.layer.Activation;
import org.patengine.engine.layer.ForwardPass;
import org.patengine.engine.loss.MeanSquaredError;
import org.patengine.engine.optim.Adam;
import org.patengine.engine.train.Trainer;
import org.patengine.engine.train.TrainingMode;
import org.patengine.kernels.ComputeBackend;
import org.patengine.sim.DifferentiableMap;
import org.patengine.sim.PhysicalSystem;
import org.patengine.sim.Rng;

/**
 * Fits a {@link LearnedTwin} to samples of a physical system, as the lab fitted its twins:
 * parameters θ drawn uniformly in their ranges, inputs x uniformly in the input range, each
 * configuration measured {@code repeats} times and averaged (the noise averages out), outputs
 * normalised per channel, then an MLP on [x, θ] fitted by Adam to the mean squared error, stopped
 * early on a held-out tenth of the configurations. One physical call measures one θ on a batch
 * of {@code inputsPerTheta} inputs, so a fit of N samples makes {@code N / inputsPerTheta · repeats}
 * calls. The {@link TwinQuality} on the held-out part comes with it.
 *
 * @param samples        (x, θ) samples drawn
 * @param inputsPerTheta inputs measured per θ (one call)
 * @param repeats        measurements averaged per sample
 * @param xLower         the inputs' range, lower end
 * @param xUpper         the inputs' range, upper end
 * @param widths         the MLP's hidden widths
 * @param activation     swish or tanh
 * @param epochs         at most this many epochs
 * @param patience       stop after this many epochs without a better held-out error
 * @param learningRate   Adam's step size
 * @param seed           seeds the draws, the weights and the batch order
 * @param thetaCentre    null: θ uniform in its whole ranges; else θ_j uniform in
 *                       {@code thetaCentre_j ± thetaSpread · (upper_j − lower_j)/2}, clipped to the range (sampling
 *                       near an operating point, e.g. a layer's initialisation)
 * @param thetaSpread    the share of each half-range sampled around thetaCentre (0, 1]
 * @param smoothedShare  the share [0, 1] of input vectors drawn smooth across channels instead of independent per
 *                       channel, as the lab sampled its SHG twin (an apparatus's inputs are seldom white noise):
 *                       anchors uniform in the input range every {@code smoothWidth} channels, linearly
 *                       interpolated between
 * @param smoothWidth    channels between a smooth vector's anchors, >= 1 (1: no smoothing)
 */
public record TwinFit(int samples, int inputsPerTheta, int repeats, float xLower, float xUpper, List<Integer> widths,
                      Activation activation, int epochs, int patience, float learningRate, long seed, float[] thetaCentre,
                      float thetaSpread, float smoothedShare, int smoothWidth) {

    /** Independent uniform inputs. */
    public TwinFit(int samples, int inputsPerTheta, int repeats, float xLower, float xUpper, List<Integer> widths,
                   Activation activation, int epochs, int patience, float learningRate, long seed, float[] thetaCentre,
                   float thetaSpread) {
        this(samples, inputsPerTheta, repeats, xLower, xUpper, widths, activation, epochs, patience, learningRate, seed, thetaCentre,
                thetaSpread, 0f, 1);
    }

    /** Sampling θ in its whole ranges. */
    public TwinFit(int samples, int inputsPerTheta, int repeats, float xLower, float xUpper, List<Integer> widths,
                   Activation activation, int epochs, int patience, float learningRate, long seed) {
        this(samples, inputsPerTheta, repeats, xLower, xUpper, widths, activation, epochs, patience, learningRate, seed, null, 1f);
    }

    public TwinFit {
        if (samples < 2 * inputsPerTheta || inputsPerTheta < 1 || repeats < 1 || epochs < 1 || patience < 1) {
            throw new IllegalArgumentException("a twin fit needs inputsPerTheta, repeats, epochs and patience >= 1 and at least two "
                    + "configurations of samples; got samples " + samples + ", inputsPerTheta " + inputsPerTheta + ", repeats " + repeats
                    + ", epochs " + epochs + ", patience " + patience);
        }
        if (!(smoothedShare >= 0 && smoothedShare <= 1) || smoothWidth < 1) {
            throw new IllegalArgumentException("the smoothed share must be in [0, 1] and the smoothing width >= 1 channel, were "
                    + smoothedShare + " and " + smoothWidth);
        }
        if (!(thetaSpread > 0 && thetaSpread <= 1)) {
            throw new IllegalArgumentException("the θ spread must be in (0, 1], a share of each half-range, was " + thetaSpread);
        }
        if (!(xLower < xUpper) || Float.isInfinite(xLower) || Float.isInfinite(xUpper)) {
            throw new IllegalArgumentException("the input range must be finite with lower < upper, was [" + xLower + ", " + xUpper + "]");
        }
    }

    /** The fitted twin, its quality on the held-out samples, and the fit's history. */
    public record Result(LearnedTwin twin, TwinQuality quality, int epochsRun, int bestEpoch, double bestHeldOutMse,
                         long physicalCalls) {
    }

    /** Samples {@code system} and fits; {@code exact} (null for a real apparatus) gives the gradient fidelity. */
    public Result fit(PhysicalSystem system, DifferentiableMap exact, ComputeBackend backend) {
        int in = system.inputSize();
        int out = system.outputSize();
        int p = system.parameterSize();
        for (int j = 0; j < p; j++) {
            if (Float.isInfinite(system.parameterLower(j)) || Float.isInfinite(system.parameterUpper(j))) {
                throw new IllegalArgumentException("parameter " + j + " of " + system.name() + " has the unbounded range ["
                        + system.parameterLower(j) + ", " + system.parameterUpper(j) + "]: a twin fit draws θ uniformly in it");
            }
        }
        if (thetaCentre != null && thetaCentre.length != p) {
            throw new IllegalArgumentException("the θ centre has " + thetaCentre.length + " values, " + system.name() + " has " + p
                    + " parameters");
        }
        float[] lo = new float[p];
        float[] hi = new float[p];
        for (int j = 0; j < p; j++) {
            lo[j] = system.parameterLower(j);
            hi[j] = system.parameterUpper(j);
            if (thetaCentre != null) {
                float half = thetaSpread * 0.5f * (hi[j] - lo[j]);
                lo[j] = Math.max(lo[j], thetaCentre[j] - half);
                hi[j] = Math.min(hi[j], thetaCentre[j] + half);
            }
        }
        int configs = samples / inputsPerTheta;
        int b = inputsPerTheta;
        Rng rng = new Rng(seed * 0x9E3779B97F4A7C15L + 5);
        float[][] xs = new float[configs][b * in];
        float[][] thetas = new float[configs][p];
        float[][] ys = new float[configs][b * out];
        float[] y = new float[b * out];
        long calls = 0;
        for (int c = 0; c < configs; c++) {
            for (int s = 0; s < b; s++) {
                if (smoothedShare > 0 && rng.nextFloat() < smoothedShare) {
                    drawSmooth(rng, xs[c], s * in, in);
                } else {
                    for (int i = 0; i < in; i++) {
                        xs[c][s * in + i] = rng.uniform(xLower, xUpper);
                    }
                }
            }
            for (int j = 0; j < p; j++) {
                thetas[c][j] = rng.uniform(lo[j], hi[j]);
            }
            for (int r = 0; r < repeats; r++) {
                system.forward(b, xs[c], thetas[c], y);
                calls++;
                for (int k = 0; k < y.length; k++) {
                    ys[c][k] += y[k] / repeats;
                }
            }
        }
        int heldOut = Math.max(1, configs / 10);
        int train = configs - heldOut;
        LearnedTwin.Normalisation norm = normalisation(system, lo, hi, ys, train, b);
        LearnedTwin twin = new LearnedTwin(norm, widths, activation, seed, backend);
        ArrayDataset trainSet = encoded(twin, xs, thetas, ys, 0, train, b);
        ArrayDataset heldSet = encoded(twin, xs, thetas, ys, train, configs, b);
        Trainer t = Trainer.builder(twin.network()).mode(TrainingMode.INSILICO).loss(new MeanSquaredError()).optimizer(new Adam())
                .learningRate(learningRate).batchSize(64).seed(seed).build();
        float[] theta = twin.network().parameters().values();
        float[] best = theta.clone();
        double bestMse = heldOutMse(twin, heldSet);
        int bestEpoch = 0;
        int epoch = 0;
        while (epoch < epochs && epoch - bestEpoch < patience) {
            t.trainEpoch(trainSet);
            epoch++;
            double mse = heldOutMse(twin, heldSet);
            if (mse < bestMse) {
                bestMse = mse;
                bestEpoch = epoch;
                System.arraycopy(theta, 0, best, 0, theta.length);
            }
        }
        System.arraycopy(best, 0, theta, 0, theta.length);
        List<float[]> hx = new ArrayList<>();
        List<float[]> ht = new ArrayList<>();
        List<float[]> hy = new ArrayList<>();
        for (int c = train; c < configs; c++) {
            hx.add(xs[c]);
            ht.add(thetas[c]);
            hy.add(ys[c]);
        }
        TwinQuality q = TwinQuality.measure(twin, exact, hx, ht, hy, b, new Rng(seed + 77));
        return new Result(twin, q, epoch, bestEpoch, bestMse, calls);
    }

    /** One smooth input vector: anchors uniform in the range every smoothWidth channels, linear in between. */
    private void drawSmooth(Rng rng, float[] x, int off, int in) {
        float left = rng.uniform(xLower, xUpper);
        for (int start = 0; start < in; start += smoothWidth) {
            float right = rng.uniform(xLower, xUpper);
            for (int i = start; i < Math.min(in, start + smoothWidth); i++) {
                float t = (float) (i - start) / smoothWidth;
                x[off + i] = left + t * (right - left);
            }
            left = right;
        }
    }

    private LearnedTwin.Normalisation normalisation(PhysicalSystem system, float[] lo, float[] hi, float[][] ys, int train, int b) {
        int in = system.inputSize();
        int out = system.outputSize();
        int p = system.parameterSize();
        float[] xc = new float[in];
        float[] xsScale = new float[in];
        java.util.Arrays.fill(xc, 0.5f * (xLower + xUpper));
        java.util.Arrays.fill(xsScale, 0.5f * (xUpper - xLower));
        float[] tc = new float[p];
        float[] ts = new float[p];
        for (int j = 0; j < p; j++) {
            tc[j] = 0.5f * (lo[j] + hi[j]);
            float half = 0.5f * (hi[j] - lo[j]);
            ts[j] = half > 0 ? half : 1f; // a fixed parameter: any scale
        }
        double[] sum = new double[out];
        double[] sum2 = new double[out];
        long n = (long) train * b;
        for (int c = 0; c < train; c++) {
            for (int i = 0; i < b; i++) {
                for (int k = 0; k < out; k++) {
                    double v = ys[c][i * out + k];
                    sum[k] += v;
                    sum2[k] += v * v;
                }
            }
        }
        float[] mean = new float[out];
        float[] std = new float[out];
        for (int k = 0; k < out; k++) {
            mean[k] = (float) (sum[k] / n);
            double var = sum2[k] / n - mean[k] * (double) mean[k];
            std[k] = var > 1e-12 ? (float) Math.sqrt(var) : 1f; // a constant channel: predicted as its mean
        }
        return new LearnedTwin.Normalisation(xc, xsScale, tc, ts, mean, std);
    }

    /** The MLP's training pairs (u, z) of configurations [from, to). */
    private static ArrayDataset encoded(LearnedTwin twin, float[][] xs, float[][] thetas, float[][] ys, int from, int to, int b) {
        int in = twin.inputSize();
        int out = twin.outputSize();
        int w = in + twin.parameterSize();
        int rows = (to - from) * b;
        float[] u = new float[rows * w];
        float[] z = new float[rows * out];
        int r = 0;
        for (int c = from; c < to; c++) {
            for (int i = 0; i < b; i++, r++) {
                twin.normalise(xs[c], i * in, thetas[c], ys[c], i * out, u, r * w, z, r * out);
            }
        }
        return ArrayDataset.regression(u, w, z, out);
    }

    /** The mean squared error on normalised outputs over a dataset of (u, z). */
    private static double heldOutMse(LearnedTwin twin, ArrayDataset d) {
        var net = twin.network();
        int w = d.inputSize();
        int out = twin.outputSize();
        int chunk = 256;
        if (net.maxBatch() < chunk) {
            net.allocate(chunk);
        }
        float[] u = new float[chunk * w];
        float[] z = new float[chunk * out];
        double se = 0;
        for (int start = 0; start < d.size(); start += chunk) {
            int n = Math.min(chunk, d.size() - start);
            for (int i = 0; i < n; i++) {
                d.input(start + i, u, i * w);
                d.target(start + i, z, i * out);
            }
            float[] pred = net.forward(ForwardPass.MODEL, n, u);
            for (int i = 0; i < n * out; i++) {
                double e = pred[i] - z[i];
                se += e * e;
            }
        }
        return se / ((double) d.size() * out);
    }
}
