package org.patengine.engine.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.patengine.engine.apparatus.Devices;
import org.patengine.engine.data.Dataset;
import org.patengine.engine.twin.LearnedTwin;
import org.patengine.engine.twin.TwinFile;
import org.patengine.engine.twin.TwinRefinement;
import org.patengine.engine.grad.Spsa;
import org.patengine.engine.loss.SoftmaxCrossEntropy;
import org.patengine.engine.network.Network;
import org.patengine.engine.optim.Adam;
import org.patengine.engine.optim.LearningRateSchedule;
import org.patengine.engine.optim.SgdMomentum;
import org.patengine.engine.optim.Optimizer;
import org.patengine.engine.optim.SpallGains;
import org.patengine.engine.optim.StepSchedule;
import org.patengine.engine.report.ConfusionMatrix;
import org.patengine.engine.train.EpochResult;
import org.patengine.engine.train.Evaluation;
import org.patengine.engine.train.Trainer;
import org.patengine.kernels.Backends;
import org.patengine.kernels.ComputeBackend;

/**
 * Runs one experiment end to end: data, network, trainer, one checkpoint and metrics line per
 * epoch, and a final test report measured on the physical system and on the digital model.
 * With a validation split, the parameters reported on the test set are those of the epoch with the
 * best validation accuracy on the physical system (kept in {@code best.bin}; the earliest such
 * epoch on ties, {@link BestEpoch}): settings and checkpoints are chosen on validation, the test set
 * is measured once. Without one, the last epoch is reported. The printed lines are {@link RunLog}'s,
 * the progress bar {@link EpochProgress}'s, the report {@link RunSummary}.
 * A run folder that already holds a checkpoint can be resumed: the saved configuration and state
 * are restored, and the run continues exactly where its last completed epoch left it.
 */
public final class ExperimentRunner {

    private final RunLog log;
    private final EpochProgress progress;

    /** @param log where progress lines go (stderr for the CLI); {@code progress}: show a progress bar */
    public ExperimentRunner(PrintStream log, boolean progress) {
        this.log = new RunLog(log);
        this.progress = new EpochProgress(log, progress);
    }

    /**
     * Trains a new run into {@code runDir} (which must not hold a checkpoint yet). This and
     * {@link #resume} and {@link #runOrContinue} hold the folder's {@link RunLock} while they run: a
     * second run into the same folder is refused, naming the holder.
     */
    public RunSummary run(ExperimentConfig config, Path runDir) throws IOException {
        config.validate();
        return locked(runDir, folder -> runLocked(config, folder));
    }

    /** What a run does with its folder while it holds the lock. */
    private interface FolderWork {
        RunSummary in(RunFolder folder) throws IOException;
    }

    /**
     * {@code work} on {@code runDir}'s folder under its {@link RunLock}; when it fails before a
     * config.json exists, the lock file and the folders this call created are removed again.
     */
    private static RunSummary locked(Path runDir, FolderWork work) throws IOException {
        Path created = firstMissing(runDir);
        RunFolder folder = new RunFolder(runDir);
        try (RunLock lock = RunLock.acquire(runDir)) {
            org.patengine.engine.report.AtomicFiles.removeOrphans(runDir); // of a run killed mid-write
            return work.in(folder);
        } catch (IOException | RuntimeException e) {
            undoFailedStart(runDir, created);
            throw e;
        }
    }

    /** The outermost folder of {@code dir} (itself included) that does not exist yet, or null. */
    private static Path firstMissing(Path dir) {
        Path missing = null;
        for (Path p = dir.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
            missing = p;
        }
        return missing;
    }

    /**
     * A run that failed before writing its config.json (bad data, a network that cannot be built)
     * leaves the file system as it found it: its lock file and the folders this start created go.
     */
    private static void undoFailedStart(Path runDir, Path created) {
        if (created == null || Files.exists(runDir.resolve("config.json"))) {
            return;
        }
        try {
            Files.deleteIfExists(runDir.resolve(RunLock.FILE));
            for (Path p = runDir.toAbsolutePath(); p != null && p.startsWith(created); p = p.getParent()) {
                Files.deleteIfExists(p); // only empty folders: anything else stays, and the error is the run's
            }
        } catch (IOException ignored) {
            // a folder something else wrote into stays; the run's own error is the one to report
        }
    }

