package org.patengine.engine.twin;

import java.util.List;

import org.patengine.engine.layer.Activation;
import org.patengine.engine.layer.BackwardPass;
import org.patengine.engine.layer.ForwardPass;
import org.patengine.engine.layer.ParameterInit;
import org.patengine.engine.network.Network;
import org.patengine.kernels.ComputeBackend;
import org.patengine.sim.DifferentiableMap;

/**
 * A digital twin learned from samples of a physical system: an MLP on the normalised inputs and
 * parameters,
 * <pre>
 *   u = [(x − c_x) / s_x, (θ − c_θ) / s_θ],   h_0 = u,   h_l = σ(W_l h_{l−1} + b_l),   z = W_L h_{L−1} + b_L,
 *   y = μ_y + σ_y ⊙ z
 * </pre>
 * (σ swish or tanh, the widths given) with its exact VJP by backpropagation through the MLP.
 * The centres and scales map each input's and parameter's sampling range to [−1, 1]; μ_y and σ_y
 * are each output channel's mean and standard deviation over the training samples.
 */
public final class LearnedTwin implements DifferentiableMap {
    private final int in;
    private final int out;
    private final int params;
    private final Normalisation norm;
    private final Network mlp;
    private final List<Integer> widths;
    private final Activation activation;
    private float[] u = new float[0];   // (batch, in + P)
    private float[] gU = new float[0];  // (batch, in + P)
    private float[] gZ = new float[0];  // (batch, out)

    /** An untrained twin (weights from {@code seed}) with the given normalisation. */
    public LearnedTwin(Normalisation norm, List<Integer> widths, Activation activation, long seed, ComputeBackend backend) {
        this.norm = norm;
        this.in = norm.xCentre().length;
        this.params = norm.thetaCentre().length;
        this.out = norm.yMean().length;
        this.widths = List.copyOf(widths);
        this.activation = activation;
        Network.Builder b = Network.builder(in + params).seed(seed).backend(backend);
        for (int w : widths) {
            if (w < 1) {
                throw new IllegalArgumentException("a hidden width must be >= 1, was " + w + " in " + widths);
            }
            float bound = (float) (1 / Math.sqrt(b.currentWidth()));
            b.affine(w, ParameterInit.uniform(-bound, bound), ParameterInit.uniform(-bound, bound)).activation(activation);
        }
        float bound = (float) (1 / Math.sqrt(b.currentWidth()));
        b.affine(out, ParameterInit.uniform(-bound, bound), ParameterInit.uniform(-bound, bound));
        this.mlp = b.build();
    }

    /**
     * Per input, parameter and output channel: the centres and scales of the inputs ({@code x ↦ (x − c)/s}) and the
     * outputs' mean and standard deviation ({@code y = μ + σ z}).
     */
    public record Normalisation(float[] xCentre, float[] xScale, float[] thetaCentre, float[] thetaScale, float[] yMean,
                                float[] yStd) {
    }

    public Normalisation normalisation() {
        return norm;
    }

    /** The MLP on normalised values (its parameters are the twin's weights). */
    public Network network() {
        return mlp;
    }

    public List<Integer> widths() {
        return widths;
    }

    public Activation activation() {
        return activation;
    }

    @Override
    public int inputSize() {
        return in;
    }

    @Override
    public int outputSize() {
        return out;
    }

    @Override
    public int parameterSize() {
        return params;
    }

    private void size(int batch) {
        if (mlp.maxBatch() < batch) {
            mlp.allocate(batch); // the fit's trainer may have sized the MLP for its own batches
        }
        if (gZ.length < batch * out) {
            u = new float[batch * (in + params)];
            gU = new float[batch * (in + params)];
            gZ = new float[batch * out];
        }
    }

    /**
     * One sample in the MLP's own units: {@code u[uOff…] = [(x − c_x)/s_x, (θ − c_θ)/s_θ]} and
     * {@code z[zOff…] = (y − μ_y)/σ_y}, as the MLP is fitted ({@link TwinFit}, {@link TwinRefinement}).
     */
    public void normalise(float[] x, int xOff, float[] theta, float[] y, int yOff, float[] u, int uOff, float[] z, int zOff) {
        encodeInput(x, xOff, u, uOff);
        encodeParameters(theta, u, uOff);
        for (int k = 0; k < out; k++) {
            z[zOff + k] = (y[yOff + k] - norm.yMean()[k]) / norm.yStd()[k];
        }
    }

    /** u[uOff, uOff + in) = (x − c_x)/s_x. */
    private void encodeInput(float[] x, int xOff, float[] u, int uOff) {
        for (int i = 0; i < in; i++) {
            u[uOff + i] = (x[xOff + i] - norm.xCentre()[i]) / norm.xScale()[i];
        }
    }

    /** u[uOff + in, uOff + in + P) = (θ − c_θ)/s_θ. */
    private void encodeParameters(float[] theta, float[] u, int uOff) {
        for (int j = 0; j < params; j++) {
            u[uOff + in + j] = (theta[j] - norm.thetaCentre()[j]) / norm.thetaScale()[j];
        }
    }

    /** The MLP's input u for a batch of (x, θ): θ's part is the same in every row, encoded once and copied. */
    private void encode(int batch, float[] x, float[] theta) {
        int w = in + params;
        encodeParameters(theta, u, 0);
        for (int b = 0; b < batch; b++) {
            encodeInput(x, b * in, u, b * w);
            if (b > 0) {
                System.arraycopy(u, in, u, b * w + in, params);
            }
        }
    }

    @Override
    public void forward(int batch, float[] x, float[] theta, float[] y) {
        size(batch);
        encode(batch, x, theta);
        float[] z = mlp.forward(ForwardPass.MODEL, batch, u);
        for (int b = 0; b < batch; b++) {
            for (int k = 0; k < out; k++) {
                y[b * out + k] = norm.yMean()[k] + norm.yStd()[k] * z[b * out + k];
            }
        }
    }

    @Override
    public void vjp(int batch, float[] x, float[] theta, float[] gY, float[] gX, float[] gTheta) {
        size(batch);
        encode(batch, x, theta);
        mlp.forward(ForwardPass.MODEL, batch, u);
        for (int i = 0; i < batch * out; i++) {
            gZ[i] = gY[i] * norm.yStd()[i % out];
        }
        mlp.backward(BackwardPass.MODEL, batch, gZ, gU);
        int w = in + params;
        if (gX != null) {
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < in; i++) {
                    gX[b * in + i] = gU[b * w + i] / norm.xScale()[i];
                }
            }
        }
        if (gTheta != null) {
            for (int j = 0; j < params; j++) {
                double s = 0;
                for (int b = 0; b < batch; b++) {
                    s += gU[b * w + in + j];
                }
                gTheta[j] = (float) (s / norm.thetaScale()[j]);
            }
        }
    }
}
