package org.patengine.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.patengine.engine.experiment.Architectures;
import org.patengine.engine.experiment.DatasetCatalog;
import org.patengine.engine.experiment.DatasetEntry;
import org.patengine.engine.experiment.ExperimentConfig;
import org.patengine.engine.experiment.SystemCatalog;
import org.patengine.engine.experiment.SystemEntry;

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

    @Option(names = "--depth", paramLabel = "L", description = "Physical layers of an architecture that has a depth "
            + "(vowels-shg, mnist-shg: default 1); 0 or absent: the architecture's default.")
    Integer depth;

    @Option(names = "--augmentation", description = "How training images change each epoch: none, affine (rotate ±15°, shift ±5%% down, scale 0.9-1.1; mnist's default) or hflip (mirror left-right half the time; fashion-mnist's default).")
    String augmentation;

    @Option(names = "--mode", description = "pat (default), insilico, ideal, reservoir, fd or spsa: where the gradient comes from (README: Modes).")
    String mode;

    @Option(names = "--device-box", paramLabel = "clamp|penalty",
            description = "How training keeps device inputs that must lie in [0, 1] (shg's) in their box: penalty (clamp, plus"
                    + " the soft penalty lambda*mean(softplus(beta(x-1)) + softplus(-beta x))/beta in the training loss; the"
                    + " reference code's and the default) or clamp (the clamp alone, no gradient outside the box).")
    String deviceBox;

    @Option(names = "--device-box-weight", paramLabel = "LAMBDA", description = "The soft penalty's weight lambda (default 1).")
    Double deviceBoxWeight;

    @Option(names = "--device-box-sharpness", paramLabel = "BETA", description = "The soft penalty's sharpness beta at the box's edges (default 30).")
    Double deviceBoxSharpness;

    @Option(names = "--epochs", description = "Passes over the training set (default: the dataset's, 10 for the images, 30 for the 2-D toy tasks and digits, 400 for vowels, 100 for deterding; with --resume, extends the run to this many).")
    Integer epochs;

    @Option(names = "--batch", description = "Samples per training step (default: 32).")
    Integer batch;

    @Option(names = {"--lr", "--learning-rate"}, description = "Adam's (or SGD's) step size (default: the dataset's: 1e-3 for the images, 3e-2 for the 2-D tasks and digits, 5e-2 for the vowels).")
    Double learningRate;

    @Option(names = "--lr-step-epochs", description = "Multiply the learning rate by --lr-gamma every this many epochs (0: constant).")
    Integer lrStepEpochs;

    @Option(names = "--lr-gamma", description = "The factor --lr-step-epochs multiplies the learning rate by (default: 0.5).")
    Double lrGamma;

    @Option(names = "--optimizer", description = "adam or sgd (SGD with momentum 0.9; default: adam).")
    String optimizer;

    @Option(names = "--fd-scheme", paramLabel = "central|forward", description = "The fd mode's differences: central "
            + "(2 forwards per estimated parameter; the default) or forward (1). fd and spsa estimate the parameters up to the "
            + "last physical layer, from the physical forward; those after it (a digital readout) get their exact gradient.")
    String fdScheme;

    @Option(names = "--fd-step", paramLabel = "EPS", description = "The fd mode's step, as a share of each parameter's range "
            + "(absolute for an unbounded digital weight; default 1e-3).")
    Double fdStep;

    @Option(names = "--spsa-c", paramLabel = "C", description = "The spsa mode's perturbation size: each parameter moves by "
            + "+-C (default 1e-2).")
    Double spsaC;

    @Option(names = "--spsa-samples", paramLabel = "Q", description = "The spsa mode's estimates averaged per step, each 2 "
            + "forwards (default 1).")
    Integer spsaSamples;

    @Option(names = "--spsa-gains", paramLabel = "spall|optimizer", description = "The spsa mode's steps: optimizer "
            + "(the default: --optimizer and its learning-rate schedule, the same C every step) or spall (plain gradient steps "
            + "of Spall's gain a_k = lr*((1+A)/(k+1+A))^0.602 with perturbation c_k = C/(k+1)^0.101; they need a larger --lr "
            + "than Adam).")
    String spsaGains;

    @Option(names = "--spsa-stability", paramLabel = "A", description = "Spall's stability constant A (default: a tenth "
            + "of the run's steps).")
    Long spsaStability;

    @Option(names = "--common-noise", description = "fd and spsa: every perturbed forward draws the noise of the "
            + "unperturbed one (common random numbers; only a simulated system can, a real apparatus cannot).")
    Boolean commonNoise;

    @Option(names = "--device", paramLabel = "COMMAND|tcp://HOST:PORT", description = "Run every physical layer on an "
            + "external apparatus over the apparatus protocol (docs/apparatus-protocol.md): a command the engine starts (one "
            + "process per layer, e.g. \"python3 examples/devices/toy_device.py\") or a server's address. Its handshake must match "
            + "the layer's hardware; the layer's twin stays the system's digital model.")
    String device;

    @Option(names = "--device-timeout", paramLabel = "SECONDS", description = "How long a device may take to answer one "
            + "request before the run stops (default 30).")
    Double deviceTimeout;

    @Option(names = "--twin", paramLabel = "FILE[,FILE...]", description = "Learned twins (pat twin fit's twin.json) as the "
            + "physical layers' digital models instead of the system's analytic one: one file for every layer, or one per layer "
            + "in order (fit each with --layer k: the layers' hidden mismatch differs); sizes must match the layers'.")
    String twin;

    @Option(names = "--twin-refine", paramLabel = "PASSES", description = "pat with --twin: after every training epoch, fit each "
            + "learned twin further for PASSES passes over the last --twin-memory measurements its layer made while training "
            + "(the network's own operating points, at no extra physical call); the refined twins are checkpointed and written to "
            + "the run folder (default: 0, off).")
    Integer twinRefine;

    @Option(names = "--twin-memory", paramLabel = "SAMPLES", description = "With --twin-refine: the measurements each twin keeps, "
            + "the newest replacing the oldest (default: " + ExperimentConfig.DEFAULT_TWIN_MEMORY + ").")
    Integer twinMemory;

    @Option(names = "--twin-refine-lr", paramLabel = "LR", description = "With --twin-refine: Adam's step size (default: "
            + ExperimentConfig.DEFAULT_TWIN_REFINE_LR + ").")
    Double twinRefineLr;

    @Option(names = "--apparatus", split = ",", paramLabel = "KEY=VALUE", description = "The apparatus's speed, to report "
            + "what a run would take on it: perCall, perSample and perUpdate seconds (an update: a call with other parameters "
            + "than the previous one), e.g. perSample=0.1 for 10 samples/s; sleep=1 makes the simulated system wait that long.")
    java.util.Map<String, Double> apparatus;

    @Option(names = "--train-samples", description = "Use only the first this many of the training samples left after the validation split (default: 0, all).")
    Integer trainSamples;

    @Option(names = "--validation", description = "Samples held out of the training set for validation, seeded (default: the dataset's: 6000 for the images, 500 for the 2-D tasks, 49 for vowels, 88 for deterding, 150 for digits; 0: none, the last epoch is reported).")
    Integer validation;

    @Option(names = "--data", paramLabel = "DIR|FILE", description = "Folder with the dataset's IDX files (default: the data cache, fetched when missing); for vowels, a CSV of the same form or a folder holding hillenbrand-vowels-7class.csv (default: the copy the engine ships); for deterding, a Vowel.rda (R's mlbench) or a folder holding it (default: the data cache, fetched from Debian's r-cran-mlbench when missing); for digits, a digits.csv.gz (scikit-learn's) or a folder holding it (default: the data cache, fetched from Debian's python3-sklearn when missing).")
    String data;

    /** Defaults, then the file, then the options given; checked. */
    ExperimentConfig resolve() throws IOException {
        return resolveUnchecked().validate();
    }

    /**
     * The same, not yet checked: compare sets each run's mode and seed on it and checks those
     * (a mode-specific option such as --common-noise would not fit the default mode).
     */
    ExperimentConfig resolveUnchecked() throws IOException {
        ExperimentConfig base = config != null ? ExperimentConfig.read(config) : ExperimentConfig.defaults();
        ExperimentConfig.Builder b = base.toBuilder();
        if (dataset != null) {
            b.dataset = dataset;
            // a file's architecture, augmentation, validation, learning rate and epochs stay when the file is for this dataset; otherwise the dataset's own
            boolean otherDataset = config == null || !dataset.equalsIgnoreCase(base.dataset());
            if (otherDataset) {
                DatasetEntry entry = DatasetCatalog.named(dataset);
                if (architecture == null) {
                    b.architecture = entry.defaultArchitecture();
                }
                if (augmentation == null) {
                    b.augmentation = entry.defaultAugmentation();
                }
                if (validation == null) {
                    b.validation = entry.defaultValidation();
                }
                if (learningRate == null) {
                    b.learningRate = entry.defaultLearningRate();
                }
                if (epochs == null) {
                    b.epochs = entry.defaultEpochs();
                }
            }
        }
        if (architecture != null) {
            b.architecture = architecture;
        } else if (common.system != null && b.architecture != null && DatasetCatalog.names().contains(b.dataset.toLowerCase(Locale.ROOT))
                && Architectures.names().contains(b.architecture.toLowerCase(Locale.ROOT))
                && !Architectures.named(b.architecture).system().equalsIgnoreCase(common.system)) {
            // --system without --architecture: the dataset's network made of that system (none: validate() names the system's)
            String own = DatasetCatalog.named(b.dataset).defaultArchitecture(common.system);
            if (own != null) {
                b.architecture = own;
            }
        }
        // another network brings its own system, unless --system names one (validate() then checks they match)
        if (b.architecture != null && !b.architecture.equalsIgnoreCase(base.architecture())
                && Architectures.names().contains(b.architecture.toLowerCase(Locale.ROOT))) {
            b.system = Architectures.named(b.architecture).system();
        }
        if (depth != null) {
            if (depth < 1) { // 0 is the configuration's "the network's default": typed, it would be ignored
                throw new IllegalArgumentException("--depth " + depth + ": a network has at least 1 physical layer"
                        + " (leave --depth out for the network's default)");
            }
            b.depth = depth;
        } else if (b.architecture != null && !b.architecture.equalsIgnoreCase(base.architecture())) {
            b.depth = 0; // another network: its own default depth, not the file's
        }
        if (augmentation != null) {
            b.augmentation = augmentation;
        }
        common.applyTo(b);
        // another system without --preset: its own default unless the preset is one of its (e.g. none)
        if (common.preset == null && b.system != null && SystemCatalog.names().contains(b.system.toLowerCase(Locale.ROOT))) {
            SystemEntry system = SystemCatalog.named(b.system);
            if (b.preset == null || !system.presets().contains(b.preset.toLowerCase(Locale.ROOT))) {
                b.preset = system.defaultPreset();
            }
        }
        if (mode != null) {
            b.mode = mode;
        }
        if (deviceBox != null) {
            b.deviceBox = deviceBox;
        }
        if (deviceBoxWeight != null) {
            b.deviceBoxWeight = deviceBoxWeight;
        }
        if (deviceBoxSharpness != null) {
            b.deviceBoxSharpness = deviceBoxSharpness;
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
        if (fdScheme != null) {
            b.fdScheme = fdScheme.trim().toLowerCase(java.util.Locale.ROOT);
        }
        if (fdStep != null) {
            b.fdStep = fdStep;
        }
        if (spsaC != null) {
            b.spsaC = spsaC;
        }
        if (spsaSamples != null) {
            b.spsaSamples = spsaSamples;
        }
        if (spsaGains != null) {
            b.spsaGains = spsaGains.trim().toLowerCase(java.util.Locale.ROOT);
        }
        if (spsaStability != null) {
            b.spsaStability = spsaStability;
        }
        if (commonNoise != null) {
            b.commonNoise = commonNoise;
        }
        if (twin != null) {
            b.twin = twin;
        }
        if (twinRefine != null) {
            b.twinRefine = twinRefine;
        }
        if (twinMemory != null) {
            b.twinMemory = twinMemory;
        }
        if (twinRefineLr != null) {
            b.twinRefineLr = twinRefineLr;
        }
        if (device != null) {
            b.device = device;
        }
        if (deviceTimeout != null) {
            b.deviceTimeout = deviceTimeout;
        }
        if (apparatus != null) {
            b.apparatus = new java.util.TreeMap<>(apparatus);
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
        return b.build();
    }

    /** An estimator's option given for modes none of which uses it would be ignored: refused, naming the mode it needs. */
    void checkEstimatorOptions(java.util.Collection<String> modes) {
        java.util.Set<String> m = new java.util.HashSet<>();
        for (String mode : modes) {
            m.add(mode.trim().toLowerCase(java.util.Locale.ROOT));
        }
        String[][] options = {{"--fd-scheme", fdScheme == null ? null : fdScheme, "fd"}, {"--fd-step", fdStep == null ? null : "" + fdStep, "fd"},
            {"--spsa-c", spsaC == null ? null : "" + spsaC, "spsa"}, {"--spsa-samples", spsaSamples == null ? null : "" + spsaSamples, "spsa"},
            {"--spsa-gains", spsaGains, "spsa"}, {"--spsa-stability", spsaStability == null ? null : "" + spsaStability, "spsa"},
            {"--common-noise", commonNoise == null ? null : "", "fd spsa"},
            {"--twin-refine", twinRefine == null ? null : "" + twinRefine, "pat"},
            {"--twin-memory", twinMemory == null ? null : "" + twinMemory, "pat"},
            {"--twin-refine-lr", twinRefineLr == null ? null : "" + twinRefineLr, "pat"}};
        for (String[] o : options) {
            boolean used = false;
            for (String needs : o[2].split(" ")) {
                used |= m.contains(needs);
            }
            if (o[1] != null && !used) {
                String needed = o[2].replace(" ", " or ");
                String what = o[0].startsWith("--twin") ? " refines the twins in the " + needed + " mode" : " sets the " + needed + " mode's estimator";
                throw new IllegalArgumentException((o[0] + " " + o[1]).trim() + what + ", but the mode"
                        + (m.size() == 1 ? " is " : "s are ") + String.join(", ", new java.util.TreeSet<>(m)));
            }
        }
    }
}
