package org.patengine.sim;

/**
 * How far a digital model is from a simulated system, on given inputs: its outputs against the
 * system's (as measured, noise included, and against the deterministic exact model), and its
 * gradients against the exact ones,
 * <pre>
 *   outputRelativeL2 = ‖y_twin − y_hw‖ / ‖y_hw‖,   exactRelativeL2 = ‖y_twin − y_exact‖ / ‖y_exact‖,
 *   vjpCosine = cos∠((gX, gθ)_twin, (gX, gθ)_exact)   for standard-normal cotangents (seeded),
 * </pre>
 * summed over every sample; the cosine's x and θ parts alone are given too (NaN where a part is
 * empty). The cosine is the gradient fidelity no published PAT code measures: 1 means the twin's
 * backward pass points where the system's true gradient does.
 */
public final class ModelGap {

    /**
     * @param samples          the number of samples measured
     * @param outputRelativeL2 the twin's outputs against the system's measured ones
     * @param exactRelativeL2  the twin's outputs against the system's deterministic part
     * @param vjpCosine        cosine of the twin's VJP with the exact one, (gX, gθ) together
     * @param vjpCosineX       the same for gX alone
     * @param vjpCosineTheta   the same for gθ alone
     */
    public record Result(int samples, double outputRelativeL2, double exactRelativeL2, double vjpCosine, double vjpCosineX,
                         double vjpCosineTheta) {
    }

    private ModelGap() {
    }

    /**
     * Measures the gap at θ on {@code samples} inputs x (samples, in). The system runs once (its
     * noise and drift advance by one call).
     *
     * @throws IllegalArgumentException when the system has no exact model, or the sizes disagree
     */
    public static Result measure(PhysicalSystem hardware, DifferentiableMap twin, float[] theta, float[] x, int samples, long seed) {
        DifferentiableMap exact = hardware.exactModel();
        if (exact == null) {
            throw new IllegalArgumentException(hardware.name() + " has no exact model (a real apparatus): the gradient gap needs one");
        }
        if (twin.inputSize() != hardware.inputSize() || twin.outputSize() != hardware.outputSize()
                || twin.parameterSize() != hardware.parameterSize()) {
            throw new IllegalArgumentException("the twin's sizes (in " + twin.inputSize() + ", out " + twin.outputSize() + ", θ "
                    + twin.parameterSize() + ") differ from the system's (" + hardware.inputSize() + ", " + hardware.outputSize()
                    + ", " + hardware.parameterSize() + ")");
        }
        if (samples < 1 || x.length < samples * hardware.inputSize()) {
            throw new IllegalArgumentException("samples = " + samples + " with x of length " + x.length + ": expected samples >= 1 and "
                    + samples + " x " + hardware.inputSize() + " inputs");
        }
        int out = hardware.outputSize(), in = hardware.inputSize(), p = hardware.parameterSize();
        float[] yHw = new float[samples * out], yExact = new float[samples * out], yTwin = new float[samples * out];
        hardware.forward(samples, x, theta, yHw);
        exact.forward(samples, x, theta, yExact);
        twin.forward(samples, x, theta, yTwin);
        float[] gY = new float[samples * out];
        Rng rng = new Rng(seed);
        for (int k = 0; k < gY.length; k++) {
            gY[k] = (float) rng.nextGaussian();
        }
        float[] gxT = new float[samples * in], gxE = new float[samples * in], gtT = new float[p], gtE = new float[p];
        twin.vjp(samples, x, theta, gY, gxT, gtT);
        exact.vjp(samples, x, theta, gY, gxE, gtE);
        double[] x3 = dots(gxT, gxE), t3 = dots(gtT, gtE);
        return new Result(samples, relative(yTwin, yHw), relative(yTwin, yExact),
                (x3[0] + t3[0]) / Math.sqrt((x3[1] + t3[1]) * (x3[2] + t3[2])),
                in == 0 ? Double.NaN : x3[0] / Math.sqrt(x3[1] * x3[2]),
                p == 0 ? Double.NaN : t3[0] / Math.sqrt(t3[1] * t3[2]));
    }

    private static double relative(float[] a, float[] ref) {
        double num = 0, den = 0;
        for (int k = 0; k < a.length; k++) {
            double d = a[k] - ref[k];
            num += d * d;
            den += (double) ref[k] * ref[k];
        }
        return Math.sqrt(num / den);
    }

    /** ⟨a, b⟩, ‖a‖², ‖b‖². */
    private static double[] dots(float[] a, float[] b) {
        double ab = 0, aa = 0, bb = 0;
        for (int k = 0; k < a.length; k++) {
            ab += (double) a[k] * b[k];
            aa += (double) a[k] * a[k];
            bb += (double) b[k] * b[k];
        }
        return new double[] {ab, aa, bb};
    }
}
