package org.patengine.engine.layer;

/**
 * Keeps the next physical layer's device inputs in [0, 1]: {@code y = clamp(x, 0, 1)}
 * elementwise, so every value applied to the device is in range, always; with
 * {@link DeviceBox.Mode#PENALTY} it also adds the soft box penalty of the pre-clamp x to the
 * training loss ({@link #penalty()}):
 * <pre>
 *   P = λ/(B·n) Σ_{b,k} [softplus(β(x_{b,k} − 1)) + softplus(−β x_{b,k})] / β
 *   g_x = g_y · 1[0 ≤ x ≤ 1] + λ/(B·n) · [σ(β(x − 1)) − σ(−βx)]     (σ the logistic function)
 * </pre>
 * With {@link DeviceBox.Mode#CLAMP} the penalty and its term in g_x are absent. The clamp's
 * gradient is torch.clamp's (1 on the closed box, 0 outside). No parameters; allocates nothing.
 */
public final class DeviceInputBox extends ParameterFreeLayer {
    private final DeviceBox box;
    private double penalty; // P of the last forward (0 for clamp)

    public DeviceInputBox(int n, DeviceBox box) {
        super("device-box(" + n + ", " + requireBox(box) + ")", n, n);
        this.box = box;
    }

    private static DeviceBox requireBox(DeviceBox box) {
        if (box == null) {
            throw new NullPointerException("device input box: settings are null");
        }
        return box;
    }

    public DeviceBox box() {
        return box;
    }

    /** The soft penalty of the last forward's pre-clamp inputs (0 in clamp mode). */
    @Override
    public double penalty() {
        return penalty;
    }

    @Override
    protected void doForward(ForwardPass pass, int batch, float[] x, float[] y) {
        int count = batch * inputSize();
        double sum = 0;
        boolean penalised = box.penalised();
        double beta = box.sharpness();
        for (int k = 0; k < count; k++) {
            float v = x[k];
            y[k] = Math.min(Math.max(v, 0f), 1f); // NaN stays NaN: the device then names it
            if (penalised) {
                sum += softplus(beta * (v - 1.0)) + softplus(-beta * v);
            }
        }
        penalty = penalised ? box.weight() * sum / (beta * count) : 0;
    }

    @Override
    protected void doBackward(BackwardPass pass, int batch, float[] x, float[] gY, float[] gX,
                              boolean parameterGradients) {
        if (gX == null) {
            return;
        }
        int count = batch * inputSize();
        boolean penalised = box.penalised();
        double beta = box.sharpness();
        double scale = box.weight() / count;
        for (int k = 0; k < count; k++) {
            float v = x[k];
            float g = v >= 0f && v <= 1f ? gY[k] : 0f;
            if (penalised) {
                g += (float) (scale * (sigmoid(beta * (v - 1.0)) - sigmoid(-beta * v)));
            }
            gX[k] = g;
        }
    }

    /** log(1 + e^z) without overflow. */
    static double softplus(double z) {
        return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    /** 1 / (1 + e^{−z}) without overflow. */
    static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }
}
