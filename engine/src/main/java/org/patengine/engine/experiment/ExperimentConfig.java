package org.patengine.engine.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import org.patengine.engine.data.ImageAugmentation;
import org.patengine.engine.layer.DeviceBox;
import org.patengine.engine.train.TrainingMode;

/**
 * Everything that defines a training run, so that it can be repeated exactly: read from a JSON or
 * YAML experiment file and/or command-line options, validated, and written back resolved into the run
 * folder ({@code config.json}).
 *
 * @param dataset       mnist, fashion-mnist, circle, stripe, quadrants, vowels or deterding ({@link DatasetCatalog})
 * @param architecture  the network, see {@link Architectures}
 * @param depth         its number of physical layers, for an architecture that has a depth
 *                      ({@link Architecture#depth}; vowels-shg: 1-32); 0: the architecture's default
 * @param system        the physical system the network's layers are made of ({@link SystemCatalog}):
 *                      oscillators; the architecture's own when a file names none (as every
 *                      config.json written before systems had names)
 * @param augmentation  how training images are transformed each epoch: none, affine or hflip
 *                      ({@link ImageAugmentation}; the dataset's reference one when not named)
 * @param preset        the physical system's non-idealities ({@link SystemEntry#presets}): none or paper-gap
 * @param hardware      knobs of the preset changed, by name ({@link SystemEntry#knobs}), e.g.
 *                      {@code {"readoutNoise": 0.01, "adcBits": 8}}; empty for the preset as it is
 * @param deviceBox     how the trainer keeps device inputs that must lie in [0, 1] (shg's) in their box
 *                      ({@link DeviceBox}): {@code penalty} (clamp plus the soft penalty in the loss; the
 *                      reference code's and the default) or {@code clamp} (the clamp's gradient alone);
 *                      ignored by systems with unbounded inputs (oscillators). Absent in a file: penalty
 * @param deviceBoxWeight    λ, the soft penalty's weight (default 1)
 * @param deviceBoxSharpness β, the softplus's sharpness at the box's edges (default 30, the reference's factor)
 * @param mode          pat, insilico, ideal, reservoir, fd or spsa
 * @param epochs        passes over the training set
 * @param batch         samples per optimizer step
 * @param learningRate  initial learning rate (Adam or SGD)
 * @param lrStepEpochs  the learning rate is multiplied by {@code lrGamma} every this many epochs (0 = constant)
 * @param lrGamma       the step schedule's factor
 * @param optimizer     adam or sgd (SGD with momentum 0.9)
 * @param seed          seeds initialisation, batch order and every noise source
 * @param trainSamples  training samples used (0 = all that remain after the validation split)
 * @param validation    samples held out of the training set for validation
 * @param testSamples   test samples used (0 = all)
 * @param backend       compute backend: auto, scalar, simd or opencl
 * @param data          folder or file of the dataset (null = the data cache, or the copy the engine ships)
 * @param fdScheme      the fd mode's differences: central (2 forwards per parameter, the default) or forward (1)
 * @param fdStep        the fd mode's step, as a share of each parameter's range (absolute for an unbounded
 *                      one, such as a digital weight); default 1e-3
 * @param spsaC         the spsa mode's perturbation size c (default 1e-2)
 * @param spsaSamples   the spsa mode's estimates averaged per step, q (default 1)
 * @param spsaGains     the spsa mode's gains: {@code optimizer} (the default: the optimizer and its learning-rate
 *                      schedule, the same c every step) or {@code spall} (plain gradient steps
 *                      {@code a_k = lr·((1+A)/(k+1+A))^0.602} and perturbations {@code c_k = c/(k+1)^0.101},
 *                      {@link org.patengine.engine.optim.SpallGains}). Absent in a file: optimizer
 * @param spsaStability Spall's stability constant A; absent: a tenth of the run's steps, resolved when the run
 *                      starts and written into config.json
 * @param commonNoise   fd and spsa: every perturbed forward draws the noise (and drift) of the unperturbed one
 *                      (common random numbers; a simulated system only). Default false
 * @param device        an external apparatus for every physical layer, over the apparatus protocol
 *                      (docs/apparatus-protocol.md): a command line the engine starts, or {@code tcp://host:port};
 *                      null: the simulated hardware. Its handshake must match the layer's hardware
 * @param deviceTimeout seconds a device may take to answer one request (default 30)
 * @param twin          a learned twin file ({@code pat twin fit}) that every physical layer uses as its digital
 *                      model instead of the system's analytic one; null: the analytic one
 * @param twinSha256    the twin file's SHA-256, written when the run starts; a resumed run refuses a changed file
 * @param twinRefine    pat with learned twins: after every training epoch each twin is fitted further, this many
 *                      passes over the last {@code twinMemory} measurements its layer made in training (the
 *                      operating points the uniform sampling of {@code pat twin fit} covers thinly); 0: off (default)
 * @param twinMemory    the measurements (samples) each refined twin keeps, the newest replacing the oldest (4096)
 * @param twinRefineLr  Adam's step size for refining (default 3e-4)
 * @param apparatus     the apparatus's speed, {@code {perCall, perSample, perUpdate}} seconds and {@code sleep}
 *                      (0: account only, 1: the simulated system waits that long); empty: none
 *                      ({@link org.patengine.sim.ApparatusLatency})
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ExperimentConfig(
        String dataset,
        String architecture,
        int depth,
        String system,
        String augmentation,
        String preset,
        Map<String, Double> hardware,
        String deviceBox,
        Double deviceBoxWeight,
        Double deviceBoxSharpness,
        String mode,
        int epochs,
        int batch,
        double learningRate,
        int lrStepEpochs,
        double lrGamma,
        String optimizer,
        long seed,
        int trainSamples,
        int validation,
        int testSamples,
        String backend,
        String data,
        String fdScheme,
        Double fdStep,
        Double spsaC,
        Integer spsaSamples,
        String spsaGains,
        Long spsaStability,
        Boolean commonNoise,
        String device,
        Double deviceTimeout,
        String twin,
        String twinSha256,
        Integer twinRefine,
        Integer twinMemory,
        Double twinRefineLr,
        Map<String, Double> apparatus) {

    public static final List<String> FD_SCHEMES = List.of("central", "forward");
    public static final double DEFAULT_FD_STEP = 1e-3;
    public static final double DEFAULT_SPSA_C = 1e-2;
    public static final double DEFAULT_DEVICE_TIMEOUT = 30;
    /** In {@link #twin}, replaced by the run's seed. */
    public static final String SEED_PLACEHOLDER = "{seed}";
    public static final int DEFAULT_TWIN_MEMORY = 4096;
    public static final double DEFAULT_TWIN_REFINE_LR = 3e-4;
    public static final List<String> SPSA_GAINS = List.of("spall", "optimizer");

    public static final List<String> OPTIMIZERS = List.of("adam", "sgd");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** The defaults: the MNIST oscillator network with PAT under the paper's gap. */
    public static ExperimentConfig defaults() {
        return new ExperimentConfig("mnist", "mnist-oscillators", 0, SystemCatalog.DEFAULT, "affine", "paper-gap", Map.of(),
                DeviceBox.DEFAULT.mode().id(), DeviceBox.DEFAULT_WEIGHT, DeviceBox.DEFAULT_SHARPNESS, "pat", 10, 32, 1e-3, 0, 0.5,
                "adam", 1, 0, 6000, 0, "auto", null, "central", DEFAULT_FD_STEP, DEFAULT_SPSA_C, 1, "optimizer", null, false, null,
                DEFAULT_DEVICE_TIMEOUT, null, null, 0, DEFAULT_TWIN_MEMORY, DEFAULT_TWIN_REFINE_LR, Map.of());
    }

    public ExperimentConfig {
        hardware = hardware == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(hardware));
        // a summary.json written before systems had names holds a config without one: the only system then
        system = system == null ? SystemCatalog.DEFAULT : system;
        // and one written before the device box held none: the default box
        deviceBox = deviceBox == null ? DeviceBox.DEFAULT.mode().id() : deviceBox;
        deviceBoxWeight = deviceBoxWeight == null ? DeviceBox.DEFAULT_WEIGHT : deviceBoxWeight;
        deviceBoxSharpness = deviceBoxSharpness == null ? DeviceBox.DEFAULT_SHARPNESS : deviceBoxSharpness;
        // and one written before the estimators had settings: what they were then (absolute steps aside)
        fdScheme = fdScheme == null ? "central" : fdScheme;
        fdStep = fdStep == null ? DEFAULT_FD_STEP : fdStep;
        spsaC = spsaC == null ? DEFAULT_SPSA_C : spsaC;
        spsaSamples = spsaSamples == null ? 1 : spsaSamples;
        spsaGains = spsaGains == null ? "optimizer" : spsaGains;
        commonNoise = commonNoise != null && commonNoise;
        device = device == null || device.isBlank() ? null : device;
        deviceTimeout = deviceTimeout == null ? DEFAULT_DEVICE_TIMEOUT : deviceTimeout;
        // and one written before twins were refined in the loop: none were
        twinRefine = twinRefine == null ? 0 : twinRefine;
        twinMemory = twinMemory == null ? DEFAULT_TWIN_MEMORY : twinMemory;
        twinRefineLr = twinRefineLr == null ? DEFAULT_TWIN_REFINE_LR : twinRefineLr;
        apparatus = apparatus == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(apparatus));
    }

    /**
     * The learned twins' files, one for every physical layer or one per layer in order, with
     * {@value #SEED_PLACEHOLDER} replaced by the seed (each seed's hardware has its own hidden
     * mismatch: {@code compare --seeds 1,2,3 --twin t-s{seed}.json}); empty without twins.
     */
    public List<java.nio.file.Path> twinPaths() {
        if (twin == null) {
            return List.of();
        }
        return java.util.Arrays.stream(twin.split(",")).map(String::trim)
                .map(f -> java.nio.file.Path.of(f.replace(SEED_PLACEHOLDER, Long.toString(seed)))).toList();
    }

    /** Whether this run makes Spall's SPSA steps (mode spsa with {@code spsaGains} spall). */
    public boolean spallGains() {
        return "spsa".equalsIgnoreCase(mode) && "spall".equalsIgnoreCase(spsaGains);
    }

    /** This configuration with Spall's A given (for a run that resolves it when it starts). */
    public ExperimentConfig withSpsaStability(long a) {
        Builder b = toBuilder();
        b.spsaStability = a;
        return b.build();
    }

    /** The apparatus's speed ({@link #apparatus}); an unknown key or a negative time is an error naming it. */
    public org.patengine.sim.ApparatusLatency latency() {
        return org.patengine.sim.ApparatusLatency.of(apparatus);
    }

    /** The device box of {@link #deviceBox}, {@link #deviceBoxWeight} and {@link #deviceBoxSharpness}. */
    public DeviceBox deviceInputBox() {
        return DeviceBox.of(deviceBox, deviceBoxWeight, deviceBoxSharpness);
    }

    /** The training mode. */
    public TrainingMode trainingMode() {
        return TrainingMode.parse(mode);
    }

    /** Checks every field; the message names the field, its value and what is accepted. */
    public ExperimentConfig validate() {
        oneOf("dataset", dataset, DatasetCatalog.names());
        oneOf("architecture", architecture, Architectures.names());
        oneOf("system", system, SystemCatalog.names());
        Architecture net = Architectures.named(architecture);
        net.depth(depth);
        DatasetEntry data = DatasetCatalog.named(dataset);
        if (!data.fits(net)) {
            throw new IllegalArgumentException(ExperimentData.mismatch(data, net));
        }
        String madeOf = net.system();
        if (!madeOf.equalsIgnoreCase(system)) {
            throw new IllegalArgumentException("architecture " + architecture + " is made of the system " + madeOf + ", not "
                    + system + "; architectures of " + system + ": " + Architectures.namesOf(system));
        }
        oneOf("augmentation", augmentation, ImageAugmentation.NAMES);
        SystemEntry physics = SystemCatalog.named(system);
        oneOf("preset", preset, physics.presets());
        try {
            physics.checkHardware(preset, hardware);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hardware: " + e.getMessage(), e);
        }
        oneOf("deviceBox", deviceBox, DeviceBox.MODES);
        try {
            deviceInputBox();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("deviceBoxWeight / deviceBoxSharpness: " + e.getMessage(), e);
        }
        oneOf("optimizer", optimizer, OPTIMIZERS);
        oneOf("fdScheme", fdScheme, FD_SCHEMES);
        latency();
        if (!(fdStep > 0 && fdStep < 1)) {
            throw new IllegalArgumentException("fdStep must be in (0, 1), a share of each parameter's range, was " + fdStep);
        }
        if (!(spsaC > 0) || spsaC.isInfinite()) {
            throw new IllegalArgumentException("spsaC must be finite and > 0, was " + spsaC);
        }
        if (spsaSamples < 1) {
            throw new IllegalArgumentException("spsaSamples must be >= 1, was " + spsaSamples);
        }
        oneOf("spsaGains", spsaGains, SPSA_GAINS);
        if (!(deviceTimeout > 0) || deviceTimeout.isInfinite()) {
            throw new IllegalArgumentException("deviceTimeout must be finite and > 0 seconds, was " + deviceTimeout);
        }
        if (spsaStability != null && spsaStability < 0) {
            throw new IllegalArgumentException("spsaStability (Spall's A) must be >= 0, was " + spsaStability);
        }
        oneOf("backend", backend, List.of("auto", "scalar", "simd", "opencl"));
        try {
            TrainingMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mode: " + e.getMessage(), e);
        }
        if (twinRefine < 0 || twinMemory < 1 || !(twinRefineLr > 0) || twinRefineLr.isInfinite()) {
            throw new IllegalArgumentException("twinRefine must be >= 0 passes, twinMemory >= 1 sample and twinRefineLr finite and > 0;"
                    + " were " + twinRefine + ", " + twinMemory + ", " + twinRefineLr);
        }
        if (twinRefine == 0 && (twinMemory != DEFAULT_TWIN_MEMORY || twinRefineLr != DEFAULT_TWIN_REFINE_LR)) {
            throw new IllegalArgumentException("twinMemory and twinRefineLr are twinRefine's settings, which is 0 (off): they would be"
                    + " ignored; give twinRefine (--twin-refine PASSES) or leave them out");
        }
        if (twinRefine > 0 && twin == null) {
            throw new IllegalArgumentException("twinRefine " + twinRefine + " refines learned twins, but the run has none: give twin"
                    + " (--twin FILE, from pat twin fit)");
        }
        if (twinRefine > 0 && TrainingMode.parse(mode) != TrainingMode.PAT) {
            throw new IllegalArgumentException("twinRefine refines the twins on what the hardware measured in PAT's forward passes;"
                    + " the " + mode + " mode " + (TrainingMode.parse(mode) == TrainingMode.INSILICO ? "measures nothing while training"
                    : "does not take the twin's gradient") + ": use it with mode pat");
        }
        if (commonNoise && !TrainingMode.parse(mode).blackBox()) {
            throw new IllegalArgumentException("commonNoise is for the fd and spsa modes; the " + mode + " mode perturbs nothing");
        }
        if (spallGains() && (lrStepEpochs > 0 || !optimizer.equalsIgnoreCase("adam"))) {
            throw new IllegalArgumentException("spsaGains spall makes plain gradient steps with Spall's decaying gain (from the "
                    + "learning rate), so " + (lrStepEpochs > 0 ? "lrStepEpochs " + lrStepEpochs : "optimizer " + optimizer)
                    + " would be ignored; use spsaGains optimizer (--spsa-gains optimizer) for the optimizer and its schedule");
        }
        positive("epochs", epochs);
        positive("batch", batch);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be finite and > 0, was " + learningRate);
        }
        if (lrStepEpochs < 0) {
            throw new IllegalArgumentException("lrStepEpochs must be >= 0, was " + lrStepEpochs);
        }
        if (!(lrGamma > 0 && lrGamma <= 1)) {
            throw new IllegalArgumentException("lrGamma must be in (0, 1], was " + lrGamma);
        }
        if (trainSamples < 0 || validation < 0 || testSamples < 0) {
            throw new IllegalArgumentException("trainSamples, validation and testSamples must be >= 0, were "
                    + trainSamples + ", " + validation + ", " + testSamples);
        }
        return this;
    }

    private static void oneOf(String field, String value, List<String> allowed) {
        if (value == null || !allowed.contains(value.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(field + " '" + value + "' is not one of " + allowed);
        }
    }

    private static void positive(String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be >= 1, was " + value);
        }
    }

    /**
     * Reads a JSON experiment file, or YAML when its name ends in {@code .yaml} or {@code .yml};
     * unknown or mistyped fields are errors that name the file and field. Fields the file leaves
     * out keep their defaults, but for four: a file that names a dataset and no architecture,
     * augmentation, validation or learning rate gets the dataset's own ({@link DatasetEntry}; the architecture the
     * dataset's on the file's system), one that names no system gets the architecture's
     * ({@link Architecture#system}), and one that names no preset the system's
     * ({@link SystemEntry#defaultPreset()}) when the defaults' is not one of its, so old config.json files read as they were (they hold every
     * field but the system and the device box, which read as oscillators and the default box).
     */
    /** Jackson's reason, without the source description it embeds for an unclosed object. */
    static String parseReason(JsonProcessingException e) {
        return e.getOriginalMessage().replaceAll(" \\(start marker at \\[Source: [^;]*; line: (\\d+), column: (\\d+)\\]\\)",
                " (the object opened at line $1, column $2)").replaceAll("\\s*\\n\\s*", " ");
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null || e.getLocation().getLineNr() < 1 ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    public static ExperimentConfig read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        ObjectNode merged = JSON.valueToTree(defaults());
        JsonNode in;
        try {
            in = (yaml ? YAML : JSON).readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid " + (yaml ? "YAML" : "JSON") + where(e) + ": " + parseReason(e), e);
        }
        if (in == null || !in.isObject()) {
            throw new IOException(file + ": expected a JSON object with the experiment's fields");
        }
        for (var it = in.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!merged.has(f)) {
                List<String> known = new java.util.ArrayList<>();
                merged.fieldNames().forEachRemaining(known::add);
                throw new IOException(file + ": unknown field '" + f + "'; known fields: " + known);
            }
        }
        checkTypes(file, in);
        merged.setAll((ObjectNode) in);
        if (in.has("dataset") && in.get("dataset").isTextual()) {
            String dataset = in.get("dataset").asText();
            if (DatasetCatalog.names().contains(dataset.toLowerCase(Locale.ROOT))) { // else validate() names the bad dataset
                DatasetEntry entry = DatasetCatalog.named(dataset);
                if (!in.has("architecture")) {
                    // the dataset's network on the file's system (its own when the file names none)
                    String system = in.has("system") && in.get("system").isTextual() ? in.get("system").asText() : null;
                    String own = entry.defaultArchitecture(system);
                    merged.put("architecture", own != null ? own : entry.defaultArchitecture()); // null: validate() names the system's
                }
                if (!in.has("augmentation")) {
                    merged.put("augmentation", entry.defaultAugmentation());
                }
                if (!in.has("validation")) {
                    merged.put("validation", entry.defaultValidation());
                }
                if (!in.has("learningRate")) {
                    merged.put("learningRate", entry.defaultLearningRate());
                }
                if (!in.has("epochs")) {
                    merged.put("epochs", entry.defaultEpochs());
                }
            }
        }
        JsonNode architecture = merged.get("architecture");
        if (!in.has("system") && architecture.isTextual()
                && Architectures.names().contains(architecture.asText().toLowerCase(Locale.ROOT))) {
            merged.put("system", Architectures.named(architecture.asText()).system()); // else validate() names the bad one
        }
        JsonNode system = merged.get("system");
        if (!in.has("preset") && system.isTextual() && SystemCatalog.names().contains(system.asText().toLowerCase(Locale.ROOT))) {
            SystemEntry entry = SystemCatalog.named(system.asText());
            if (!entry.presets().contains(merged.get("preset").asText().toLowerCase(Locale.ROOT))) {
                merged.put("preset", entry.defaultPreset()); // the defaults' paper-gap is the oscillators'
            }
        }
        try {
            return JSON.treeToValue(merged, ExperimentConfig.class);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Each field of an experiment file against its component's type, so nothing is coerced: a whole
     * number where an int or long is (1.7 epochs is not 1), a number where a double is, text where a
     * string is, an object of numbers for the hardware knobs; null only for the optional ones.
     */
    private static void checkTypes(Path file, JsonNode in) throws IOException {
        for (var component : ExperimentConfig.class.getRecordComponents()) {
            String f = component.getName();
            JsonNode v = in.get(f);
            if (v == null) {
                continue;
            }
            Class<?> t = component.getType();
            String expected = null;
            if (v.isNull()) {
                expected = t.isPrimitive() ? "a value" : null;
            } else if (t == int.class || t == Integer.class || t == long.class) {
                boolean fits = v.isIntegralNumber() && (t == long.class ? v.canConvertToLong() : v.canConvertToInt());
                expected = fits ? null : "a whole number" + (t == long.class ? "" : " (32-bit)");
            } else if (t == double.class || t == Double.class) {
                expected = v.isNumber() ? null : "a number";
            } else if (t == String.class) {
                expected = v.isTextual() ? null : "text";
            } else if (t == Map.class) {
                boolean numbers = v.isObject();
                for (var it = v.fields(); numbers && it.hasNext(); ) {
                    numbers = it.next().getValue().isNumber();
                }
                expected = numbers ? null : "an object of KNOB: number";
            }
            if (expected != null) {
                throw new IOException(file + ": field '" + f + "' must be " + expected + ", was " + v);
            }
        }
    }

    /** "field: a vs b" for the first field in which two configurations differ, or "" when equal. */
    public static String firstDifference(ExperimentConfig a, ExperimentConfig b) {
        for (var component : ExperimentConfig.class.getRecordComponents()) {
            try {
                Object x = component.getAccessor().invoke(a);
                Object y = component.getAccessor().invoke(b);
                if (!java.util.Objects.equals(x, y)) {
                    return component.getName() + ": " + x + " vs " + y;
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return "";
    }

    /** The configuration as JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy with the named fields replaced (a small builder for command-line overrides). */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable copy used to apply overrides. */
    public static final class Builder {
        public String dataset, architecture, system, augmentation, preset, deviceBox, mode, optimizer, backend, data, fdScheme;
        public double fdStep, spsaC;
        public int spsaSamples;
        public String spsaGains;
        public Long spsaStability;
        public boolean commonNoise;
        public String device;
        public double deviceTimeout;
        public String twin, twinSha256;
        public int twinRefine, twinMemory;
        public double twinRefineLr;
        public Map<String, Double> apparatus;
        public Map<String, Double> hardware;
        public int depth, epochs, batch, lrStepEpochs, trainSamples, validation, testSamples;
        public double learningRate, lrGamma, deviceBoxWeight, deviceBoxSharpness;
        public long seed;

        Builder(ExperimentConfig c) {
            dataset = c.dataset;
            architecture = c.architecture;
            depth = c.depth;
            system = c.system;
            augmentation = c.augmentation;
            preset = c.preset;
            hardware = new TreeMap<>(c.hardware);
            deviceBox = c.deviceBox;
            deviceBoxWeight = c.deviceBoxWeight;
            deviceBoxSharpness = c.deviceBoxSharpness;
            mode = c.mode;
            epochs = c.epochs;
            batch = c.batch;
            learningRate = c.learningRate;
            lrStepEpochs = c.lrStepEpochs;
            lrGamma = c.lrGamma;
            optimizer = c.optimizer;
            seed = c.seed;
            trainSamples = c.trainSamples;
            validation = c.validation;
            testSamples = c.testSamples;
            backend = c.backend;
            data = c.data;
            fdScheme = c.fdScheme;
            fdStep = c.fdStep;
            spsaC = c.spsaC;
            spsaSamples = c.spsaSamples;
            spsaGains = c.spsaGains;
            spsaStability = c.spsaStability;
            commonNoise = c.commonNoise;
            device = c.device;
            deviceTimeout = c.deviceTimeout;
            twin = c.twin;
            twinSha256 = c.twinSha256;
            twinRefine = c.twinRefine;
            twinMemory = c.twinMemory;
            twinRefineLr = c.twinRefineLr;
            apparatus = new TreeMap<>(c.apparatus);
        }

        public ExperimentConfig build() {
            return new ExperimentConfig(dataset, architecture, depth, system, augmentation, preset, hardware, deviceBox, deviceBoxWeight,
                    deviceBoxSharpness, mode, epochs, batch, learningRate, lrStepEpochs,
                    lrGamma, optimizer, seed, trainSamples, validation, testSamples, backend, data, fdScheme, fdStep, spsaC, spsaSamples,
                    spsaGains, spsaStability, commonNoise, device, deviceTimeout, twin, twinSha256, twinRefine, twinMemory, twinRefineLr, apparatus);
        }
    }
}