    private RunSummary runLocked(ExperimentConfig config, RunFolder folder) throws IOException {
        Path runDir = folder.dir();
        if (Files.exists(folder.checkpoint())) {
            throw new IOException(runDir + " already holds a run (checkpoint.bin): use --resume to continue it, or another --out");
        }
        try (Setup setup = setup(config)) { // data, network and devices first: a start that fails writes nothing
            config = withTwinSha256(config); // a resumed run checks the files are the same
            if (config.spallGains() && config.spsaStability() == null) {
                config = config.withSpsaStability(spsaStability(config, setup.train())); // kept when --resume extends the run
            }
            folder.writeConfig(config);
            return execute(config, folder, false, setup);
        }
    }

    /** Continues the run in {@code runDir} from its last checkpoint, with its saved configuration. */
    public RunSummary resume(Path runDir) throws IOException {
        return resume(runDir, null);
    }

    /**
     * {@link #resume}, and with {@code epochs} given, to that many epochs in all: a finished run is
     * extended (trained on from its last epoch, then measured on the test set again). Fewer epochs
     * than the run has trained is an error; config.json records the new count.
     */
    public RunSummary resume(Path runDir, Integer epochs) throws IOException {
        return locked(runDir, folder -> {
            if (epochs != null && Files.exists(folder.config())) {
                extend(folder, epochs);
            }
            return resumeLocked(folder);
        });
    }

    /** Sets the run's epochs in its config.json to {@code epochs}, which must be at least those trained. */
    private static void extend(RunFolder folder, int epochs) throws IOException {
        int done = RunFolder.readEpochs(folder.dir()).size();
        if (epochs < done) {
            throw new IllegalArgumentException("--epochs " + epochs + ": " + folder.dir() + " has trained " + done
                    + " epochs already; give at least " + done);
        }
        ExperimentConfig.Builder b = ExperimentConfig.read(folder.config()).toBuilder();
        b.epochs = epochs;
        folder.writeConfig(b.build().validate());
    }

    private RunSummary resumeLocked(RunFolder folder) throws IOException {
        Path runDir = folder.dir();
        if (!Files.exists(folder.config()) || !Files.exists(folder.checkpoint())) {
            throw new IOException(runDir + " has no config.json and checkpoint.bin to resume from");
        }
        ExperimentConfig config = ExperimentConfig.read(folder.config()).validate();
        try (Setup setup = setup(config)) {
            return execute(config, folder, true, setup);
        }
    }

    /**
     * Runs {@code config} into {@code runDir}, or carries on with what is there: a finished run
     * (summary.json) is read back, an interrupted one (checkpoint.bin) is resumed. A folder that
     * holds a run of another configuration is an error naming the first field that differs.
     */
    public RunSummary runOrContinue(ExperimentConfig config, Path runDir) throws IOException {
        config.validate();
        return locked(runDir, folder -> runOrContinueLocked(config, folder));
    }

    private RunSummary runOrContinueLocked(ExperimentConfig config, RunFolder folder) throws IOException {
        Path runDir = folder.dir();
        if (!Files.exists(folder.config())) {
            return runLocked(config, folder);
        }
        ExperimentConfig saved = ExperimentConfig.read(folder.config());
        config = withTwinSha256(config); // as the run recorded it when it started
        if (!saved.equals(config)) {
            throw new IOException(runDir + " holds a run of another configuration (" + ExperimentConfig.firstDifference(saved, config)
                    + "): use another --out");
        }
        if (Files.exists(folder.summary())) {
            RunSummary done = RunFolder.JSON.readValue(folder.summary().toFile(), RunSummary.class);
            log.finishedBefore(runDir, done);
            return done;
        }
        return Files.exists(folder.checkpoint()) ? resumeLocked(folder) : runLocked(config, folder);
    }

