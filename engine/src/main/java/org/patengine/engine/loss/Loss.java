package org.patengine.engine.loss;

/**
 * A loss on a batch of network outputs, averaged over the batch: {@code L = (1/B) Σ_b ℓ(y_b, t_b)}.
 * Because the gradient it writes includes the 1/B, the parameter gradients the layers sum over the
 * batch are the gradients of the mean loss.
 *
 * <p>Targets come as class labels (B) or as values (B, n); a loss says which it needs.
 */
public interface Loss {

    /**
     * Computes the mean loss of {@code y} (batch, n) and, when {@code gY} is not null, overwrites
     * it (batch, n) with ∂L/∂y. Throws {@link IllegalArgumentException} for missing or out-of-range
     * targets and {@link ArithmeticException} for a non-finite output.
     *
     * @param labels  class labels (batch), or null
     * @param targets target values (batch, n), or null
     */
    double evaluate(int batch, int n, float[] y, int[] labels, float[] targets, float[] gY);

    /** A short name, e.g. "cross-entropy". */
    String name();

    /** Checks the common arguments. */
    static void checkOutputs(String loss, int batch, int n, float[] y, float[] gY) {
        if (batch < 1 || n < 1) {
            throw new IllegalArgumentException(loss + ": batch and width must be >= 1, were " + batch + " and " + n);
        }
        long need = (long) batch * n;
        if (y == null) {
            throw new NullPointerException(loss + ": output y is null");
        }
        if (y.length < need) {
            throw new IllegalArgumentException(loss + ": output y has length " + y.length + ", expected at least "
                    + need + " = batch " + batch + " x " + n);
        }
        if (gY != null && gY.length < need) {
            throw new IllegalArgumentException(loss + ": gradient gY has length " + gY.length
                    + ", expected at least " + need);
        }
    }

    /** Throws when an output is not finite (a diverged network). */
    static void nonFinite(String loss, int index, int n, float v) {
        throw new ArithmeticException(loss + ": network output y[sample " + index / n + ", " + index % n + "] is " + v
                + " (the network diverged or was fed non-finite parameters)");
    }
}
