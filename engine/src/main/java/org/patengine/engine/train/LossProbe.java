package org.patengine.engine.train;

/** Evaluates the training loss of the current batch at the network's current θ (one physical forward). */
@FunctionalInterface
public interface LossProbe {
    double loss();
}
