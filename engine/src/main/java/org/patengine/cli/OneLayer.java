package org.patengine.cli;

import java.util.Locale;
import java.util.Map;

import org.patengine.engine.experiment.SystemCatalog;
import org.patengine.engine.experiment.SystemEntry;
import org.patengine.engine.network.Network;
import org.patengine.kernels.ComputeBackend;

/**
 * One physical layer of a built-in system exactly as a network's layer {@code layer} of the seed
 * is built (its hidden mismatch and noise from seed·1 000 003 + layer), for {@code pat gap} and
 * {@code pat serve}.
 */
final class OneLayer {
    private OneLayer() {
    }

    /** The system's preset: the one named, checked, else the system's default (its gap). */
    static String preset(SystemEntry entry, String preset) {
        String p = preset != null ? preset : entry.defaultPreset();
        if (!entry.presets().contains(p.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("preset '" + p + "' is not one of " + entry.presets() + " (system " + entry.name() + ")");
        }
        return p;
    }

    /** A network of that layer alone (θ initialised as in a run); bad knobs or sizes fail here. */
    static Network build(String system, String preset, Map<String, Double> hardware, int inputs, int outputs, long seed,
                               int layer, ComputeBackend backend) {
        SystemEntry entry = SystemCatalog.named(system);
        Network.Builder b = Network.builder(inputs).seed(seed).backend(backend);
        entry.layers(preset(entry, preset), hardware, seed, backend).append(b, inputs, outputs, 1, layer);
        return b.build();
    }
}
