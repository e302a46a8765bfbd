package org.patengine.engine.experiment;

import java.util.List;
import java.util.Map;

import org.patengine.engine.network.Network;
import org.patengine.kernels.ComputeBackend;

/**
 * A physical system an experiment can train on, as an entry of the {@link SystemCatalog}: its
 * name, its named presets of non-idealities, the knobs that change a preset, and how to append
 * one of its layers — the hardware with its hidden mismatch plus the nominal model as the digital
 * twin, with the parameters' initialisation — to a {@link Network.Builder}.
 *
 * <p>Contract: {@link #checkHardware} accepts exactly the (preset, knobs) pairs {@link #layers}
 * can build, and {@link #layers} draws everything random from the seed it is given, so an
 * experiment is repeatable from its configuration.
 */
public interface SystemEntry {

    /** The name an experiment's {@code system} field and {@code --system} use. */
    String name();

    /** The named presets of non-idealities, the first being the nominal hardware. */
    List<String> presets();

    /**
     * The preset a configuration on this system gets when it names none of this system's: its
     * reality gap (oscillators: paper-gap, shg: lab-gap), as the defaults train PAT under a gap.
     */
    String defaultPreset();

    /** The knob names a configuration's {@code hardware} map may change, in the order help lists them. */
    List<String> knobs();

    /**
     * Checks that the preset exists and that {@code overrides} names only {@link #knobs} with values
     * the knobs accept; the exception's message names what was wrong and what is accepted.
     */
    void checkHardware(String preset, Map<String, Double> overrides);

    /**
     * The layer maker for one network: every layer it appends has the preset's non-idealities with
     * {@code overrides} applied, its own hidden mismatch and noise seeded from {@code seed} and the
     * layer's index, and runs on {@code backend}.
     */
    Layers layers(String preset, Map<String, Double> overrides, long seed, ComputeBackend backend);

    /**
     * Whether the device inputs of this system's layers must lie in [0, 1] (an SHG pulse shaper's
     * modulation): the architectures then put a {@link org.patengine.engine.layer.DeviceInputBox}
     * before every such layer, so the trainer keeps them in the box. Default: false (unbounded).
     */
    default boolean inputsInUnitBox() {
        return false;
    }

    /** Appends this system's layers to a network under construction. */
    @FunctionalInterface
    interface Layers {
        /**
         * Appends one physical layer of {@code inputs} inputs and {@code outputs} outputs (per copy),
         * shared by {@code copies} consecutive slices of the input (one θ, one hidden mismatch);
         * {@code layer} (1-based) numbers the network's physical layers and derives their seeds. A
         * system whose layers cannot have that shape refuses it, saying which shapes it can build
         * (the oscillators: inputs = outputs).
         */
        void append(Network.Builder b, int inputs, int outputs, int copies, int layer);
    }
}
