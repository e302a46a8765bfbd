package org.patengine.engine.grad;

import org.patengine.engine.data.Dataset;
import org.patengine.engine.layer.BackwardPass;
import org.patengine.engine.layer.ForwardPass;
import org.patengine.engine.loss.Loss;
import org.patengine.engine.network.Network;
import org.patengine.engine.network.Trainable;

/**
 * How well the digital models' backward pass points where the hardware's exact one does, in the
 * task itself: for each batch of a dataset, one physical forward and the loss's gradient, then the
 * gradient of the parameters the models' VJPs reach — those of the physical layers and of every layer
 * before the last physical one; a readout after it gets the same exact gradient either way and
 * would only pull the cosine towards 1 — through the models' VJPs (PAT's) and through the hardware's
 * exact VJPs (ideal's), at the same forward; the figure is the mean over batches of the cosine
 * between the two,
 * <pre>
 *   fidelity = mean_batches  ⟨g_model, g_exact⟩ / (‖g_model‖ ‖g_exact‖).
 * </pre>
 * Unlike a twin's fidelity at random points and random cotangents ({@code pat twin fit}'s report),
 * this is taken at the network's own operating points with the task's cotangents: what PAT's
 * steps actually see. Only for a network whose physical systems all have an exact model (simulated
 * hardware); the parameters are left as they were, the gradients are overwritten.
 */
public final class GradientFidelity {
    private GradientFidelity() {
    }

    /** Whether {@link #measure} can run on {@code net}: it has physical layers and all have an exact model. */
    public static boolean measurable(Network net) {
        return net.lastPhysicalLayer() >= 0 && net.firstWithoutExactModel() == null;
    }

    /** {@link #measure} where the network is {@link #measurable}, else null (an external device has no exact model). */
    public static Double measureIfExact(Network net, Dataset data, Loss loss, int batchSize) {
        return measurable(net) ? measure(net, data, loss, batchSize) : null;
    }

    /** The parameters whose gradient passes through a physical layer's VJP: segments of layers up to the last physical one. */
    public static Trainable throughPhysicalLayers(Network net) {
        int last = net.lastPhysicalLayer();
        return Trainable.of(net.parameters(), s -> net.layerOfSegment(s) <= last);
    }

    /** The mean cosine over {@code data} in batches of {@code batchSize} (the last may be smaller). */
    public static double measure(Network net, Dataset data, Loss loss, int batchSize) {
        if (!measurable(net)) {
            throw new IllegalArgumentException("gradient fidelity needs the exact model of every physical system; " + net + " lacks one");
        }
        Trainable trainable = throughPhysicalLayers(net);
        if (data.size() == 0 || data.classCount() == 0 && data.targetSize() == 0) {
            throw new IllegalArgumentException("gradient fidelity needs labelled samples; the dataset has " + data.size());
        }
        if (net.maxBatch() < batchSize) {
            net.allocate(batchSize);
        }
        int in = data.inputSize();
        int out = net.outputSize();
        float[] x = new float[batchSize * in];
        int[] labels = data.classCount() > 0 ? new int[batchSize] : null;
        float[] targets = data.targetSize() > 0 ? new float[batchSize * data.targetSize()] : null;
        float[] gOut = new float[batchSize * out];
        float[] g = net.parameters().gradients();
        float[] gModel = new float[g.length];
        BatchLoss batchLoss = new BatchLoss(net, ForwardPass.PHYSICAL, loss);
        double sum = 0;
        int batches = 0;
        for (int start = 0; start < data.size(); start += batchSize) {
            int b = Math.min(batchSize, data.size() - start);
            for (int i = 0; i < b; i++) {
                data.input(start + i, x, i * in);
                if (labels != null) {
                    labels[i] = data.label(start + i);
                }
                if (targets != null) {
                    data.target(start + i, targets, i * data.targetSize());
                }
            }
            batchLoss.set(b, x, labels, targets);
            batchLoss.loss(gOut);
            batchLoss.clear();
            net.backward(BackwardPass.MODEL, b, gOut, null, trainable);
            System.arraycopy(g, 0, gModel, 0, g.length);
            net.backward(BackwardPass.EXACT, b, gOut, null, trainable);
            double dot = 0;
            double nm = 0;
            double ne = 0;
            for (int i = 0; i < g.length; i++) {
                dot += (double) gModel[i] * g[i];
                nm += (double) gModel[i] * gModel[i];
                ne += (double) g[i] * g[i];
            }
            if (nm > 0 && ne > 0) {
                sum += dot / Math.sqrt(nm * ne);
                batches++;
            }
        }
        return batches == 0 ? Double.NaN : sum / batches;
    }
}
