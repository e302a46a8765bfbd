package org.patengine.engine.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.patengine.engine.layer.BackwardPass;
import org.patengine.engine.layer.ForwardPass;
import org.patengine.engine.layer.ParameterInit;
import org.patengine.engine.testsystems.PowerMap;

/**
 * The reference repo's toy example (Wright et al., Supplementary I.A): reality {@code 2x^θ}, model
 * {@code 2.01x^θ}, θ = 1.1, x₀ = 1, chained 20 times; the gradient of the last output with respect
 * to x₀. The published relative errors are 33.06 % (in-silico) and 10.49 % (PAT, = 1.005²⁰ − 1).
 */
class ToyChainTest {
    private static final int N = 20;
    private static final float THETA = 1.1f;

    private static Network chain() {
        Network.Builder b = Network.builder(1);
        for (int l = 0; l < N; l++) {
            b.physical(new PowerMap(2f, 1), new PowerMap(2.01f, 1), ParameterInit.constant(THETA));
        }
        Network net = b.build();
        net.allocate(1);
        return net;
    }

    /** Returns {∂y/∂x₀, ∂y/∂θ_0 … ∂y/∂θ_{N-1}} for one forward and backward pass. */
    private static float[] gradient(Network net, ForwardPass fp, BackwardPass bp) {
        net.forward(fp, 1, new float[] {1f});
        float[] gIn = new float[1];
        net.backward(bp, 1, new float[] {1f}, gIn);
        float[] r = new float[N + 1];
        r[0] = gIn[0];
        System.arraycopy(net.parameters().gradients(), 0, r, 1, N);
        return r;
    }

    /** The same chain evaluated in double, independent of the engine. */
    private static double referenceInputGradient(double aForward, double aBackward) {
        double x = 1;
        double g = 1;
        for (int l = 0; l < N; l++) {
            g *= aBackward * THETA * Math.pow(x, THETA - 1);
            x = aForward * Math.pow(x, THETA);
        }
        return g;
    }

    @Test
    void relativeGradientErrorsMatchThePaper() {
        Network net = chain();
        float[] exact = gradient(net, ForwardPass.PHYSICAL, BackwardPass.EXACT);
        float[] pat = gradient(net, ForwardPass.PHYSICAL, BackwardPass.MODEL);
        float[] insilico = gradient(net, ForwardPass.MODEL, BackwardPass.MODEL);

        double patError = (pat[0] - exact[0]) / exact[0];
        double insilicoError = (insilico[0] - exact[0]) / exact[0];
        // the published numbers, to their printed precision
        assertEquals(0.3306, insilicoError, 5e-5);
        assertEquals(0.1049, patError, 5e-5);
        // and the engine agrees with an independent double-precision evaluation
        assertEquals(referenceInputGradient(2, 2), exact[0], 1e-5 * Math.abs(exact[0]));
        assertEquals(referenceInputGradient(2, 2.01) / referenceInputGradient(2, 2) - 1, patError, 1e-5);
        assertEquals(referenceInputGradient(2.01, 2.01) / referenceInputGradient(2, 2) - 1, insilicoError, 1e-5);
    }

    /**
     * For θ_l, PAT passes through N − l model Jacobians (N − l − 1 in x, one in θ), each 1.005
     * times the true one, all evaluated at the physical activations: relative error 1.005^(N−l) − 1.
     * (θ_0 has zero gradient: x₀ = 1 and ∂(x^θ)/∂θ = x^θ ln x.)
     */
    @Test
    void patParameterGradientErrorsCompoundPerLayer() {
        Network net = chain();
        float[] exact = gradient(net, ForwardPass.PHYSICAL, BackwardPass.EXACT);
        float[] pat = gradient(net, ForwardPass.PHYSICAL, BackwardPass.MODEL);
        assertEquals(0f, exact[1]);
        for (int l = 1; l < N; l++) {
            double rel = (pat[1 + l] - exact[1 + l]) / exact[1 + l];
            assertEquals(Math.pow(1.005, N - l) - 1, rel, 2e-5, "layer " + l);
        }
    }
}
