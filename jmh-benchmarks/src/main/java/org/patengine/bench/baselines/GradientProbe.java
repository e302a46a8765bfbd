package org.patengine.bench.baselines;

import java.util.Map;

import org.patengine.engine.experiment.SystemCatalog;
import org.patengine.engine.grad.Backprop;
import org.patengine.engine.grad.BatchLoss;
import org.patengine.engine.grad.BlackBoxGradient;
import org.patengine.engine.grad.FiniteDifferences;
import org.patengine.engine.grad.GradientSource;
import org.patengine.engine.grad.Spsa;
import org.patengine.engine.layer.BackwardPass;
import org.patengine.engine.layer.ForwardPass;
import org.patengine.engine.loss.SoftmaxCrossEntropy;
import org.patengine.engine.network.Network;
import org.patengine.engine.network.Trainable;
import org.patengine.kernels.ComputeBackend;
import org.patengine.sim.Rng;

/**
 * The baselines study's object: the gradient of one batch's loss with respect to the θ of one
 * physical layer. The network is that layer (oscillators: n oscillators on n inputs; shg: n data
 * and n θ channels, {@link #SHG_BINS} spectrometer bins) and a fixed affine readout to
 * {@link #CLASSES} classes under softmax cross-entropy; only the physical layer's θ is
 * differentiated, so every method estimates or computes the same P numbers.
 *
 * <p>Methods: {@code pat} (VJP of the twin at the physical inputs), {@code ideal} (exact VJP of
 * the simulated hardware), {@code fd-forward} / {@code fd-central} (steps a share
 * {@code eps} of each range), {@code spsa-Q} (Q estimates of perturbation c). Inputs are U[0, 1)
 * (the SHG shaper's box), labels uniform, both seeded.
 */
public final class GradientProbe {
    public static final int CLASSES = 4;
    public static final int SHG_BINS = 16;

    public final String system;
    public final int n;
    public final int batch;
    public final Network network;
    public final Trainable physical;   // the physical layer's θ
    public final BatchLoss loss;
    private final float[] x;
    private final int[] labels;

    public GradientProbe(String system, int n, int batch, String preset, Map<String, Double> hardware, long seed,
                         ComputeBackend backend) {
        this.system = system;
        this.n = n;
        this.batch = batch;
        Network.Builder b = Network.builder(n).backend(backend).seed(seed);
        int outputs = system.equals("shg") ? SHG_BINS : n;
        SystemCatalog.named(system).layers(preset, hardware, seed, backend).append(b, n, outputs, 1, 0);
        b.affine(CLASSES);
        network = b.build();
        physical = Trainable.of(network.parameters(), s -> network.layerOfSegment(s) == 0);
        network.allocate(batch);
        Rng r = new Rng(seed * 31 + 7);
        x = new float[batch * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = r.nextInt(CLASSES);
        }
        loss = new BatchLoss(network, ForwardPass.PHYSICAL, new SoftmaxCrossEntropy());
        loss.set(batch, x, labels, null);
    }

    /** P, the physical layer's parameter count. */
    public int parameters() {
        return physical.size();
    }

    /** The gradient source of a method name (see the class comment); {@code eps} for fd, {@code c} for spsa. */
    public GradientSource source(String method, float eps, float c) {
        if (method.equals("pat")) {
            return new Backprop(network, BackwardPass.MODEL);
        }
        if (method.equals("ideal")) {
            return new Backprop(network, BackwardPass.EXACT);
        }
        if (method.startsWith("fd-")) {
            boolean central = method.equals("fd-central");
            if (!central && !method.equals("fd-forward")) {
                throw new IllegalArgumentException("unknown method " + method);
            }
            return new BlackBoxGradient(network, new FiniteDifferences(central, eps, true));
        }
        if (method.startsWith("spsa-")) {
            return new BlackBoxGradient(network, new Spsa(c, Integer.parseInt(method.substring(5))));
        }
        throw new IllegalArgumentException("unknown method " + method + ": expected pat, ideal, fd-forward, fd-central or spsa-Q");
    }

    /** Computes {@code source}'s gradient into the parameter set and returns the physical layer's part (a copy). */
    public float[] gradient(GradientSource source, Rng rng) {
        source.compute(loss, physical, rng);
        return physicalPart(network.parameters().gradients());
    }

    /** The physical layer's entries of a vector over all parameters. */
    public float[] physicalPart(float[] all) {
        float[] g = new float[physical.size()];
        int k = 0;
        for (int r = 0; r < physical.rangeCount(); r++) {
            for (int i = physical.from(r); i < physical.to(r); i++) {
                g[k++] = all[i];
            }
        }
        return g;
    }

    /**
     * Digital FLOPs of one gradient: the twin's VJP for pat (and the simulator's exact VJP for
     * ideal, digital work too), none for fd and spsa (loss values only; the readout's few FLOPs
     * are left out everywhere). Oscillators: a forward costs 40·n² per sample (4 RK4 stages × 5
     * steps × a coupling product), a VJP three forwards; shg: not counted (NaN).
     */
    public double digitalFlops(String method) {
        if (!method.equals("pat") && !method.equals("ideal")) {
            return 0;
        }
        return system.equals("oscillators") ? 3.0 * 40 * n * (double) n * batch : Double.NaN;
    }
}
