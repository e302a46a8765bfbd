package org.patengine.engine.experiment;

import java.util.List;
import java.util.Map;

import org.patengine.engine.layer.Activation;
import org.patengine.engine.layer.DeviceBox;
import org.patengine.engine.layer.DeviceInputBox;
import org.patengine.engine.layer.ParameterInit;
import org.patengine.engine.layer.PhysicalLayer;
import org.patengine.engine.network.Network;
import org.patengine.kernels.ComputeBackend;
import org.patengine.sim.DifferentiableMap;
import org.patengine.sim.Rng;

/**
 * The networks an experiment can train, by name: one {@link Architecture} entry each.
 * <ul>
 *   <li>{@code mnist-oscillators}: the reference code's MNIST network — 196 inputs (14×14 pixels)
 *       as the initial positions of 196 all-to-all coupled oscillators; their positions q(T) plus 10
 *       class oscillators starting at rest at 0 feed 206 coupled oscillators; logits = s·q_class(T)
 *       with a trainable scale s.</li>
 *   <li>{@code fashion-patches}: the reference code's Fashion-MNIST network — the 28×28 image (not
 *       downsampled) cut into 16 patches of 7×7; each patch's 49 pixels are the initial positions
 *       of the first 49 of 100 oscillators, the other 51 start at 0; ONE 100-oscillator layer (one
 *       θ) runs on all 16 patches; their 16×100 positions q(T) plus 10 class oscillators at rest
 *       feed 1610 coupled oscillators; logits = s·q_class(T).</li>
 *   <li>{@code toy-oscillators}: for the 2-D toy tasks — a trainable affine encoder of the 2 inputs
 *       into 16 coupled oscillators ({@code W x + b}, W ~ U(±1), b = 0), then a second layer of 16;
 *       logits = s·q(T) of the first C. {@code digits-oscillators} is the same network on the 64
 *       pixels of the 8×8 digits.</li>
 *   <li>{@code toy-shg}: for the 2-D toy tasks on SHG — a trainable affine encoder of the 2
 *       inputs into 8 shaper channels ({@code m = W x + b}, W ~ U(−0.5, 0.5), b = 0.5), an SHG
 *       layer of 8 data + 8 θ channels read out in 8 bins, a trainable gain and offset per bin, an
 *       SHG layer of 8 + 8 channels read out in one bin per class, and a trainable scale and offset
 *       per class as the logits; a device box before each SHG layer keeps its modulation in
 *       [0, 1]. The gains start at 0.5 and 1 over the twin's mean output at m = 0.5
 *       ({@link #typicalTwinOutput}).</li>
 *   <li>{@code vowels-shg}: the lab's SHG vowel network — L SHG layers (default 1, the lab's 5) of 50 data +
 *       50 θ channels (θ starts at 0.5). The features (any number: the 12 Hillenbrand formants, the 9
 *       Deterding log-area ratios), min–max scaled, are repeated cyclically into the 50 data channels; before
 *       each layer a trainable scalar gain (the first starting at 1; the others, in units of a reference
 *       spectrum measured on the apparatus, with a trainable scalar offset, start at
 *       m = 0.125·y/ref + 0.375: {@link #INTERLAYER_COMPRESSION}) and a device box; each layer's
 *       50 binned outputs feed the next; the last is read in one bin per class, then a trainable
 *       scale and offset per class (in units of each bin's reference output) are the logits.
 *       273 numbers for L = 5 and 7 classes, whatever the feature count.</li>
 *   <li>{@code vowels-mlp}: the digital baseline of about the same size — F features → 13 (tanh) → C,
 *       267 numbers for the 12 formants and 7 classes.</li>
 *   <li>{@code mnist-shg}: the hybrid MNIST network — the 14×14 image, a trainable affine map
 *       into 50 shaper channels (W ~ U(±1/14), b = 0.5: mid-box), L SHG layers (default 1) of 50
 *       data + 50 θ channels read in 50 bins, each followed by a trainable gain and offset per bin
 *       (starting at 0.5 in units of the apparatus's reference spectrum), and a trainable affine map to the
 *       logits.</li>
 * </ul>
 * The physical layers come from the entry's system ({@link SystemCatalog}), with the experiment's
 * preset of non-idealities and each layer's own hidden mismatch, seeded from the experiment seed.
 * Adding a network is adding its entry to {@link #ENTRIES}.
 */
