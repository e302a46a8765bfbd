package org.patengine.engine.grad;

import org.patengine.engine.layer.ForwardPass;
import org.patengine.engine.loss.Loss;
import org.patengine.engine.network.Network;

/**
 * The training loss of the current batch as a function of the network's parameters,
 * {@code L(θ) = loss(f(x; θ), labels or targets) + Σ_layers penalty} (the loss a mean over the
 * batch; the penalties those of {@link Network#penalty()}, e.g. the device boxes' soft penalty, so
 * the training loss reported and every gradient source include them), with {@code f} the network
 * run in the training mode's {@link ForwardPass}. The trainer points it at each batch
 * ({@link #set}); a {@link GradientSource} evaluates it ({@link #loss()}) or also takes
 * {@code ∂L/∂y} for backpropagation ({@link #loss(float[])}).
 *
 * <p>The batch arrays are held, not copied, until {@link #clear}. Allocates nothing. Not
 * thread-safe.
 */
public final class BatchLoss implements LossProbe {
    private final Network network;
    private final ForwardPass pass;
    private final Loss loss;
    private int batch;
    private float[] x;        // (batch, in)
    private int[] labels;     // (batch) or null
    private float[] targets;  // (batch, out) or null
    private int[] layerOfParameter; // (P): the layer each parameter belongs to, made on the first lossAfterChange
    private boolean commonNoise;    // every lossAfterChange replays the noise of the last whole forward

    public BatchLoss(Network network, ForwardPass pass, Loss loss) {
        if (network == null || pass == null || loss == null) {
            throw new NullPointerException("batch loss needs a network, a forward pass and a loss; got "
                    + network + ", " + pass + ", " + loss);
        }
        this.network = network;
        this.pass = pass;
        this.loss = loss;
    }

    /**
     * Common random numbers: when on, each {@link #lossAfterChange} re-runs its layers with the
     * noise (and drift) those layers drew in the last whole forward ({@link #loss()}), so a
     * difference of losses measures the change of θ and not a fresh noise draw. Only a simulated
     * system can do this; turning it on checks that every physical system can.
     */
    public void commonNoise(boolean on) {
        if (on) {
            String why = network.whyNoNoiseReplay();
            if (why != null) {
                throw new IllegalArgumentException("common random numbers need a system that can replay its noise: " + why);
            }
        }
        this.commonNoise = on;
    }

    /** Whether {@link #commonNoise} is on. */
    public boolean commonNoise() {
        return commonNoise;
    }

    /** Points at a batch: inputs x (batch, in) and labels (batch) or targets (batch, out). */
    public void set(int batch, float[] x, int[] labels, float[] targets) {
        this.batch = batch;
        this.x = x;
        this.labels = labels;
        this.targets = targets;
    }

    /** Lets go of the batch arrays. */
    public void clear() {
        x = null;
        labels = null;
        targets = null;
    }

    public Network network() {
        return network;
    }

    /** Samples in the current batch. */
    public int batch() {
        return batch;
    }

    /** One forward at the current θ and the batch's mean loss. */
    @Override
    public double loss() {
        return loss(null);
    }

    /**
     * The loss after parameters from {@code first} on changed: only the layers from the one
     * holding {@code first} run again ({@link Network#forwardFrom}); the forward before it must
     * have been on this batch.
     */
    @Override
    public double lossAfterChange(int first) {
        if (x == null) {
            throw new IllegalStateException("no batch: set(batch, x, labels, targets) first");
        }
        if (layerOfParameter == null) {
            layerOfParameter = layerOfParameter(network);
        }
        int from = layerOfParameter[first];
        if (commonNoise) {
            network.replayNoiseFrom(from);
        }
        float[] y = network.forwardFrom(pass, from);
        return loss.evaluate(batch, network.outputSize(), y, labels, targets, null) + network.penalty();
    }

    private static int[] layerOfParameter(Network network) {
        var p = network.parameters();
        int[] layer = new int[p.size()];
        for (int s = 0; s < p.segmentCount(); s++) {
            java.util.Arrays.fill(layer, p.segmentStart(s), p.segmentStart(s) + p.segmentLength(s), network.layerOfSegment(s));
        }
        return layer;
    }

    /**
     * One forward at the current θ and the batch's mean loss plus the layers' penalties
     * ({@link Network#penalty()}: the device boxes' soft penalty); writes {@code ∂L/∂y} (batch, out)
     * of the task loss into {@code gOut} when it is not null (the penalties' gradients come from the
     * layers' backward). The network's output buffer holds y afterwards.
     */
    public double loss(float[] gOut) {
        if (x == null) {
            throw new IllegalStateException("no batch: set(batch, x, labels, targets) first");
        }
        if (commonNoise) {
            network.markNoise();
        }
        float[] y = network.forward(pass, batch, x);
        return loss.evaluate(batch, network.outputSize(), y, labels, targets, gOut) + network.penalty();
    }
}
