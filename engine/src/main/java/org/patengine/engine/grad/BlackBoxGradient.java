package org.patengine.engine.grad;

import org.patengine.engine.layer.BackwardPass;
import org.patengine.engine.network.Network;
import org.patengine.engine.network.Trainable;
import org.patengine.sim.Rng;

/**
 * The fd and spsa modes' gradient: estimated from loss values alone where a physical derivative
 * is involved, exact where none is.
 * <ul>
 *   <li>Parameters of the layers up to the last physical one — physical θ, and digital layers that
 *       feed a physical layer, such as an input encoder or gain — are estimated by
 *       {@link FiniteDifferences} or {@link Spsa} from the physical forward.</li>
 *   <li>Parameters of the layers after the last physical one (a digital readout) get their exact
 *       gradient by backpropagation from the loss to that layer's output: no physical derivative
 *       is involved, and the forward at θ it needs is the one the estimators start from.</li>
 * </ul>
 * One step: a forward at θ (the reported loss; its activations are reused by every perturbed
 * forward, see {@link LossProbe#lossAfterChange}), the readout's backward, then the estimate.
 */
public final class BlackBoxGradient implements GradientSource {
    private final Network network;
    private final FiniteDifferences fd;
    private final Spsa spsa;
    private final int lastPhysical;
    private Trainable forTrainable; // the split below was made for this one
    private Trainable estimated;
    private Trainable exact;
    private float[] gOut;           // (maxBatch, out): ∂L/∂y for the readout's backward

    /** With finite differences. */
    public BlackBoxGradient(Network network, FiniteDifferences fd) {
        this(network, fd, null);
    }

    /** With SPSA. */
    public BlackBoxGradient(Network network, Spsa spsa) {
        this(network, null, spsa);
    }

    private BlackBoxGradient(Network network, FiniteDifferences fd, Spsa spsa) {
        if (network == null || (fd == null && spsa == null)) {
            throw new NullPointerException("a black-box gradient needs a network and an estimator");
        }
        this.network = network;
        this.fd = fd;
        this.spsa = spsa;
        this.lastPhysical = network.lastPhysicalLayer();
    }

    /** The parameters of {@code trainable} that are estimated (in layers up to the last physical one). */
    public Trainable estimated(Trainable trainable) {
        split(trainable);
        return estimated;
    }

    /** The parameters of {@code trainable} that get their exact gradient (in layers after the last physical one). */
    public Trainable exact(Trainable trainable) {
        split(trainable);
        return exact;
    }

    private void split(Trainable trainable) {
        if (trainable == forTrainable) {
            return;
        }
        trainable.checkFor(network.parameters());
        estimated = Trainable.of(network.parameters(), s -> !trainable.frozen(s) && network.layerOfSegment(s) <= lastPhysical);
        exact = Trainable.of(network.parameters(), s -> !trainable.frozen(s) && network.layerOfSegment(s) > lastPhysical);
        forTrainable = trainable;
    }

    @Override
    public double compute(BatchLoss loss, Trainable trainable, Rng rng) {
        if (loss.network() != network) {
            throw new IllegalArgumentException("the batch loss runs another network than this estimator differentiates");
        }
        split(trainable);
        int need = network.maxBatch() * network.outputSize();
        if (gOut == null || gOut.length < need) {
            gOut = new float[need];
        }
        double base = loss.loss(gOut);
        // exact for the readout; zeros for every other parameter, which the estimate then overwrites
        network.backward(BackwardPass.MODEL, loss.batch(), gOut, null, exact);
        if (estimated.size() > 0) {
            if (fd != null) {
                fd.estimateAt(loss, estimated, base);
            } else {
                spsa.estimateAt(loss, estimated, rng);
            }
        }
        return base;
    }

    @Override
    public void atStep(long step) {
        if (spsa != null) {
            spsa.atStep(step);
        }
    }

    @Override
    public String name() {
        return (fd != null ? fd.name() : spsa.name()) + ", exact for the layers after the last physical one";
    }
}
