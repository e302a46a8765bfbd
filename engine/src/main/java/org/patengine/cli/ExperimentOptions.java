package org.patengine.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.patengine.engine.data.ImageAugmentation;
import org.patengine.engine.experiment.Architectures;
import org.patengine.engine.experiment.ExperimentConfig;

import picocli.CommandLine.Option;

/**
 * The experiment settings as command-line options; each one given overrides the experiment file
 * ({@code --config}), which overrides the defaults.
 */
final class ExperimentOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "JSON or YAML (.yaml, .yml) experiment file (fields as in a run's config.json).")
    Path config;

    @Option(names = "--dataset", description = "mnist, fashion-mnist, circle, stripe or quadrants.")
    String dataset;

    @Option(names = "--architecture", description = "mnist-oscillators (14x14 MNIST network; mnist's default), fashion-patches (16 patches of 7x7 through one shared 100-oscillator layer, then 1610; fashion-mnist's default) or toy-oscillators (the 2-D tasks' default).")
    String architecture;

    @Option(names = "--augmentation", description = "How training images change each epoch: none, affine (rotate ±15°, shift ±5% down, scale 0.9-1.1; mnist's default) or hflip (mirror left-right half the time; fashion-mnist's default).")
    String augmentation;

    @Option(names = "--preset", description = "Non-idealities of the physical system: none or paper-gap.")
    String preset;

    @Option(names = "--hardware", split = ",", paramLabel = "KNOB=VALUE",
            description = "Change knobs of the preset's hardware, e.g. readoutNoise=0.01,adcBits=8. Knobs: nonlinearityScale, couplingError, stiffnessSpread, actuationNoise, readoutNoise, drift, dacBits, dacRange, adcBits, adcRange.")
    Map<String, Double> hardware;

    @Option(names = "--mode", description = "pat, insilico, ideal, reservoir, fd or spsa.")
    String mode;

    @Option(names = "--epochs")
    Integer epochs;

    @Option(names = "--batch")
    Integer batch;

    @Option(names = {"--lr", "--learning-rate"})
    Double learningRate;

    @Option(names = "--lr-step-epochs", description = "Multiply the learning rate by --lr-gamma every this many epochs (0: constant).")
    Integer lrStepEpochs;

    @Option(names = "--lr-gamma")
    Double lrGamma;

    @Option(names = "--optimizer", description = "adam or sgd.")
    String optimizer;

    @Option(names = "--seed")
    Long seed;

    @Option(names = "--train-samples", description = "Use only this many training samples (0: all).")
    Integer trainSamples;

    @Option(names = "--validation", description = "Samples held out of the training set for validation.")
    Integer validation;

    @Option(names = "--test-samples", description = "Use only this many test samples (0: all).")
    Integer testSamples;

    @Option(names = "--backend", description = "auto, scalar, simd or opencl.")
    String backend;

    @Option(names = "--data", paramLabel = "DIR", description = "Folder with the dataset's IDX files (default: the data cache, fetched when missing).")
    String data;

    /** Defaults, then the file, then the options given. */
    ExperimentConfig resolve() throws IOException {
        ExperimentConfig base = config != null ? ExperimentConfig.read(config) : ExperimentConfig.defaults();
        ExperimentConfig.Builder b = base.toBuilder();
        if (dataset != null) {
            b.dataset = dataset;
            // a file's architecture and augmentation stay when the file is for this dataset; otherwise the dataset's own network
            boolean otherDataset = config == null || !dataset.equalsIgnoreCase(base.dataset());
            if (architecture == null && otherDataset) {
                b.architecture = Architectures.defaultFor(dataset);
            }
            if (augmentation == null && otherDataset) {
                b.augmentation = ImageAugmentation.defaultFor(dataset);
            }
        }
        if (architecture != null) {
            b.architecture = architecture;
        }
        if (augmentation != null) {
            b.augmentation = augmentation;
        }
        if (preset != null) {
            b.preset = preset;
        }
        if (hardware != null) {
            b.hardware.putAll(hardware);
        }
        if (mode != null) {
            b.mode = mode;
        }
        if (epochs != null) {
            b.epochs = epochs;
        }
        if (batch != null) {
            b.batch = batch;
        }
        if (learningRate != null) {
            b.learningRate = learningRate;
        }
        if (lrStepEpochs != null) {
            b.lrStepEpochs = lrStepEpochs;
        }
        if (lrGamma != null) {
            b.lrGamma = lrGamma;
        }
        if (optimizer != null) {
            b.optimizer = optimizer;
        }
        if (seed != null) {
            b.seed = seed;
        }
        if (trainSamples != null) {
            b.trainSamples = trainSamples;
        }
        if (validation != null) {
            b.validation = validation;
        }
        if (testSamples != null) {
            b.testSamples = testSamples;
        }
        if (backend != null) {
            b.backend = backend;
        }
        if (data != null) {
            b.data = data;
        }
        return b.build().validate();
    }
}