public final class Architectures {
    /** fashion-patches: 16 patches of 7×7 pixels, each padded to this many shared oscillators. */
    public static final int PATCHES = 16;
    public static final int PATCH_VALUES = 49;
    public static final int PATCH_OSCILLATORS = 100;
    public static final int CLASS_OSCILLATORS = 10;

    /**
     * toy-oscillators: the encoder's weights start in U(±this). With the 2 inputs padded by zeros
     * (14 oscillators started at rest) circle reached 79 % on the apparatus; a trainable encoder
     * into all 16 gives every oscillator its own direction in the plane: 98.9 ± 0.6 % (seeds 1-3,
     * 30 epochs; 0.5 and 2 did as well).
     */
    static final float TOY_ENCODER_BOUND = 1f;

    /** toy-shg: the data channels of each SHG layer (as many θ channels again: N = 16). */
    public static final int TOY_SHG_CHANNELS = 8;

    /** vowels-shg and mnist-shg: the data channels (and binned outputs) of each SHG layer, as the lab's (N = 100). */
    public static final int SHG_CHANNELS = 50;

    /**
     * vowels-shg, layers 2…L: how much the trainable gain and offset before an SHG layer start by
     * compressing a sample's relative variation around the reference spectrum. An SHG layer's
     * intensity goes as m⁴, so it expands a relative change about 4×; with 0.5 (a plain gain to
     * mid-box) it still doubled per layer and stacks of 3-5 did not train. Seed 1, lab-gap, 400
     * epochs, test on the apparatus: with 0.25, L = 3 PAT 48 % (plain gain: 33 %), L = 5 ideal 52 %
     * (17 %); 0.125 was worse (L = 3 PAT 31 %, L = 5 ideal 21 %).
     */
    static final float INTERLAYER_COMPRESSION = 0.25f;

    /**
     * vowels-shg: the output scales' start, in units of each bin's reference output. A sample's
     * bins differ from the reference by some 10-20 %, so a scale of 1 starts every logit near 1
     * and Adam needs hundreds of steps to separate the classes; 30 starts them apart.
     */
    static final float VOWEL_LOGIT_SCALE = 30f;

    /**
     * vowels-shg's default depth. The lab's network has 5 layers, but on this simulator deeper
     * stacks train worse than one layer, even with exact gradients (docs/results/shg.md).
     */
    static final int VOWEL_DEPTH = 1;

    /** vowels-mlp: the hidden width, which makes it about as large as the 5-layer vowels-shg. */
    public static final int VOWEL_MLP_HIDDEN = 13;

