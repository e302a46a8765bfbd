package org.patengine.engine.experiment;

import java.util.List;
import java.util.Map;

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
 *   <li>{@code toy-oscillators}: for the 2-D toy tasks — the 2 inputs padded with 14 zeros to 16
 *       coupled oscillators, then a second layer of 16; logits = s·q(T) of the first C.</li>
 *   <li>{@code toy-shg}: for the 2-D toy tasks on SHG — a trainable affine encoder of the 2
 *       inputs into 8 shaper channels ({@code m = W x + b}, W ~ U(−0.5, 0.5), b = 0.5), an SHG
 *       layer of 8 data + 8 θ channels read out in 8 bins, a trainable gain and offset per bin, an
 *       SHG layer of 8 + 8 channels read out in one bin per class, and a trainable scale and offset
 *       per class as the logits; a device box before each SHG layer keeps its modulation in
 *       [0, 1]. The gains start at 0.5 and 1 over the twin's mean output at m = 0.5
 *       ({@link #typicalTwinOutput}).</li>
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

    /** toy-shg: the data channels of each SHG layer (as many θ channels again: N = 16). */
    public static final int TOY_SHG_CHANNELS = 8;

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
            new Architecture("toy-oscillators", "2 inputs padded to 16 oscillators, then 16", OscillatorsEntry.NAME, 2,
                    InputForm.FEATURES, (b, classes, layers) -> {
                        if (classes > 16) {
                            throw new IllegalArgumentException("toy-oscillators reads at most 16 classes, the dataset has " + classes);
                        }
                        b.pad(14, ParameterInit.constant(0f), false);
                        layers.append(b, 16, 16, 1, 1);
                        layers.append(b, 16, 16, 1, 2);
                        b.readout(0, classes, 1f);
                    }),
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

    /** The number of inputs the architecture expects. */
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
        Architecture a = named(name);
        SystemEntry system = SystemCatalog.named(a.system());
        SystemEntry.Layers layers = boxed(system, system.layers(preset, hardware, seed, backend), box);
        Network.Builder b = Network.builder(a.inputSize()).seed(seed).backend(backend);
        a.layers().append(b, classes, layers);
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

    /**
     * The mean output of the digital twin of the physical layer appended last, at every input 0.5
     * and θ at its initial value: the scale a trainable gain after it starts from, so that the
     * architecture does not depend on the system's units (an SHG layer's output grows with its
     * channel count and source power).
     */
    static float typicalTwinOutput(Network.Builder b) {
        if (!(b.last() instanceof PhysicalLayer pl)) {
            throw new IllegalStateException("a physical layer must come right before, was " + b.last());
        }
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
