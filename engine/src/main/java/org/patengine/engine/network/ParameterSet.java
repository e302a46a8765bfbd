package org.patengine.engine.network;

import org.patengine.engine.layer.Layer;

/**
 * All parameters of a network in one flat array, with their gradients and allowed ranges.
 *
 * <p>Layout: the layers' blocks in layer order, one <em>segment</em> per layer that has
 * parameters. {@code values}, {@code gradients}, {@code lower} and {@code upper} are all (P).
 * Optimizers and gradient estimators walk these arrays over the ranges of a {@link Trainable};
 * the layers read their θ straight from {@link #values()}.
 */
public final class ParameterSet {
    private final float[] values;    // (P)
    private final float[] gradients; // (P)
    private final float[] lower;     // (P)
    private final float[] upper;     // (P)
    private final int[] segmentStart;
    private final int[] segmentLength;
    private final Layer[] segmentLayer;
    private final int[] segmentLayerIndex;

    ParameterSet(Layer[] layers) {
        int segments = 0;
        int total = 0;
        for (Layer l : layers) {
            if (l.parameterSize() > 0) {
                segments++;
                total = Math.addExact(total, l.parameterSize());
            }
        }
        values = new float[total];
        gradients = new float[total];
        lower = new float[total];
        upper = new float[total];
        segmentStart = new int[segments];
        segmentLength = new int[segments];
        segmentLayer = new Layer[segments];
        segmentLayerIndex = new int[segments];
        int s = 0;
        int off = 0;
        for (int li = 0; li < layers.length; li++) {
            Layer l = layers[li];
            int p = l.parameterSize();
            if (p == 0) {
                l.bind(values, gradients, off);
                continue;
            }
            segmentStart[s] = off;
            segmentLength[s] = p;
            segmentLayer[s] = l;
            segmentLayerIndex[s] = li;
            for (int i = 0; i < p; i++) {
                float lo = l.parameterLower(i);
                float hi = l.parameterUpper(i);
                if (Float.isNaN(lo) || Float.isNaN(hi) || lo > hi) {
                    throw new IllegalArgumentException("layer " + li + " '" + l.name() + "': parameter " + i
                            + " has an invalid range [" + lo + ", " + hi + "]");
                }
                lower[off + i] = lo;
                upper[off + i] = hi;
            }
            l.bind(values, gradients, off);
            off += p;
            s++;
        }
    }

    /** Parameter values, (P); writing them changes the network. */
    public float[] values() {
        return values;
    }

    /** Gradients, (P), as written by the last backward pass or gradient estimate. */
    public float[] gradients() {
        return gradients;
    }

    /** Total number of parameters P. */
    public int size() {
        return values.length;
    }

    public float lower(int i) {
        return lower[i];
    }

    public float upper(int i) {
        return upper[i];
    }

    /** Number of segments (layers with parameters). */
    public int segmentCount() {
        return segmentStart.length;
    }

    public int segmentStart(int s) {
        return segmentStart[s];
    }

    public int segmentLength(int s) {
        return segmentLength[s];
    }

    /** The layer that owns segment {@code s}. */
    public Layer segmentLayer(int s) {
        return segmentLayer[s];
    }

    /** The owning layer's index in the network. */
    public int segmentLayerIndex(int s) {
        return segmentLayerIndex[s];
    }

    /** Whether segment {@code s} belongs to a physical layer. */
    public boolean segmentPhysical(int s) {
        return segmentLayer[s].isPhysical();
    }

    /**
     * Clamps {@code values[from, to)} into their allowed ranges: a parameter pushed past its limit
     * is set to the limit (the training's range policy, {@code optim.BoxProjection}).
     */
    public void clampToRange(int from, int to) {
        for (int i = from; i < to; i++) {
            float v = values[i];
            if (v < lower[i]) {
                values[i] = lower[i];
            } else if (v > upper[i]) {
                values[i] = upper[i];
            }
        }
    }

    /** Names parameter {@code i} for error messages, e.g. "θ[12] (layer 1 'physical(x)', index 3)". */
    public String describe(int i) {
        for (int s = 0; s < segmentStart.length; s++) {
            if (i >= segmentStart[s] && i < segmentStart[s] + segmentLength[s]) {
                return "θ[" + i + "] (layer " + segmentLayerIndex[s] + " '" + segmentLayer[s].name() + "', index "
                        + (i - segmentStart[s]) + ")";
            }
        }
        return "θ[" + i + "]";
    }
}
