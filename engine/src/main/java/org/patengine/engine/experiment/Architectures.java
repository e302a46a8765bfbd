package org.patengine.engine.experiment;

import java.util.List;
import java.util.Locale;

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

    public static List<String> names() {
        return List.of("mnist-oscillators", "toy-oscillators");
    }

    /** The number of inputs the architecture expects. */
    public static int inputSize(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "mnist-oscillators" -> 196;
            case "toy-oscillators" -> 2;
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
        String n = name.toLowerCase(Locale.ROOT);
        Network.Builder b = Network.builder(inputSize(n)).seed(seed).backend(backend);
        switch (n) {
            case "mnist-oscillators" -> {
                if (classes > 10) {
                    throw new IllegalArgumentException("mnist-oscillators has 10 class oscillators, the dataset " + classes + " classes");
                }
                oscillators(b, 196, preset, seed, 1, backend);
                b.pad(10, ParameterInit.constant(0f), false);
                oscillators(b, 206, preset, seed, 2, backend);
                b.readout(196, classes, 1f);
            }
            case "toy-oscillators" -> {
                if (classes > 16) {
                    throw new IllegalArgumentException("toy-oscillators reads at most 16 classes, the dataset has " + classes);
                }
                b.pad(14, ParameterInit.constant(0f), false);
                oscillators(b, 16, preset, seed, 1, backend);
                oscillators(b, 16, preset, seed, 2, backend);
                b.readout(0, classes, 1f);
            }
            default -> throw unknown(name);
        }
        return b.build();
    }

    /** Appends one all-to-all oscillator layer of n with its hardware and its nominal twin. */
    static void oscillators(Network.Builder b, int n, String preset, long seed, int layer, ComputeBackend backend) {
        OscillatorSpec spec = new OscillatorSpec(n, Topology.ALL_TO_ALL, STEPS, DURATION);
        Nonidealities knobs = Nonidealities.preset(preset, seed * 1_000_003L + layer);
        OscillatorSystem hw = new OscillatorSystem(spec, 0f, knobs, backend);
        OscillatorModel twin = new OscillatorModel(spec, 0f, backend);
        OscillatorLayout layout = hw.layout();
        // As the reference's nn.Linear defaults: couplings and drives U(−1/√n, 1/√n); stiffness 1.
        float bound = (float) (1 / Math.sqrt(n));
        b.physical(hw, twin, ParameterInit.blocks(new int[] {layout.couplings(), n, n},
                ParameterInit.uniform(-bound, bound), ParameterInit.constant(1f), ParameterInit.uniform(-bound, bound)));
    }
}
