package org.patengine.engine.loss;

/**
 * Mean squared error over every element: {@code L = (1/(B·n)) Σ_b Σ_j (y_bj − t_bj)²},
 * {@code ∂L/∂y_bj = 2 (y_bj − t_bj) / (B·n)} (PyTorch's {@code MSELoss} with mean reduction).
 *
 * <p>Targets are the values (batch, n); when only labels are given, the target is the one-hot
 * vector of the label, which makes MSE usable for classification too.
 */
public final class MeanSquaredError implements Loss {

    @Override
    public String name() {
        return "mse";
    }

    @Override
    public double evaluate(int batch, int n, float[] y, int[] labels, float[] targets, float[] gY) {
        Loss.checkOutputs(name(), batch, n, y, gY);
        if (targets == null && labels == null) {
            throw new IllegalArgumentException("mse needs target values or class labels, got neither");
        }
        if (targets != null && targets.length < batch * n) {
            throw new IllegalArgumentException("mse: targets has length " + targets.length + ", expected at least "
                    + (batch * n) + " = batch " + batch + " x " + n);
        }
        if (targets == null && labels.length < batch) {
            throw new IllegalArgumentException("mse: labels has length " + labels.length
                    + ", expected at least the batch " + batch);
        }
        double scale = 1.0 / ((double) batch * n);
        double total = 0;
        for (int b = 0; b < batch; b++) {
            int row = b * n;
            int c = -1;
            if (targets == null) {
                c = labels[b];
                if (c < 0 || c >= n) {
                    throw new IllegalArgumentException("mse: label[" + b + "] = " + c + " is outside [0, " + n + ")");
                }
            }
            for (int j = 0; j < n; j++) {
                float v = y[row + j];
                if (!Float.isFinite(v)) {
                    Loss.nonFinite(name(), row + j, n, v);
                }
                float t;
                if (targets != null) {
                    t = targets[row + j];
                    if (!Float.isFinite(t)) {
                        throw new IllegalArgumentException("mse: target[sample " + b + ", " + j + "] is " + t);
                    }
                } else {
                    t = j == c ? 1f : 0f;
                }
                double d = (double) v - t;
                total += d * d;
                if (gY != null) {
                    gY[row + j] = (float) (2 * d * scale);
                }
            }
        }
        return total * scale;
    }
}
