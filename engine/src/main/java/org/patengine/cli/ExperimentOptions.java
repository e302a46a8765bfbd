package org.patengine.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.patengine.engine.experiment.Architectures;
import org.patengine.engine.experiment.DatasetCatalog;
import org.patengine.engine.experiment.DatasetEntry;
import org.patengine.engine.experiment.ExperimentConfig;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The experiment settings as command-line options (train and compare); each one given overrides
 * the experiment file ({@code --config}), which overrides the defaults. The options eval shares
 * are the {@link CommonOptions} mixin.
 */
final class ExperimentOptions {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--config", paramLabel = "FILE", description = "JSON or YAML (.yaml, .yml) experiment file (fields as in a run's config.json).")
    Path config;

    @Option(names = "--dataset", descriptionKey = "dataset")
    String dataset;

    @Option(names = "--architecture", descriptionKey = "architecture")
    String architecture;

    @Option(names = "--augmentation", description = "How training images change each epoch: none, affine (rotate ±15°, shift ±5%% down, scale 0.9-1.1; mnist's default) or hflip (mirror left-right half the time; fashion-mnist's default).")
    String augmentation;

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

    @Option(names = "--train-samples", description = "Use only this many training samples (0: all).")
    Integer trainSamples;

    @Option(names = "--validation", description = "Samples held out of the training set for validation.")
    Integer validation;

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
            if (otherDataset && (architecture == null || augmentation == null)) {
                DatasetEntry entry = DatasetCatalog.named(dataset);
                if (architecture == null) {
                    b.architecture = entry.defaultArchitecture();
                }
                if (augmentation == null) {
                    b.augmentation = entry.defaultAugmentation();
                }
            }
        }
        if (architecture != null) {
            b.architecture = architecture;
        }
        // another network brings its own system, unless --system names one (validate() then checks they match)
        if (b.architecture != null && !b.architecture.equalsIgnoreCase(base.architecture())
                && Architectures.names().contains(b.architecture.toLowerCase(Locale.ROOT))) {
            b.system = Architectures.named(b.architecture).system();
        }
        if (augmentation != null) {
            b.augmentation = augmentation;
        }
        common.applyTo(b);
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
        if (trainSamples != null) {
            b.trainSamples = trainSamples;
        }
        if (validation != null) {
            b.validation = validation;
        }
        if (data != null) {
            b.data = data;
        }
        return b.build().validate();
    }
}
