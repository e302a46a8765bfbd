package org.patengine.engine.train;

import org.patengine.engine.network.ParameterSet;
import org.patengine.sim.Rng;

/**
 * A gradient estimated from loss evaluations alone, treating the whole network as a black box in
 * every trainable parameter (the fd and spsa baselines). Only forward calls of the physical
 * system are used; no VJP.
 */
public interface BlackBoxGradient {

    /**
     * Overwrites {@code p.gradients()} with an estimate of ∂L/∂θ for every parameter of a segment
     * that is not frozen (frozen segments get zeros) and returns an estimate of the loss at θ.
     * θ is restored bit for bit before returning. Perturbed values stay inside the parameter
     * ranges, as each implementation documents.
     */
    double estimate(LossProbe probe, ParameterSet p, boolean[] frozenSegments, Rng rng);

    /** Forward calls of the network per estimate for P trainable parameters. */
    long callsPerEstimate(int trainableParameters);

    String name();
}
