package org.patengine.engine.layer;

import org.patengine.sim.Rng;

/** A layer without trainable parameters (a fixed map: a repeat, a nonlinearity, the device box). */
public abstract class ParameterFreeLayer extends Layer {

    protected ParameterFreeLayer(String name, int inputSize, int outputSize) {
        super(name, inputSize, outputSize);
    }

    @Override
    public final int parameterSize() {
        return 0;
    }

    @Override
    public final void initialize(float[] values, int offset, Rng rng) {
    }
}
