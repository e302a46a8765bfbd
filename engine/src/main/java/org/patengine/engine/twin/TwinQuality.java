package org.patengine.engine.twin;

import java.util.List;

import org.patengine.sim.DifferentiableMap;
import org.patengine.sim.Rng;

/**
 * How good a learned twin is on held-out measurements: per output channel the RMSE and R² of its
 * prediction against the averaged measurement, and — where the system is simulated and so has an
 * exact derivative — its gradient fidelity: the cosine between the twin's VJP and the exact VJP
 * at the held-out points for random Gaussian cotangents, over x and θ together and apart (mean
 * over the points; each point is one θ with its batch of inputs).
 *
 * @param rmse           per channel, √mean((ŷ − y)²)
 * @param r2             per channel, 1 − Σ(ŷ − y)² / Σ(y − ȳ)²
 * @param fidelity       mean cosine of [gX, gθ]; NaN without an exact model
 * @param fidelityX      of gX alone
 * @param fidelityTheta  of gθ alone
 * @param predicted      the first channels' predictions at the held-out samples, for parity plots (channel-major)
 * @param measured       the same channels' measurements
 */
public record TwinQuality(double[] rmse, double[] r2, double fidelity, double fidelityX, double fidelityTheta, int heldOutSamples,
                          float[][] predicted, float[][] measured) {
    /** Channels kept for parity plots. */
    public static final int PARITY_CHANNELS = 4;

    static TwinQuality measure(DifferentiableMap twin, DifferentiableMap exact, List<float[]> xs, List<float[]> thetas,
                               List<float[]> ys, int batch, Rng rng) {
        int in = twin.inputSize();
        int out = twin.outputSize();
        int p = twin.parameterSize();
        int n = xs.size() * batch;
        double[] se = new double[out];
        double[] sum = new double[out];
        double[] sum2 = new double[out];
        int kept = Math.min(PARITY_CHANNELS, out);
        float[][] pred = new float[kept][n];
        float[][] meas = new float[kept][n];
        float[] y = new float[batch * out];
        double cos = 0, cosX = 0, cosT = 0;
        float[] gY = new float[batch * out];
        float[] gX1 = new float[batch * in];
        float[] gX2 = new float[batch * in];
        float[] gT1 = new float[p];
        float[] gT2 = new float[p];
        for (int c = 0; c < xs.size(); c++) {
            twin.forward(batch, xs.get(c), thetas.get(c), y);
            float[] m = ys.get(c);
            for (int i = 0; i < batch; i++) {
                for (int k = 0; k < out; k++) {
                    double e = y[i * out + k] - m[i * out + k];
                    se[k] += e * e;
                    sum[k] += m[i * out + k];
                    sum2[k] += m[i * out + k] * (double) m[i * out + k];
                    if (k < kept) {
                        pred[k][c * batch + i] = y[i * out + k];
                        meas[k][c * batch + i] = m[i * out + k];
                    }
                }
            }
            if (exact != null) {
                for (int i = 0; i < gY.length; i++) {
                    gY[i] = (float) rng.nextGaussian();
                }
                twin.vjp(batch, xs.get(c), thetas.get(c), gY, gX1, gT1);
                exact.vjp(batch, xs.get(c), thetas.get(c), gY, gX2, gT2);
                cosX += cosine(gX1, gX2, null, null);
                cosT += cosine(gT1, gT2, null, null);
                cos += cosine(gX1, gX2, gT1, gT2);
            }
        }
        double[] rmse = new double[out];
        double[] r2 = new double[out];
        for (int k = 0; k < out; k++) {
            rmse[k] = Math.sqrt(se[k] / n);
            double sst = sum2[k] - sum[k] * sum[k] / n;
            r2[k] = sst > 0 ? 1 - se[k] / sst : Double.NaN;
        }
        double points = xs.size();
        return exact == null ? new TwinQuality(rmse, r2, Double.NaN, Double.NaN, Double.NaN, n, pred, meas)
                : new TwinQuality(rmse, r2, cos / points, cosX / points, cosT / points, n, pred, meas);
    }

    /** The cosine of (a, c) and (b, d) concatenated (c and d may be null). */
    static double cosine(float[] a, float[] b, float[] c, float[] d) {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * (double) b[i];
            aa += a[i] * (double) a[i];
            bb += b[i] * (double) b[i];
        }
        if (c != null) {
            for (int i = 0; i < c.length; i++) {
                ab += c[i] * (double) d[i];
                aa += c[i] * (double) c[i];
                bb += d[i] * (double) d[i];
            }
        }
        return ab / Math.sqrt(aa * bb);
    }

    /** The mean of the per-channel values, NaNs left out. */
    public static double mean(double[] v) {
        double s = 0;
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                s += x;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }
}