    private static final List<Architecture> ENTRIES = List.of(
            new Architecture("mnist-oscillators", "14x14 MNIST network", OscillatorsEntry.NAME, 196, InputForm.PIXELS_14,
                    (b, classes, layers) -> {
                        if (classes > 10) {
                            throw new IllegalArgumentException("mnist-oscillators has 10 class oscillators, the dataset " + classes
                                    + " classes");
                        }
                        layers.append(b, 196, 196, 1, 1);
                        b.pad(10, ParameterInit.constant(0f), false);
                        layers.append(b, 206, 206, 1, 2);
                        b.readout(196, classes, 1f);
                    }),
            new Architecture("fashion-patches", "16 patches of 7x7 through one shared 100-oscillator layer, then 1610",
                    OscillatorsEntry.NAME, PATCHES * PATCH_VALUES, InputForm.PATCHES_7,
                    (b, classes, layers) -> patches(b, PATCHES, PATCH_VALUES, PATCH_OSCILLATORS, CLASS_OSCILLATORS, classes, layers)),
            new Architecture("toy-oscillators", "2 inputs encoded into 16 oscillators, then 16", OscillatorsEntry.NAME, 2,
                    InputForm.FEATURES, Architectures::encodedOscillators),
            new Architecture("digits-oscillators", "64 pixels encoded into 16 oscillators, then 16 (toy-oscillators' network)",
                    OscillatorsEntry.NAME, 64, InputForm.FEATURES, Architectures::encodedOscillators),
            new Architecture("toy-shg", "2 inputs encoded into " + TOY_SHG_CHANNELS + " shaper channels, SHG "
                    + TOY_SHG_CHANNELS + " -> " + TOY_SHG_CHANNELS + ", then " + TOY_SHG_CHANNELS + " -> one bin per class",
                    ShgEntry.NAME, 2, InputForm.FEATURES, (b, classes, layers) -> {
                        int k = TOY_SHG_CHANNELS;
                        if (classes > k) {
                            throw new IllegalArgumentException("toy-shg reads at most " + k + " classes, the dataset has " + classes);
                        }
                        // the encoder starts at m = 0.5 ± 0.5·|x|: mid-box for the toy tasks' x in [−1, 1]²
                        b.affine(k, ParameterInit.uniform(-0.5f, 0.5f), ParameterInit.constant(0.5f));
                        layers.append(b, k, k, 1, 1);
                        // a trainable gain, starting where the twin's typical output lands mid-box
                        b.scaleShift(ParameterInit.constant(0.5f / typicalTwinOutput(b)), ParameterInit.constant(0f));
                        layers.append(b, k, classes, 1, 2);
                        // the trainable output scale (and offset) per class, starting at logits of order 1
                        b.scaleShift(ParameterInit.constant(1f / typicalTwinOutput(b)), ParameterInit.constant(0f));
                    }),
            new Architecture("vowels-shg", "the features repeated into " + SHG_CHANNELS + " shaper channels, L SHG layers of "
                    + SHG_CHANNELS + " + " + SHG_CHANNELS + " channels (default " + VOWEL_DEPTH + "), one bin per class",
                    ShgEntry.NAME, Architecture.ANY_FEATURES, InputForm.FEATURES, VOWEL_DEPTH, (b, classes, depth, layers) -> shgStack(b, classes, depth, layers)),
            new Architecture("vowels-mlp", "digital baseline: features -> " + VOWEL_MLP_HIDDEN + " (tanh) -> classes",
                    DigitalEntry.NAME, Architecture.ANY_FEATURES, InputForm.FEATURES, (b, classes, layers) -> {
                        b.affine(VOWEL_MLP_HIDDEN);
                        b.activation(Activation.TANH);
                        b.affine(classes);
                    }),
            new Architecture("mnist-shg", "hybrid: 14x14 image -> affine -> " + SHG_CHANNELS + " shaper channels, L SHG layers (default 1)"
                    + " -> affine -> 10", ShgEntry.NAME, 196, InputForm.PIXELS_14, 1, (b, classes, depth, layers) -> {
                        float bound = (float) (1 / Math.sqrt(b.currentWidth()));
                        b.affine(SHG_CHANNELS, ParameterInit.uniform(-bound, bound), ParameterInit.constant(0.5f));
                        for (int l = 1; l <= depth; l++) {
                            layers.append(b, SHG_CHANNELS, SHG_CHANNELS, 1, l);
                            // each bin in units of its reference output, so the scales start at 0.5: mid-box
                            b.scaleShift(ParameterInit.constant(0.5f), ParameterInit.constant(0f), perBinUnits(b));
                        }
                        b.affine(classes);
                    }));
    private static final Catalog<Architecture> CATALOG = new Catalog<>(ENTRIES, Architecture::name,
            n -> "unknown architecture '" + n + "': expected one of ");

    private Architectures() {
    }

    public static List<String> names() {
        return CATALOG.names();
    }

    public static List<Architecture> entries() {
        return CATALOG.entries();
    }

    /** The entry of that name (case-insensitive); an unknown name is an error naming the known ones. */
    public static Architecture named(String name) {
        return CATALOG.named(name);
    }

    /** The architectures that take images ({@code images}) or features. */
    public static List<String> namesFor(boolean images) {
        return ENTRIES.stream().filter(a -> a.form().fromImages() == images).map(Architecture::name).toList();
    }

    /** The architectures made of the named system. */
    public static List<String> namesOf(String system) {
        return ENTRIES.stream().filter(a -> a.system().equalsIgnoreCase(system)).map(Architecture::name).toList();
    }

