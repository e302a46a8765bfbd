package org.patengine.engine.loss;

/**
 * Softmax cross-entropy on logits with integer class labels:
 * {@code ℓ = −log softmax(y)_c = log Σ_j e^{y_j} − y_c}, averaged over the batch;
 * {@code ∂L/∂y_j = (softmax(y)_j − [j = c]) / B}.
 *
 * <p>Numerically stable: the row maximum is subtracted before exponentiating (log-sum-exp), and
 * the sums run in double.
 */
public final class SoftmaxCrossEntropy implements Loss {

    @Override
    public String name() {
        return "cross-entropy";
    }

    @Override
    public double evaluate(int batch, int n, float[] y, int[] labels, float[] targets, float[] gY) {
        Loss.checkOutputs(name(), batch, n, y, gY);
        if (labels == null) {
            throw new IllegalArgumentException("cross-entropy needs class labels, got none");
        }
        if (labels.length < batch) {
            throw new IllegalArgumentException("cross-entropy: labels has length " + labels.length
                    + ", expected at least the batch " + batch);
        }
        double total = 0;
        double invB = 1.0 / batch;
        for (int b = 0; b < batch; b++) {
            int row = b * n;
            int c = labels[b];
            if (c < 0 || c >= n) {
                throw new IllegalArgumentException("cross-entropy: label[" + b + "] = " + c + " is outside [0, " + n
                        + ") (the network has " + n + " outputs)");
            }
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                float v = y[row + j];
                if (!Float.isFinite(v)) {
                    Loss.nonFinite(name(), row + j, n, v);
                }
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += Math.exp(y[row + j] - max);
            }
            double logSum = Math.log(sum);
            total += logSum - (y[row + c] - max);
            if (gY != null) {
                for (int j = 0; j < n; j++) {
                    double softmax = Math.exp(y[row + j] - max - logSum);
                    gY[row + j] = (float) ((softmax - (j == c ? 1 : 0)) * invB);
                }
            }
        }
        return total * invB;
    }
}
