package org.patengine.engine.grad;

import org.patengine.engine.layer.BackwardPass;
import org.patengine.engine.layer.PhysicalLayer;
import org.patengine.engine.network.Network;
import org.patengine.engine.network.Trainable;
import org.patengine.sim.Rng;

/**
 * The gradient by backpropagation: one forward in the batch loss's pass, then
 * {@code g_θ = Σ_layers (∂f_l/∂θ)ᵀ g_y} through the given {@link BackwardPass}, each layer's VJP
 * taken at the input that layer actually saw. With a physical forward and the model's backward
 * this is Physics-Aware Training; frozen parameters get zero gradient and no input gradient is
 * computed before the first trained layer ({@link Network#backward}).
 */
public final class Backprop implements GradientSource {
    private final Network network;
    private final BackwardPass pass;
    private float[] gOut; // (maxBatch, out): ∂L/∂y, sized on the first step

    /**
     * @param network the network the gradient is taken in
     * @param pass    the backward pass; {@link BackwardPass#EXACT} needs every physical system's
     *                exact model, checked here
     */
    public Backprop(Network network, BackwardPass pass) {
        if (network == null || pass == null) {
            throw new NullPointerException("backprop needs a network and a backward pass; got " + network + ", " + pass);
        }
        if (pass == BackwardPass.EXACT) {
            PhysicalLayer pl = network.firstWithoutExactModel();
            if (pl != null) {
                throw new IllegalStateException("the ideal mode needs the exact derivative of every physical "
                        + "system, but '" + pl.system().name() + "' returned null from exactModel()");
            }
        }
        this.network = network;
        this.pass = pass;
    }

    @Override
    public double compute(BatchLoss loss, Trainable trainable, Rng rng) {
        if (loss.network() != network) {
            throw new IllegalArgumentException("the batch loss runs another network than this backprop differentiates");
        }
        int need = network.maxBatch() * network.outputSize();
        if (gOut == null || gOut.length < need) {
            gOut = new float[need];
        }
        double l = loss.loss(gOut);
        network.backward(pass, loss.batch(), gOut, null, trainable);
        return l;
    }

    @Override
    public boolean leavesUnperturbedOutput() {
        return true; // backward writes only gradients, never the activations
    }


    @Override
    public String name() {
        return "backprop(" + pass.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
