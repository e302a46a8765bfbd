package org.patengine.engine.experiment;

import java.util.List;
import java.util.Map;

import org.patengine.kernels.ComputeBackend;

/**
 * The {@code digital} "system": no physics at all, for the digital baselines (an MLP of about the
 * size of a physical network, trained on the same split, says what the physics buys). Its only
 * preset is {@code none}, it has no knobs, and it builds no physical layers: every training mode
 * reduces to plain backpropagation on it, and its "physical" accuracy is the digital network's.
 */
final class DigitalEntry implements SystemEntry {
    static final String NAME = "digital";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> presets() {
        return List.of("none");
    }

    @Override
    public String defaultPreset() {
        return "none";
    }

    @Override
    public List<String> knobs() {
        return List.of();
    }

    @Override
    public void checkHardware(String preset, Map<String, Double> overrides) {
        if (!"none".equalsIgnoreCase(preset)) {
            throw new IllegalArgumentException("the digital system has only the preset none, was '" + preset + "'");
        }
        if (!overrides.isEmpty()) {
            throw new IllegalArgumentException("the digital system has no hardware knobs, was given " + overrides.keySet());
        }
    }

    @Override
    public Layers layers(String preset, Map<String, Double> overrides, long seed, ComputeBackend backend) {
        checkHardware(preset, overrides);
        return (b, inputs, outputs, copies, layer) -> {
            throw new IllegalStateException("the digital system has no physical layers; a digital architecture appends none");
        };
    }
}
