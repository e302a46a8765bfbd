package org.patengine.engine.experiment;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.patengine.engine.layer.ParameterInit;
import org.patengine.engine.network.Network;
import org.patengine.kernels.ComputeBackend;
import org.patengine.kernels.osc.OscillatorSpec;
import org.patengine.kernels.osc.Topology;
import org.patengine.sim.osc.Nonidealities;
import org.patengine.sim.osc.OscillatorLayout;
import org.patengine.sim.osc.OscillatorModel;
import org.patengine.sim.osc.OscillatorSystem;

/**
 * The networks an experiment can train, by name.
 * <ul>
 *   <li>{@code mnist-oscillators}: the reference code's MNIST network — 196 inputs (14×14 pixels)
 *       as the initial positions of 196 all-to-all coupled oscillators; their positions q(T) plus 10
 *       class oscillators starting at rest at 0 feed 206 coupled oscillators; logits = s·q_class(T)
 *       with a trainable scale s. Nt = 5 RK4 steps to T = 0.5.</li>
 *   <li>{@code fashion-patches}: the reference code's Fashion-MNIST network — the 28×28 image (not
 *       downsampled) cut into 16 patches of 7×7; each patch's 49 pixels are the initial positions
 *       of the first 49 of 100 oscillators, the other 51 start at 0; ONE 100-oscillator layer (one
 *       θ) runs on all 16 patches; their 16×100 positions q(T) plus 10 class oscillators at rest
 *       feed 1610 coupled oscillators; logits = s·q_class(T).</li>
 *   <li>{@code toy-oscillators}: for the 2-D toy tasks — the 2 inputs padded with 14 zeros to 16
 *       coupled oscillators, then a second layer of 16; logits = s·q(T) of the first C.</li>
 * </ul>
 * Each physical layer is an {@link OscillatorSystem} with the experiment's preset of
 * non-idealities (its own hidden mismatch, seeded from the experiment seed) paired with the nominal
 * {@link OscillatorModel} as the digital twin.
 */
public final class Architectures {
    /** Nt and T of the reference code. */
    public static final int STEPS = 5;
    public static final float DURATION = 0.5f;

    private Architectures() {
    }

    /** fashion-patches: 16 patches of 7×7 pixels, each padded to this many shared oscillators. */
    public static final int PATCHES = 16;
    public static final int PATCH_VALUES = 49;
    public static final int PATCH_OSCILLATORS = 100;
    public static final int CLASS_OSCILLATORS = 10;

    public static List<String> names() {
        return List.of("mnist-oscillators", "fashion-patches", "toy-oscillators");
    }

    /**
     * The network a dataset trains when none is named: the reference code's network for it
     * ({@code mnist-oscillators} for MNIST, {@code fashion-patches} for Fashion-MNIST,
     * {@code toy-oscillators} for the 2-D tasks).
     */
    public static String defaultFor(String dataset) {
        return switch (dataset == null ? "" : dataset.toLowerCase(Locale.ROOT)) {
            case "mnist" -> "mnist-oscillators";
            case "fashion-mnist" -> "fashion-patches";
            case "circle", "stripe", "quadrants" -> "toy-oscillators";
            default -> throw new IllegalArgumentException("dataset '" + dataset + "' is not one of " + ExperimentConfig.DATASETS);
        };
    }

    /** The architectures that take images ({@code images}) or 2-D features. */
    public static List<String> namesFor(boolean images) {
        return names().stream().filter(n -> inputForm(n).fromImages() == images).toList();
    }

