package org.patengine.engine.experiment;

import java.util.List;
import java.util.Map;

import org.patengine.engine.layer.ParameterInit;
import org.patengine.engine.network.Network;
import org.patengine.kernels.ComputeBackend;
import org.patengine.kernels.osc.OscillatorSpec;
import org.patengine.kernels.osc.Topology;
import org.patengine.sim.osc.Nonidealities;
import org.patengine.sim.osc.OscillatorModel;
import org.patengine.sim.osc.OscillatorSystem;

/**
 * The {@code oscillators} system: n all-to-all coupled oscillators, RK4 with Nt = 5 steps to
 * T = 0.5 (the reference code's). A layer is an {@link OscillatorSystem} with the preset's
 * {@link Nonidealities} (knobs changed by the overrides), whose hidden mismatch and noise are seeded
 * with {@code seed·1 000 003 + layer}, paired with the nominal {@link OscillatorModel} as its
 * digital twin. θ = (J, k, b) is initialised as the reference's {@code nn.Linear} defaults:
 * couplings J and drives b ~ U(−1/√n, 1/√n), stiffnesses k = 1.
 */
final class OscillatorsEntry implements SystemEntry {
    static final String NAME = "oscillators";

    /** Nt and T of the reference code. */
    static final int STEPS = 5;
    static final float DURATION = 0.5f;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> presets() {
        return Nonidealities.PRESETS;
    }

    @Override
    public String defaultPreset() {
        return "paper-gap";
    }

    @Override
    public List<String> knobs() {
        return Nonidealities.KNOBS;
    }

    @Override
    public void checkHardware(String preset, Map<String, Double> overrides) {
        Nonidealities.preset(preset, 0).with(overrides);
    }

    @Override
    public Layers layers(String preset, Map<String, Double> overrides, long seed, ComputeBackend backend) {
        checkHardware(preset, overrides); // bad names or values fail here, before anything is built
        return (b, inputs, outputs, copies, layer) -> {
            if (inputs != outputs) {
                throw new IllegalArgumentException("an oscillator layer reads out the positions of its own oscillators: inputs = outputs,"
                        + " but " + inputs + " inputs and " + outputs + " outputs were asked for");
            }
            append(b, inputs, copies, Nonidealities.preset(preset, seed * 1_000_003L + layer).with(overrides), backend);
        };
    }

    private static void append(Network.Builder b, int n, int copies, Nonidealities knobs, ComputeBackend backend) {
        OscillatorSpec spec = new OscillatorSpec(n, Topology.ALL_TO_ALL, STEPS, DURATION);
        OscillatorSystem hw = new OscillatorSystem(spec, 0f, knobs, backend);
        OscillatorModel twin = new OscillatorModel(spec, 0f, backend);
        float bound = (float) (1 / Math.sqrt(n));
        b.physical(hw, twin, ParameterInit.blocks(new int[] {hw.layout().couplings(), n, n},
                ParameterInit.uniform(-bound, bound), ParameterInit.constant(1f), ParameterInit.uniform(-bound, bound)), copies);
    }
}