    /** The number of inputs the architecture expects ({@link Architecture#ANY_FEATURES}: its dataset's feature count). */
    public static int inputSize(String name) {
        return named(name).inputSize();
    }

    /** The form the architecture's samples take (how the dataset catalog prepares images). */
    public static InputForm inputForm(String name) {
        return named(name).form();
    }

    /**
     * Builds the named network for {@code classes} classes with the hardware preset; {@code seed}
     * seeds the parameters and, through derived seeds, each layer's hidden mismatch and noise.
     */
    public static Network build(String name, int classes, String preset, long seed, ComputeBackend backend) {
        return build(name, classes, preset, Map.of(), seed, backend);
    }

    /**
     * {@link #build(String, int, String, long, ComputeBackend)} with the preset's knobs changed by
     * {@code hardware} (names as the architecture's system lists them), e.g. {@code readoutNoise = 0.01}.
     */
    public static Network build(String name, int classes, String preset, Map<String, Double> hardware, long seed,
                                ComputeBackend backend) {
        return build(name, classes, preset, hardware, DeviceBox.DEFAULT, seed, backend);
    }

    /**
     * {@link #build(String, int, String, Map, long, ComputeBackend)} with the device box the
     * trainer keeps bounded inputs in: for a system whose inputs must lie in [0, 1]
     * ({@link SystemEntry#inputsInUnitBox()}) a {@link DeviceInputBox} with these settings goes
     * before each of its layers; other systems ignore it.
     */
    public static Network build(String name, int classes, String preset, Map<String, Double> hardware, DeviceBox box,
                                long seed, ComputeBackend backend) {
        return build(name, 0, classes, preset, hardware, box, seed, backend);
    }

    /**
     * {@link #build(String, int, String, Map, DeviceBox, long, ComputeBackend)} with {@code depth}
     * physical layers ({@link Architecture#depth}: 0 for the architecture's default).
     */
    public static Network build(String name, int depth, int classes, String preset, Map<String, Double> hardware, DeviceBox box,
                                long seed, ComputeBackend backend) {
        return build(name, 0, depth, classes, preset, hardware, box, seed, backend);
    }

    /**
     * {@link #build(String, int, int, String, Map, DeviceBox, long, ComputeBackend)} for samples of
     * {@code inputs} values: the architecture's own input size or 0 for it, any count for a
     * network of any feature count (which needs one).
     */
    public static Network build(String name, int inputs, int depth, int classes, String preset, Map<String, Double> hardware,
                                DeviceBox box, long seed, ComputeBackend backend) {
        return build(name, inputs, depth, classes, preset, hardware, box, seed, backend, null);
    }

    /**
     * The same, with each physical layer's simulated hardware replaced by what {@code apparatus}
     * makes of it (an external device checked against it, {@link Network.Builder#apparatus}); null:
     * the simulated hardware.
     */
    public static Network build(String name, int inputs, int depth, int classes, String preset, Map<String, Double> hardware,
                                DeviceBox box, long seed, ComputeBackend backend,
                                java.util.function.UnaryOperator<org.patengine.sim.PhysicalSystem> apparatus) {
        return build(name, inputs, depth, classes, preset, hardware, box, seed, backend, apparatus, null);
    }

    /** The same, with each physical layer's digital model replaced by what {@code twin} makes of it (null: the system's). */
    public static Network build(String name, int inputs, int depth, int classes, String preset, Map<String, Double> hardware,
                                DeviceBox box, long seed, ComputeBackend backend,
                                java.util.function.UnaryOperator<org.patengine.sim.PhysicalSystem> apparatus,
                                java.util.function.UnaryOperator<org.patengine.sim.DifferentiableMap> twin) {
        Architecture a = named(name);
        int in = a.inputsFor(inputs);
        int d = a.depth(depth);
        SystemEntry system = SystemCatalog.named(a.system());
        SystemEntry.Layers layers = boxed(system, system.layers(preset, hardware, seed, backend), box);
        Network.Builder b = Network.builder(in).seed(seed).backend(backend).apparatus(apparatus).twin(twin);
        a.layers().append(b, classes, d, layers);
        return b.build();
    }

