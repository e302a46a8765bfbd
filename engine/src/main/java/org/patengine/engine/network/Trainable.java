package org.patengine.engine.network;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * The parameters a trainer updates: the segments of a {@link ParameterSet} that are not frozen,
 * as maximal contiguous index ranges {@code [from(r), to(r))} in ascending order. Computed once
 * (from the network and the training mode), then shared by the backward pass, the gradient
 * estimators, the optimizer and the range projection, so that freezing is decided in one place
 * (optax's {@code freeze}).
 *
 * <p>Contract of every user: parameters outside the ranges are frozen; their gradient is zero
 * and their value, optimizer state and range are never touched. Walking the ranges visits the
 * trainable indices in ascending order, the order of the RNG draws of the estimators.
 */
public final class Trainable {
    private final ParameterSet parameters;
    private final boolean[] frozen;   // per segment
    private final int[] from;         // per range, inclusive
    private final int[] to;           // per range, exclusive
    private final int size;
    private final int firstTrainedLayer;

    private Trainable(ParameterSet parameters, boolean[] frozen) {
        this.parameters = parameters;
        this.frozen = frozen;
        int[] f = new int[frozen.length];
        int[] t = new int[frozen.length];
        int ranges = 0;
        int count = 0;
        int first = Integer.MAX_VALUE;
        for (int s = 0; s < frozen.length; s++) {
            if (frozen[s]) {
                continue;
            }
            int start = parameters.segmentStart(s);
            int end = start + parameters.segmentLength(s);
            if (ranges > 0 && t[ranges - 1] == start) {
                t[ranges - 1] = end; // adjacent to the previous trained segment: one range
            } else {
                f[ranges] = start;
                t[ranges] = end;
                ranges++;
            }
            count += end - start;
            first = Math.min(first, parameters.segmentLayerIndex(s));
        }
        this.from = Arrays.copyOf(f, ranges);
        this.to = Arrays.copyOf(t, ranges);
        this.size = count;
        this.firstTrainedLayer = first;
    }

    /** Every parameter of {@code parameters} is trained. */
    public static Trainable all(ParameterSet parameters) {
        return of(parameters, s -> true);
    }

    /** Only the segments of digital layers are trained; physical ones stay fixed (the reservoir mode). */
    public static Trainable digitalOnly(ParameterSet parameters) {
        return of(nonNull(parameters), s -> !parameters.segmentPhysical(s));
    }

    /** The segments {@code s} of {@code parameters} for which {@code trains.test(s)}. */
    public static Trainable of(ParameterSet parameters, IntPredicate trains) {
        nonNull(parameters);
        if (trains == null) {
            throw new NullPointerException("segment predicate is null");
        }
        boolean[] frozen = new boolean[parameters.segmentCount()];
        for (int s = 0; s < frozen.length; s++) {
            frozen[s] = !trains.test(s);
        }
        return new Trainable(parameters, frozen);
    }

    private static ParameterSet nonNull(ParameterSet p) {
        if (p == null) {
            throw new NullPointerException("parameter set is null");
        }
        return p;
    }

    /** The parameter set these ranges index. */
    public ParameterSet parameters() {
        return parameters;
    }

    /** Whether segment {@code s} of {@link #parameters()} stays fixed. */
    public boolean frozen(int segment) {
        return frozen[segment];
    }

    /** Number of trainable parameters (0 when everything is frozen). */
    public int size() {
        return size;
    }

    /** Number of contiguous trainable ranges. */
    public int rangeCount() {
        return from.length;
    }

    /** First index of range {@code r}. */
    public int from(int r) {
        return from[r];
    }

    /** One past the last index of range {@code r}. */
    public int to(int r) {
        return to[r];
    }

    /** The index in the network of the first layer with trained parameters ({@code Integer.MAX_VALUE}: none). */
    public int firstTrainedLayer() {
        return firstTrainedLayer;
    }

    /** Sets the gradient of every frozen parameter to zero. */
    public void zeroFrozenGradients() {
        float[] g = parameters.gradients();
        int start = 0;
        for (int r = 0; r < from.length; r++) {
            Arrays.fill(g, start, from[r], 0f);
            start = to[r];
        }
        Arrays.fill(g, start, g.length, 0f);
    }

    /** Throws unless these ranges were made for {@code p}. */
    public void checkFor(ParameterSet p) {
        if (p != parameters) {
            throw new IllegalArgumentException("the trainable ranges were made for another parameter set ("
                    + parameters.size() + " parameters in " + parameters.segmentCount() + " segments), not for this one ("
                    + p.size() + " parameters in " + p.segmentCount() + " segments)");
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("trainable ").append(size).append(" of ").append(parameters.size())
                .append(" parameters");
        for (int r = 0; r < from.length; r++) {
            sb.append(r == 0 ? ": " : ", ").append('[').append(from[r]).append(", ").append(to[r]).append(')');
        }
        return sb.toString();
    }
}