    /** The number of inputs the architecture expects. */
    public static int inputSize(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "mnist-oscillators" -> 196;
            case "fashion-patches" -> PATCHES * PATCH_VALUES;
            case "toy-oscillators" -> 2;
            default -> throw unknown(name);
        };
    }

    /** The form the architecture's samples take (how the dataset catalog prepares images). */
    public static InputForm inputForm(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "mnist-oscillators" -> InputForm.PIXELS_14;
            case "fashion-patches" -> InputForm.PATCHES_7;
            case "toy-oscillators" -> InputForm.FEATURES;
            default -> throw unknown(name);
        };
    }

    private static IllegalArgumentException unknown(String name) {
        return new IllegalArgumentException("unknown architecture '" + name + "': expected one of " + names());
    }

    /**
     * Builds the named network for {@code classes} classes with the hardware preset; {@code seed}
     * seeds the parameters and, through derived seeds, each layer's hidden mismatch and noise.
     */
    public static Network build(String name, int classes, String preset, long seed, ComputeBackend backend) {
        return build(name, classes, preset, Map.of(), seed, backend);
    }

    /**
     * {@link #build(String, int, String, long, ComputeBackend)} with the preset's knobs changed by
     * {@code hardware} (names as in {@link Nonidealities#KNOBS}), e.g. {@code readoutNoise = 0.01}.
     */
    public static Network build(String name, int classes, String preset, Map<String, Double> hardware, long seed,
                                ComputeBackend backend) {
        Hardware hw = new Hardware(preset, hardware);
        hw.knobs(seed); // bad names or values fail here, before anything is built
        String n = name.toLowerCase(Locale.ROOT);
        Network.Builder b = Network.builder(inputSize(n)).seed(seed).backend(backend);
        switch (n) {
            case "mnist-oscillators" -> {
                if (classes > 10) {
                    throw new IllegalArgumentException("mnist-oscillators has 10 class oscillators, the dataset " + classes + " classes");
                }
                oscillators(b, 196, hw, seed, 1, backend);
                b.pad(10, ParameterInit.constant(0f), false);
                oscillators(b, 206, hw, seed, 2, backend);
                b.readout(196, classes, 1f);
            }
            case "fashion-patches" -> patches(b, PATCHES, PATCH_VALUES, PATCH_OSCILLATORS, CLASS_OSCILLATORS, classes,
                    hw, seed, backend);
            case "toy-oscillators" -> {
                if (classes > 16) {
                    throw new IllegalArgumentException("toy-oscillators reads at most 16 classes, the dataset has " + classes);
                }
                b.pad(14, ParameterInit.constant(0f), false);
                oscillators(b, 16, hw, seed, 1, backend);
                oscillators(b, 16, hw, seed, 2, backend);
                b.readout(0, classes, 1f);
            }
            default -> throw unknown(name);
        }
        return b.build();
    }

    /**
     * The patch network at any size (the named {@code fashion-patches} is 16, 49, 100, 10): the
     * input's {@code patches} groups of {@code values} are each padded with zeros to {@code shared}
     * oscillators of one shared layer; its patches·shared positions plus {@code classOscillators}
     * at rest feed one layer of patches·shared + classOscillators; logits = s·q_class(T).
     */
    static Network patchNetwork(int patches, int values, int shared, int classOscillators, int classes, String preset,
                                long seed, ComputeBackend backend) {
        Network.Builder b = Network.builder(Math.multiplyExact(patches, values)).seed(seed).backend(backend);
        patches(b, patches, values, shared, classOscillators, classes, new Hardware(preset, Map.of()), seed, backend);
        return b.build();
    }

    private static void patches(Network.Builder b, int patches, int values, int shared, int classOscillators, int classes,
                                Hardware hw, long seed, ComputeBackend backend) {
        if (classes > classOscillators) {
            throw new IllegalArgumentException("the patch network has " + classOscillators + " class oscillators, the dataset "
                    + classes + " classes");
        }
        if (values >= shared) {
            throw new IllegalArgumentException("a patch of " + values + " values needs more than " + values
                    + " shared oscillators, was " + shared);
        }
        b.pad(patches, shared - values, ParameterInit.constant(0f), false);
        oscillators(b, shared, patches, hw, seed, 1, backend);
        b.pad(classOscillators, ParameterInit.constant(0f), false);
        int n2 = patches * shared + classOscillators;
        oscillators(b, n2, 1, hw, seed, 2, backend);
        b.readout(patches * shared, classes, 1f);
    }

    /** A preset of non-idealities with some knobs changed; {@link #knobs} gives a layer's, seeded. */
    record Hardware(String preset, Map<String, Double> overrides) {
        Nonidealities knobs(long seed) {
            return Nonidealities.preset(preset, seed).with(overrides);
        }
    }

    /** Appends one all-to-all oscillator layer of n with its hardware and its nominal twin. */
    static void oscillators(Network.Builder b, int n, Hardware hw, long seed, int layer, ComputeBackend backend) {
        oscillators(b, n, 1, hw, seed, layer, backend);
    }

    /**
     * Appends one all-to-all oscillator layer of n, with its hardware and its nominal twin, shared by
     * {@code copies} consecutive slices of n (one θ, one hidden mismatch).
     */
    static void oscillators(Network.Builder b, int n, int copies, Hardware hardware, long seed, int layer,
                            ComputeBackend backend) {
        OscillatorSpec spec = new OscillatorSpec(n, Topology.ALL_TO_ALL, STEPS, DURATION);
        Nonidealities knobs = hardware.knobs(seed * 1_000_003L + layer);
        OscillatorSystem hw = new OscillatorSystem(spec, 0f, knobs, backend);
        OscillatorModel twin = new OscillatorModel(spec, 0f, backend);
        OscillatorLayout layout = hw.layout();
        // As the reference's nn.Linear defaults: couplings and drives U(−1/√n, 1/√n); stiffness 1.
        float bound = (float) (1 / Math.sqrt(n));
        b.physical(hw, twin, ParameterInit.blocks(new int[] {layout.couplings(), n, n},
                ParameterInit.uniform(-bound, bound), ParameterInit.constant(1f), ParameterInit.uniform(-bound, bound)), copies);
    }
}