    /** The system's layers, each after a device box when its inputs must lie in [0, 1]. */
    static SystemEntry.Layers boxed(SystemEntry system, SystemEntry.Layers layers, DeviceBox box) {
        if (box == null) {
            throw new NullPointerException("device box settings are null");
        }
        if (!system.inputsInUnitBox()) {
            return layers;
        }
        return (b, inputs, outputs, copies, layer) -> {
            b.add(new DeviceInputBox(b.currentWidth(), box));
            layers.append(b, inputs, outputs, copies, layer);
        };
    }

    /** toy-oscillators and digits-oscillators: a trainable encoder into 16 oscillators, a second layer of 16, s·q of the first C. */
    private static void encodedOscillators(Network.Builder b, int classes, SystemEntry.Layers layers) {
        if (classes > 16) {
            throw new IllegalArgumentException("a network of 16 oscillators reads at most 16 classes, the dataset has " + classes);
        }
        b.affine(16, ParameterInit.uniform(-TOY_ENCODER_BOUND, TOY_ENCODER_BOUND), ParameterInit.constant(0f));
        layers.append(b, 16, 16, 1, 1);
        layers.append(b, 16, 16, 1, 2);
        b.readout(0, classes, 1f);
    }

    /**
     * The vowel network on {@code depth} SHG layers: the features repeated into
     * {@link #SHG_CHANNELS} channels, then per layer a trainable scalar gain, (the device box) and
     * an SHG layer of 50 + 50 channels read in 50 bins, the last one in one bin per class, then a
     * trainable scale and offset per class.
     */
    private static void shgStack(Network.Builder b, int classes, int depth, SystemEntry.Layers layers) {
        if (classes > SHG_CHANNELS) {
            throw new IllegalArgumentException("vowels-shg reads at most " + SHG_CHANNELS + " classes, the dataset has " + classes);
        }
        b.repeat(SHG_CHANNELS);
        for (int l = 1; l <= depth; l++) {
            // min-max scaled features lie in [0, 1] and need no gain to start; later layers' gains are in
            // units of the apparatus's reference spectrum
            if (l == 1) {
                b.gain(ParameterInit.constant(1f), null);
            } else {
                // m = g·y/ref + c starts at g = k/2, c = (1 − k)/2: the reference spectrum lands mid-box and a
                // sample's relative variation is compressed k-fold before the next quartic map expands it
                b.gain(ParameterInit.constant(0.5f * INTERLAYER_COMPRESSION), perBinUnits(b),
                        ParameterInit.constant(0.5f * (1 - INTERLAYER_COMPRESSION)));
            }
            layers.append(b, SHG_CHANNELS, l == depth ? classes : SHG_CHANNELS, 1, l);
        }
        // each class's bin in units of its reference output: the logits start near 1 whatever the bin
        b.scaleShift(ParameterInit.constant(VOWEL_LOGIT_SCALE), ParameterInit.constant(-VOWEL_LOGIT_SCALE), perBinUnits(b));
    }

    /**
     * The mean output of the digital twin of the physical layer appended last, at every input 0.5
     * and θ at its initial value: the scale a trainable gain after it starts from, so that the
     * architecture does not depend on the system's units (an SHG layer's output grows with its
     * channel count and source power).
     */
    static float typicalTwinOutput(Network.Builder b) {
        PhysicalLayer pl = lastPhysical(b);
        DifferentiableMap twin = pl.model();
        float[] x = new float[twin.inputSize()];
        java.util.Arrays.fill(x, 0.5f);
        float[] theta = new float[twin.parameterSize()];
        pl.init().fill(theta, 0, theta.length, new Rng(0));
        float[] y = new float[twin.outputSize()];
        twin.forward(1, x, theta, y);
        double mean = 0;
        for (float v : y) {
            mean += v;
        }
        mean /= y.length;
        if (!(mean > 0) || Double.isInfinite(mean)) {
            throw new IllegalStateException(pl.name() + ": its twin's mean output at inputs 0.5 is " + mean + ", expected > 0");
        }
        return (float) mean;
    }

    /** The physical layer the builder appended last; anything else there is a bug in an architecture. */
    private static PhysicalLayer lastPhysical(Network.Builder b) {
        if (!(b.last() instanceof PhysicalLayer pl)) {
            throw new IllegalStateException("a physical layer must come right before, was " + b.last());
        }
        return pl;
    }

