package org.patengine.engine.optim;

import org.patengine.engine.network.ParameterSet;
import org.patengine.engine.network.Trainable;

/**
 * Adam (Kingma &amp; Ba 2015) with bias correction:
 * {@code m ← β₁m + (1−β₁)g}, {@code v ← β₂v + (1−β₂)g²},
 * {@code θ ← θ − η·m̂ / (√v̂ + ε)} with {@code m̂ = m/(1−β₁ᵗ)}, {@code v̂ = v/(1−β₂ᵗ)},
 * over the trainable ranges (see {@link Optimizer}); the moments of frozen parameters stay as they
 * are, the step count t counts every step.
 */
public final class Adam implements Optimizer {
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private float[] m; // (P) first moments
    private float[] v; // (P) second moments
    private int t;

    /** β₁ = 0.9, β₂ = 0.999, ε = 1e-8 (the usual defaults). */
    public Adam() {
        this(0.9f, 0.999f, 1e-8f);
    }

    public Adam(float beta1, float beta2, float epsilon) {
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("Adam beta1 must be in [0, 1), was " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam beta2 must be in [0, 1), was " + beta2);
        }
        if (!(epsilon > 0) || Float.isInfinite(epsilon)) {
            throw new IllegalArgumentException("Adam epsilon must be finite and > 0, was " + epsilon);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    @Override
    public String name() {
        return "adam(beta1=" + beta1 + ", beta2=" + beta2 + ", eps=" + epsilon + ")";
    }

    @Override
    public void saveState(java.io.DataOutput out) throws java.io.IOException {
        out.writeInt(t);
        Optimizer.writeArray(out, m);
        Optimizer.writeArray(out, v);
    }

    @Override
    public void restoreState(java.io.DataInput in, int size) throws java.io.IOException {
        t = in.readInt();
        m = Optimizer.readArray(in, size, "Adam first moment");
        v = Optimizer.readArray(in, size, "Adam second moment");
        if ((m == null) != (v == null) || (m == null && t != 0)) {
            throw new java.io.IOException("inconsistent Adam state in the checkpoint (step " + t + ")");
        }
    }

    @Override
    public void reset() {
        m = null;
        v = null;
        t = 0;
    }

    @Override
    public void step(Trainable trainable, float learningRate) {
        Optimizer.check(trainable, learningRate);
        ParameterSet p = trainable.parameters();
        if (m == null || m.length != p.size()) {
            m = new float[p.size()];
            v = new float[p.size()];
            t = 0;
        }
        t++;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        // θ −= η m̂/(√v̂ + ε) rewritten as θ −= (η/c1) m / (√v/√c2 + ε)
        float stepSize = (float) (learningRate / c1);
        float invSqrtC2 = (float) (1 / Math.sqrt(c2));
        float[] theta = p.values();
        float[] g = p.gradients();
        for (int r = 0; r < trainable.rangeCount(); r++) {
            for (int i = trainable.from(r), to = trainable.to(r); i < to; i++) {
                float gi = g[i];
                float mi = beta1 * m[i] + (1 - beta1) * gi;
                float vi = beta2 * v[i] + (1 - beta2) * gi * gi;
                m[i] = mi;
                v[i] = vi;
                theta[i] -= stepSize * mi / ((float) Math.sqrt(vi) * invSqrtC2 + epsilon);
            }
        }
    }
}
