package org.patengine.engine.optim;

import org.patengine.engine.network.ParameterSet;
import org.patengine.engine.network.Trainable;

/**
 * Stochastic gradient descent with (heavy-ball) momentum, as PyTorch's {@code SGD}:
 * {@code u ← μu + g}, {@code θ ← θ − η·u}; μ = 0 is plain SGD. Over the trainable ranges (see
 * {@link Optimizer}); the velocities of frozen parameters stay as they are.
 */
public final class SgdMomentum implements Optimizer {
    private final float momentum;
    private float[] u; // (P) velocities

    public SgdMomentum(float momentum) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("SGD momentum must be in [0, 1), was " + momentum);
        }
        this.momentum = momentum;
    }

    @Override
    public String name() {
        return "sgd(momentum=" + momentum + ")";
    }

    @Override
    public void saveState(java.io.DataOutput out) throws java.io.IOException {
        Optimizer.writeArray(out, u);
    }

    @Override
    public void restoreState(java.io.DataInput in, int size) throws java.io.IOException {
        u = Optimizer.readArray(in, size, "SGD velocity");
    }

    @Override
    public void reset() {
        u = null;
    }

    @Override
    public void step(Trainable trainable, float learningRate) {
        Optimizer.check(trainable, learningRate);
        ParameterSet p = trainable.parameters();
        if (u == null || u.length != p.size()) {
            u = new float[p.size()];
        }
        float[] theta = p.values();
        float[] g = p.gradients();
        for (int r = 0; r < trainable.rangeCount(); r++) {
            for (int i = trainable.from(r), to = trainable.to(r); i < to; i++) {
                float gi = g[i];
                float ui = momentum * u[i] + gi;
                u[i] = ui;
                theta[i] -= learningRate * ui;
            }
        }
    }
}