    /**
     * The floor of a {@link #referenceMeasurement}, as a share of the brightest bin: the next
     * shaper sees every bin's relative change at the same scale, while bins with almost no light
     * are not amplified into noise.
     */
    static final float CALIBRATION_FLOOR = 0.01f;

    /** Shots averaged in a {@link #referenceMeasurement}. */
    static final int REFERENCE_SHOTS = 16;

    /**
     * Each output of the physical system appended last at every input 0.5 and θ at its initial
     * value, averaged over {@link #REFERENCE_SHOTS} shots and floored at
     * {@link #CALIBRATION_FLOOR} of the brightest bin: the reference spectrum a lab records to
     * calibrate its spectrometer. It is measured on the apparatus, not taken from the twin, since
     * the apparatus's bins differ from the twin's (source, gain ripple, resampling) by more than
     * a sample's features move them, and a twin-based calibration would hand every mode a logit
     * offset of that size. The same measurement serves every training mode.
     */
    static float[] referenceMeasurement(Network.Builder b) {
        PhysicalLayer pl = lastPhysical(b);
        var hw = pl.system();
        int shots = REFERENCE_SHOTS;
        float[] x = new float[shots * hw.inputSize()];
        java.util.Arrays.fill(x, 0.5f);
        float[] theta = new float[hw.parameterSize()];
        pl.init().fill(theta, 0, theta.length, new Rng(0));
        float[] y = new float[shots * hw.outputSize()];
        hw.forward(shots, x, theta, y);
        float[] mean = new float[hw.outputSize()];
        float max = 0;
        for (int s = 0; s < shots; s++) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += y[s * mean.length + i] / shots;
            }
        }
        for (float v : mean) {
            max = Math.max(max, v);
        }
        if (!(max > 0) || Float.isInfinite(max)) {
            throw new IllegalStateException(pl.name() + ": its reference measurement peaks at " + max + ", expected finite and > 0");
        }
        // a dark bin reads noise around 0 (even below): floor it, so it is not amplified into noise
        for (int i = 0; i < mean.length; i++) {
            mean[i] = Math.max(mean[i], CALIBRATION_FLOOR * max);
        }
        return mean;
    }

    /**
     * The units of a gain or scale after an SHG layer: the reciprocals of its
     * {@link #referenceMeasurement}.
     */
    static float[] perBinUnits(Network.Builder b) {
        float[] y = referenceMeasurement(b);
        float[] u = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            u[i] = 1f / y[i];
        }
        return u;
    }

    /**
     * The patch network at any size (the named {@code fashion-patches} is 16, 49, 100, 10): the
     * input's {@code patches} groups of {@code values} are each padded with zeros to {@code shared}
     * oscillators of one shared layer; its patches·shared positions plus {@code classOscillators}
     * at rest feed one layer of patches·shared + classOscillators; logits = s·q_class(T).
     */
    static Network patchNetwork(int patches, int values, int shared, int classOscillators, int classes, String preset,
                                long seed, ComputeBackend backend) {
        SystemEntry.Layers layers = SystemCatalog.named(OscillatorsEntry.NAME).layers(preset, Map.of(), seed, backend);
        Network.Builder b = Network.builder(Math.multiplyExact(patches, values)).seed(seed).backend(backend);
        patches(b, patches, values, shared, classOscillators, classes, layers);
        return b.build();
    }

    private static void patches(Network.Builder b, int patches, int values, int shared, int classOscillators, int classes,
                                SystemEntry.Layers layers) {
        if (classes > classOscillators) {
            throw new IllegalArgumentException("the patch network has " + classOscillators + " class oscillators, the dataset "
                    + classes + " classes");
        }
        if (values >= shared) {
            throw new IllegalArgumentException("a patch of " + values + " values needs more than " + values
                    + " shared oscillators, was " + shared);
        }
        b.pad(patches, shared - values, ParameterInit.constant(0f), false);
        layers.append(b, shared, shared, patches, 1);
        b.pad(classOscillators, ParameterInit.constant(0f), false);
        int n2 = patches * shared + classOscillators;
        layers.append(b, n2, n2, 1, 2);
        b.readout(patches * shared, classes, 1f);
    }
}