    /**
     * The learned twins of {@code c.twin()} — one file for every physical layer, or a comma-separated
     * list, one per layer in order (a twin is fitted to one layer's hardware, whose hidden mismatch
     * differs from layer to layer) — each checked against the layer's analytic model; or null.
     */
    private static java.util.function.UnaryOperator<org.patengine.sim.DifferentiableMap> learnedTwin(ExperimentConfig c,
                                                                                                     ComputeBackend backend) {
        if (c.twin() == null) {
            return null;
        }
        java.util.List<Path> files = c.twinPaths();
        java.util.List<TwinFile> twins = new java.util.ArrayList<>();
        try {
            String sha = twinSha256(files);
            if (c.twinSha256() != null && !c.twinSha256().equals(sha)) {
                throw new IOException("twin file " + c.twin() + " changed since the run started (SHA-256 " + sha + ", the run's "
                        + c.twinSha256() + "): a resumed run would train against another twin");
            }
            for (Path f : files) {
                twins.add(TwinFile.read(f));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e.getMessage(), e);
        }
        int[] layer = {0};
        return analytic -> {
            int k = layer[0]++;
            if (files.size() > 1 && k >= files.size()) {
                throw new IllegalArgumentException("--twin names " + files.size() + " twins, one per physical layer, but the network has more");
            }
            Path file = files.get(files.size() == 1 ? 0 : k);
            TwinFile twin = twins.get(files.size() == 1 ? 0 : k);
            if (analytic.inputSize() != twin.inputSize() || analytic.outputSize() != twin.outputSize()
                    || analytic.parameterSize() != twin.parameterSize()) {
                throw new IllegalArgumentException("twin file " + file + " is a twin of " + twin.inputSize() + " inputs, "
                        + twin.parameterSize() + " parameters and " + twin.outputSize() + " outputs (" + twin.system() + "); the layer has "
                        + analytic.inputSize() + ", " + analytic.parameterSize() + " and " + analytic.outputSize());
            }
            checkFittedToThisHardware(c, file, twin, k + 1);
            try {
                LearnedTwin learned = twin.twin(backend, file);
                return c.twinRefine() == 0 ? learned : new TwinRefinement(learned, twin, c.twinRefine(), c.twinMemory(),
                        c.twinRefineLr().floatValue(), c.seed() * 1_000_003L + k);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e.getMessage(), e);
            }
        };
    }

    /**
     * A twin fitted to a built-in system's hardware learned that hardware's hidden mismatch, which
     * differs with the seed and the layer: used on another layer's, it would hand PAT a model of
     * other hardware without a word. Its recorded system, preset, knobs, seed and layer must be the
     * run's (a twin fitted to an external device carries no seed, and is not checked).
     */
    static void checkFittedToThisHardware(ExperimentConfig c, Path file, TwinFile twin, int layer) {
        java.util.Map<String, Object> s = twin.sampling();
        if (s == null || c.device() != null || s.get("device") != null || !s.containsKey("seed")) {
            return;
        }
        java.util.Map<String, Object> fitted = new java.util.LinkedHashMap<>();
        fitted.put("system", s.get("system"));
        fitted.put("preset", s.get("preset"));
        fitted.put("hardware", s.get("hardware") == null ? java.util.Map.of() : s.get("hardware"));
        fitted.put("seed", s.get("seed"));
        fitted.put("layer", s.get("layer"));
        java.util.Map<String, Object> run = new java.util.LinkedHashMap<>();
        run.put("system", c.system());
        run.put("preset", c.preset());
        run.put("hardware", c.hardware());
        run.put("seed", c.seed());
        run.put("layer", layer);
        for (String key : fitted.keySet()) {
            if (!sameValue(fitted.get(key), run.get(key))) {
                throw new IllegalArgumentException("twin file " + file + " was fitted to other hardware than this run's layer " + layer
                        + " (" + key + " " + fitted.get(key) + ", the run's " + run.get(key) + "): each seed and layer has its own hidden "
                        + "mismatch; fit one with pat twin fit --system " + c.system() + " --preset " + c.preset() + " --seed " + c.seed()
                        + " --layer " + layer + (c.hardware().isEmpty() ? "" : " --hardware ...")
                        + " (compare --seeds takes --twin FILE with {seed} in its name)");
            }
        }
    }

    /** Equal as JSON gives them back: numbers by value, text ignoring case, maps entry by entry. */
    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        if (a instanceof String x && b instanceof String y) {
            return x.equalsIgnoreCase(y);
        }
        if (a instanceof java.util.Map<?, ?> x && b instanceof java.util.Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (var e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !sameValue(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return java.util.Objects.equals(a, b);
    }

    /** {@code c} with its twin files' SHA-256s, when it has twins and they are not recorded yet. */
    private static ExperimentConfig withTwinSha256(ExperimentConfig c) throws IOException {
        if (c.twin() == null || c.twinSha256() != null) {
            return c;
        }
        ExperimentConfig.Builder b = c.toBuilder();
        b.twinSha256 = twinSha256(c.twinPaths());
        return b.build();
    }

    /** The twin files' SHA-256s, comma-separated. */
    static String twinSha256(java.util.List<Path> files) throws IOException {
        java.util.List<String> sums = new java.util.ArrayList<>();
        for (Path f : files) {
            sums.add(TwinFile.sha256(f));
        }
        return String.join(",", sums);
    }

    /** Spall's A: as configured, else a tenth of the run's optimizer steps on {@code train}. */
    static long spsaStability(ExperimentConfig c, Dataset train) {
        if (c.spsaStability() != null) {
            return c.spsaStability();
        }
        long stepsPerEpoch = (train.size() + c.batch() - 1) / c.batch();
        return SpallGains.stabilityFor(stepsPerEpoch * c.epochs());
    }

    /** The network, trainer and datasets of a configuration. */
    public record Setup(Dataset train, Dataset validation, Dataset test, Network network,
                        Trainer trainer, ComputeBackend backend, Devices devices) implements AutoCloseable {
        /** Says BYE to the run's external devices, if it has any. */
        @Override
        public void close() {
            if (devices != null) {
                devices.close();
            }
        }
    }

    /** Builds everything a configuration describes (nothing is trained). */
    public static Setup setup(ExperimentConfig c) throws IOException {
        return setup(c, ExperimentData.load(c));
    }

    /**
     * {@link #setup(ExperimentConfig)} on data already loaded for a configuration with the same
     * dataset fields ([train, validation, test] as {@link ExperimentData#load} gives), e.g. to measure
     * the same test set on several hardware variants.
     */
    public static Setup setup(ExperimentConfig c, Dataset[] data) {
        ComputeBackend backend = Backends.select(c.backend());
        int classes = data[0].classCount();
        Architecture a = Architectures.named(c.architecture());
        if (!a.takes(data[0].inputSize())) {
            throw new IllegalArgumentException("architecture " + c.architecture() + " takes " + a.takesDescription()
                    + ", dataset " + c.dataset() + " has " + data[0].inputSize() + " inputs");
        }
        Devices devices = c.device() == null ? null : new Devices(c.device(), c.deviceTimeout());
        try {
            return setup(c, data, backend, classes, devices);
        } catch (RuntimeException e) {
            if (devices != null) {
                devices.close();
            }
            throw e;
        }
    }

    private static Setup setup(ExperimentConfig c, Dataset[] data, ComputeBackend backend, int classes, Devices devices) {
        Network net = Architectures.build(c.architecture(), data[0].inputSize(), c.depth(), classes, c.preset(), c.hardware(),
                c.deviceInputBox(), c.seed(), backend, devices == null ? null : devices.replacing(), learnedTwin(c, backend));
        net.latency(c.latency());
        boolean spall = c.spallGains();
        LearningRateSchedule schedule = spall ? new SpallGains((float) c.learningRate(), spsaStability(c, data[0]))
                : c.lrStepEpochs() > 0 ? new StepSchedule((float) c.learningRate(), (float) c.lrGamma(), c.lrStepEpochs())
                : LearningRateSchedule.constant((float) c.learningRate());
        Optimizer optimizer = spall ? new SgdMomentum(0f) // Spall's θ ← θ − a_k·ĝ
                : c.optimizer().equalsIgnoreCase("sgd") ? new SgdMomentum(0.9f) : new Adam();
        Trainer t = Trainer.builder(net).mode(c.trainingMode()).loss(new SoftmaxCrossEntropy())
                .optimizer(optimizer).schedule(schedule).batchSize(c.batch()).seed(c.seed())
                .finiteDifferences(c.fdScheme().equalsIgnoreCase("central"), c.fdStep().floatValue(), true)
                .spsa(new Spsa(c.spsaC().floatValue(), c.spsaSamples(), spall))
                .commonNoise(c.commonNoise()).build();
        return new Setup(data[0], data[1], data[2], net, t, backend, devices);
    }

    /**
     * The run: restore it when resuming, then train the remaining epochs, each measured (on
     * validation, else on the test set), recorded and checkpointed; then the report.
     */
    private RunSummary execute(ExperimentConfig c, RunFolder folder, boolean resume, Setup s) throws IOException {
        Trainer t = s.trainer();
        if (resume) {
            Checkpoints.read(folder.checkpoint(), t);
            folder.loadEpochs(t.epoch());
            log.resuming(folder, t.epoch() + 1, c.epochs());
        }
        log.start(c, folder, s);
        Throughput throughput = Throughput.of(folder.epochs());
        boolean byValidation = s.validation() != null;
        while (t.epoch() < c.epochs()) {
            int epoch = t.epoch() + 1;
            long t0 = System.nanoTime();
            EpochResult er = progress.train(t, s.train(), epoch, c.epochs());
            double sec = (System.nanoTime() - t0) / 1e9;
            throughput.add(sec, er.samples());
            EpochRecord r = EpochRecord.of(epoch, er, t.evaluate(byValidation ? s.validation() : s.test()), sec, c.latency());
            folder.addEpoch(r);
            if (byValidation) {
                BestEpoch.keepIfBest(folder, t, epoch);
            }
            Checkpoints.write(folder.checkpoint(), t);
            log.epoch(r, c.epochs(), byValidation);
        }
        return report(c, folder, s, throughput);
    }

    /**
     * Each twin refined in the loop, as it was at the selected epoch (the best checkpoint restores
     * it with the parameters it served), to {@code twin-layer<k>.json} (a twin file like pat twin
     * fit's, for --twin of another run).
     */
    private static void writeRefinedTwins(RunFolder folder, Network net) throws IOException {
        int k = 0;
        for (var layer : net.layers()) {
            if (layer instanceof org.patengine.engine.layer.PhysicalLayer pl) {
                k++;
                if (pl.model() instanceof TwinRefinement r) {
                    r.file().write(folder.dir().resolve("twin-layer" + k + ".json"));
                }
            }
        }
    }

    /** Measures the selected epoch's parameters on the test set once, and writes the summary. */
    private RunSummary report(ExperimentConfig c, RunFolder folder, Setup s, Throughput throughput) throws IOException {
        boolean byValidation = s.validation() != null;
        EpochRecord selected = BestEpoch.restore(folder, s.trainer(), byValidation);
        if (byValidation) {
            log.selected(selected);
        }
        ConfusionMatrix cm = new ConfusionMatrix(s.network().outputSize());
        Evaluation test = s.trainer().evaluate(s.test(), cm);
        writeRefinedTwins(folder, s.network());
        Double fidelity = org.patengine.engine.grad.GradientFidelity.measureIfExact(s.network(), s.test(), new SoftmaxCrossEntropy(),
                c.batch());
        RunSummary summary = RunSummary.of(c, folder, s, throughput, selected, test, cm, fidelity);
        folder.writeSummary(summary, cm);
        log.test(s.test().size(), test);
        if (fidelity != null) {
            log.fidelity(fidelity);
        }
        return summary;
    }
}
