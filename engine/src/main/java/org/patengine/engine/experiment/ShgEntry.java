package org.patengine.engine.experiment;

import java.util.List;
import java.util.Map;

import org.patengine.engine.layer.ParameterInit;
import org.patengine.engine.network.Network;
import org.patengine.kernels.ComputeBackend;
import org.patengine.sim.shg.ShgLayout;
import org.patengine.sim.shg.ShgModel;
import org.patengine.sim.shg.ShgNonidealities;
import org.patengine.sim.shg.ShgSystem;

/**
 * The {@code shg} system: broadband second-harmonic generation of a pulse-shaped pulse. A layer
 * of {@code inputs} data channels and {@code outputs} spectrometer bins is an {@link ShgSystem} on
 * the lab code's layout ({@link ShgLayout#interleaved}: as many θ channels as data channels, in
 * pairs d d θ θ …), with the preset's {@link ShgNonidealities} (knobs changed by the overrides),
 * its hidden mismatch and noise seeded with {@code seed·1 000 003 + layer}, paired with the nominal
 * {@link ShgModel} (real field, no phase-matching loss, the nominal source, plain binning) as its
 * digital twin. θ starts at 0.5 everywhere (the lab code's).
 *
 * <p>Data and θ are the shaper's modulation, which must lie in [0, 1]
 * ({@link #inputsInUnitBox()}): the architectures put a device box before every SHG layer.
 */
final class ShgEntry implements SystemEntry {
    static final String NAME = "shg";

    /** θ's initial value: every parameter channel half open. */
    static final float THETA_INIT = 0.5f;

    /**
     * The spectrometer's region of interest, as shares of the second-harmonic spectrum: its bright
     * centre. At mid-box its edges are about 15 % of the peak; outside it the spectrum falls to
     * nothing, and bins there read mostly noise. On the vowels under lab-gap (seed 1, ideal
     * gradients, 400 epochs) the whole spectrum gave 40 %, [0.1, 0.9) 60 %, [0.2, 0.8) 65 %.
     */
    static final double READOUT_FROM = 0.2, READOUT_TO = 0.8;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> presets() {
        return ShgNonidealities.PRESETS;
    }

    @Override
    public String defaultPreset() {
        return "lab-gap";
    }

    @Override
    public List<String> knobs() {
        return ShgNonidealities.KNOBS;
    }

    @Override
    public void checkHardware(String preset, Map<String, Double> overrides) {
        ShgNonidealities.preset(preset, 0).with(overrides);
    }

    @Override
    public boolean inputsInUnitBox() {
        return true;
    }

    @Override
    public Layers layers(String preset, Map<String, Double> overrides, long seed, ComputeBackend backend) {
        checkHardware(preset, overrides); // bad names or values fail here, before anything is built
        return (b, inputs, outputs, copies, layer) -> append(b, ShgLayout.interleaved(inputs, outputs).withReadoutWindow(READOUT_FROM, READOUT_TO), copies,
                ShgNonidealities.preset(preset, seed * 1_000_003L + layer).with(overrides), backend);
    }

    private static void append(Network.Builder b, ShgLayout layout, int copies, ShgNonidealities knobs, ComputeBackend backend) {
        ShgSystem hw = new ShgSystem(layout, knobs, backend);
        ShgModel twin = new ShgModel(layout, backend);
        b.physical(hw, twin, ParameterInit.constant(THETA_INIT), copies);
    }
}
