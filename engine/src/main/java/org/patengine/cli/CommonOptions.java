package org.patengine.cli;

import java.util.Map;

import org.patengine.engine.experiment.ExperimentConfig;

import picocli.CommandLine.Option;

/**
 * The options {@code pat train}, {@code pat compare} and {@code pat eval} share, as one picocli
 * mixin: on which physical system and hardware a network runs (system, preset, knobs, the seed),
 * on which backend, and how many test samples are measured. Each one given replaces the value of
 * the configuration it is applied to (the experiment file's or defaults for train and compare, the
 * saved run's for eval). The help texts of the catalog-backed ones come from {@link CatalogHelp}.
 */
final class CommonOptions {
    @Option(names = "--system", descriptionKey = "system")
    String system;

    @Option(names = "--preset", descriptionKey = "preset")
    String preset;

    @Option(names = "--hardware", split = ",", paramLabel = "KNOB=VALUE", descriptionKey = "hardware")
    Map<String, Double> hardware;

    @Option(names = "--seed", descriptionKey = "seed", description = "Seeds initialisation, batch order, augmentation, the hardware's hidden mismatch and every noise source (default: 1).")
    Long seed;

    @Option(names = "--test-samples", description = "Use only the first this many test samples (default: 0, all).")
    Integer testSamples;

    @Option(names = "--backend", description = "auto, scalar, simd or opencl (default: -Dpat.backend, else auto; both, differing: an error).")
    String backend;

    /** Replaces the fields these options name (the knobs are added to the configuration's). */
    void applyTo(ExperimentConfig.Builder b) {
        if (system != null) {
            b.system = system;
        }
        if (preset != null) {
            b.preset = preset;
        }
        if (hardware != null) {
            b.hardware.putAll(hardware);
        }
        if (seed != null) {
            b.seed = seed;
        }
        if (testSamples != null) {
            b.testSamples = testSamples;
        }
        // --backend, else -Dpat.backend (so config.json names the backend the run used); both, differing: an error
        if (backend != null || System.getProperty(org.patengine.kernels.Backends.PROPERTY) != null) {
            b.backend = org.patengine.kernels.PatProperties.backend(backend);
        }
    }
}
