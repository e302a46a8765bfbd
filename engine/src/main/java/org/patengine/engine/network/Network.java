package org.patengine.engine.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.patengine.engine.layer.Activation;
import org.patengine.engine.layer.ActivationLayer;
import org.patengine.engine.layer.AffineLayer;
import org.patengine.engine.layer.BackwardPass;
import org.patengine.engine.layer.ForwardPass;
import org.patengine.engine.layer.GainLayer;
import org.patengine.engine.layer.Layer;
import org.patengine.engine.layer.PadLayer;
import org.patengine.engine.layer.ParameterInit;
import org.patengine.engine.layer.PhysicalLayer;
import org.patengine.engine.layer.ReadoutLayer;
import org.patengine.engine.layer.RepeatLayer;
import org.patengine.engine.layer.ScaleShiftLayer;
import org.patengine.sim.Rng;
import org.patengine.kernels.Backends;
import org.patengine.kernels.ComputeBackend;
import org.patengine.sim.DifferentiableMap;
import org.patengine.sim.PhysicalSystem;
import org.patengine.sim.Stateful;

/**
 * A sequence of layers {@code y = f_{L-1}(… f_0(x))} with its parameters in one
 * {@link ParameterSet} and its activations in workspaces sized once per batch size.
 *
 * <p>{@link #forward} keeps every layer's input, so {@link #backward} applies each layer's VJP at
 * the input that layer actually saw: with {@link ForwardPass#PHYSICAL} and
 * {@link BackwardPass#MODEL} this is Physics-Aware Training. Build one with {@link #builder(int)}.
 * Not thread-safe.
 */
public final class Network {
    private final Layer[] layers;
    private final ParameterSet parameters;
    private final int inputSize;
    private final int outputSize;
    private final int maxWidth;
    private final int[] segmentOfLayer; // per layer: its segment in the parameter set, or -1
    private final Trainable allTrainable;
    private final List<Stateful> statefulComponents;

    private int maxBatch;
    private float[][] activations; // activations[l]: (maxBatch, layer l's input size); [L]: (maxBatch, out)
    private float[] gA;            // (maxBatch, maxWidth): ping-pong gradient buffers for backward
    private float[] gB;            // (maxBatch, maxWidth)
    private int forwardBatch;

    private Network(Layer[] layers, long seed) {
        this.layers = layers;
        this.inputSize = layers[0].inputSize();
        this.outputSize = layers[layers.length - 1].outputSize();
        int w = inputSize;
        for (Layer l : layers) {
            w = Math.max(w, l.outputSize());
        }
        this.maxWidth = w;
        this.parameters = new ParameterSet(layers);
        this.segmentOfLayer = new int[layers.length];
        Arrays.fill(segmentOfLayer, -1);
        for (int s = 0; s < parameters.segmentCount(); s++) {
            segmentOfLayer[parameters.segmentLayerIndex(s)] = s;
        }
        this.allTrainable = Trainable.all(parameters);
        List<Stateful> stateful = new ArrayList<>();
        for (Layer l : layers) {
            stateful.addAll(l.statefulParts());
        }
        this.statefulComponents = List.copyOf(stateful);
        // In layer order with one generator, so the initial state depends only on the seed.
        Rng rng = new Rng(seed);
        for (int l = 0; l < layers.length; l++) {
            int s = segmentOfLayer[l];
            layers[l].initialize(parameters.values(), s < 0 ? 0 : parameters.segmentStart(s), rng);
        }
        for (int i = 0; i < parameters.size(); i++) {
            float v = parameters.values()[i];
            if (!(v >= parameters.lower(i) && v <= parameters.upper(i))) {
                throw new IllegalArgumentException("initial " + parameters.describe(i) + " = " + v
                        + " is outside its range [" + parameters.lower(i) + ", " + parameters.upper(i) + "]");
            }
        }
    }

    /** Starts a network whose samples have {@code inputSize} values. */
    public static Builder builder(int inputSize) {
        return new Builder(inputSize);
    }

    /** The layers, e.g. {@code "physical(...) -> pad(196 + 10) -> ..."}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Layer l : layers) {
            if (sb.length() > 0) {
                sb.append(" -> ");
            }
            sb.append(l.name());
        }
        return sb.toString();
    }

    public int inputSize() {
        return inputSize;
    }

    public int outputSize() {
        return outputSize;
    }

    /** The layers, in order (an unmodifiable view). */
    public List<Layer> layers() {
        return List.of(layers);
    }

    public ParameterSet parameters() {
        return parameters;
    }

    /** Every parameter trained: the ranges {@link #backward(BackwardPass, int, float[], float[])} uses. */
    public Trainable allTrainable() {
        return allTrainable;
    }

    /**
     * The components with state to checkpoint, in a fixed order: layer by layer, each layer's
     * {@link Layer#statefulParts()} (an unmodifiable list, the same on every call).
     */
    public List<Stateful> statefulComponents() {
        return statefulComponents;
    }

    /** Forward calls made to the network's physical systems so far, all layers together (measured: {@link PhysicalLayer#counter}). */
    public long physicalCalls() {
        return sumOverPhysical(org.patengine.sim.CountingSystem::calls);
    }

    /** Parameter updates of the network's physical systems so far (calls with a θ other than the previous call's). */
    public long physicalUpdates() {
        return sumOverPhysical(org.patengine.sim.CountingSystem::updates);
    }

    private long sumOverPhysical(java.util.function.ToLongFunction<org.patengine.sim.CountingSystem> count) {
        long n = 0;
        for (Layer l : layers) {
            if (l instanceof PhysicalLayer pl) {
                n += count.applyAsLong(pl.counter());
            }
        }
        return n;
    }

    /** The first physical layer whose system has no exact model (a real apparatus), or null when all have one. */
    public PhysicalLayer firstWithoutExactModel() {
        for (Layer l : layers) {
            if (l instanceof PhysicalLayer pl && !pl.hasExactModel()) {
                return pl;
            }
        }
        return null;
    }

    /** Turns on or off the recording of physical forwards for models that learn from them ({@link PhysicalLayer#measuring}). */
    public void measuring(boolean on) {
        for (Layer l : layers) {
            if (l instanceof PhysicalLayer pl) {
                pl.measuring(on);
            }
        }
    }

    /** The end of a training epoch, for every physical layer ({@link PhysicalLayer#endOfTrainingEpoch}). */
    public void endOfTrainingEpoch() {
        for (Layer l : layers) {
            if (l instanceof PhysicalLayer pl) {
                pl.endOfTrainingEpoch();
            }
        }
    }

    /** The next call of every physical system counts as a parameter update ({@link org.patengine.sim.CountingSystem#forgetTheta}). */
    public void forgetPhysicalTheta() {
        for (Layer l : layers) {
            if (l instanceof PhysicalLayer pl) {
                pl.counter().forgetTheta();
            }
        }
    }

    /**
     * Why the physical systems cannot draw the same noise twice (common random numbers), or null
     * when they can: every system must replay its noise ({@link PhysicalSystem#replaysNoise}: a
     * simulation can, a real apparatus cannot) and none may serve two layers.
     */
    public String whyNoNoiseReplay() {
        java.util.Set<PhysicalSystem> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Layer l : layers) {
            if (l instanceof PhysicalLayer pl) {
                PhysicalSystem s = pl.counter().inner();
                if (!s.replaysNoise()) {
                    return s.name() + " cannot draw the same noise twice (only a simulated system can)";
                }
                if (!seen.add(s)) {
                    return s.name() + " serves two layers, so its noise cannot be replayed for one of them";
                }
            }
        }
        return null;
    }

    /** Remembers the noise state of every physical system ({@link PhysicalSystem#markNoise}). */
    public void markNoise() {
        for (Layer l : layers) {
            if (l instanceof PhysicalLayer pl) {
                pl.counter().markNoise();
            }
        }
    }

    /**
     * Puts the noise of the physical systems in layers {@code from}… back to the last
     * {@link #markNoise}, before a {@link #forwardFrom}{@code (pass, from)}: the layers it re-runs
     * then draw the noise they drew after the mark; those before it, not re-run, keep theirs.
     */
    public void replayNoiseFrom(int from) {
        for (int l = from; l < layers.length; l++) {
            if (layers[l] instanceof PhysicalLayer pl) {
                pl.counter().replayNoise();
            }
        }
    }

    /** Makes every physical system wait as long as this apparatus would, when its {@code sleep} is set. */
    public void latency(org.patengine.sim.ApparatusLatency latency) {
        for (Layer l : layers) {
            if (l instanceof PhysicalLayer pl) {
                pl.counter().latency(latency);
            }
        }
    }

    /** Samples sent to the network's physical systems so far, all layers together. */
    public long physicalSamples() {
        return sumOverPhysical(org.patengine.sim.CountingSystem::samples);
    }

    /** The largest batch the workspaces hold (0 before {@link #allocate}). */
    public int maxBatch() {
        return maxBatch;
    }

    /**
     * Sizes every workspace for batches of up to {@code maxBatch} samples. Does nothing when they
     * are already large enough, so calling it again never reallocates for a smaller batch.
     */
    public void allocate(int maxBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be >= 1, was " + maxBatch);
        }
        if (maxBatch <= this.maxBatch) {
            return;
        }
        float[][] a = new float[layers.length + 1][];
        a[0] = new float[maxBatch * inputSize];
        for (int l = 0; l < layers.length; l++) {
            layers[l].allocate(maxBatch);
            a[l + 1] = new float[Math.multiplyExact(maxBatch, layers[l].outputSize())];
        }
        activations = a;
        gA = new float[Math.multiplyExact(maxBatch, maxWidth)];
        gB = new float[gA.length];
        this.maxBatch = maxBatch;
    }

    /**
     * Runs the network on {@code x} (batch, in), row-major from index 0, which is copied (so the
     * caller may reuse it) and checked to be finite. Returns the output buffer (batch, out), owned
     * by the network and valid until the next forward.
     */
    public float[] forward(ForwardPass pass, int batch, float[] x) {
        if (pass == null) {
            throw new NullPointerException("forward pass is null");
        }
        if (batch < 1 || batch > maxBatch) {
            throw new IllegalArgumentException("batch " + batch + " is outside [1, " + maxBatch
                    + "]; call allocate(" + batch + ") first");
        }
        if (x == null) {
            throw new NullPointerException("network input x is null");
        }
        int n = batch * inputSize;
        if (x.length < n) {
            throw new IllegalArgumentException("network input x has length " + x.length + ", expected at least " + n
                    + " = batch " + batch + " x " + inputSize + " inputs");
        }
        float[] a0 = activations[0];
        for (int i = 0; i < n; i++) {
            float v = x[i];
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("network input x[sample " + i / inputSize + ", " + i % inputSize
                        + "] is " + v + "; inputs must be finite");
            }
            a0[i] = v;
        }
        for (int l = 0; l < layers.length; l++) {
            layers[l].forward(pass, batch, activations[l], activations[l + 1]);
        }
        forwardBatch = batch;
        return activations[layers.length];
    }

    /**
     * Runs layers {@code from}…L again on the input layer {@code from} had in the last forward,
     * e.g. after a parameter of layer {@code from} changed: the layers before it, physical ones
     * included, are not called again (their outputs, noise draw included, are reused). Returns
     * the output buffer, as {@link #forward}. A caller that changes parameters of several layers
     * must work from the last layer back, since this overwrites the inputs of layers after
     * {@code from}.
     */
    public float[] forwardFrom(ForwardPass pass, int from) {
        if (pass == null) {
            throw new NullPointerException("forward pass is null");
        }
        if (forwardBatch == 0) {
            throw new IllegalStateException("forwardFrom called before forward");
        }
        if (from < 0 || from >= layers.length) {
            throw new IllegalArgumentException("layer " + from + " is outside [0, " + layers.length + ")");
        }
        for (int l = from; l < layers.length; l++) {
            layers[l].forward(pass, forwardBatch, activations[l], activations[l + 1]);
        }
        return activations[layers.length];
    }

    /** The index in {@link #layers()} of the layer parameter segment {@code s} belongs to. */
    public int layerOfSegment(int s) {
        return parameters.segmentLayerIndex(s);
    }

    /** The index of the last physical layer, or −1 when the network has none. */
    public int lastPhysicalLayer() {
        for (int l = layers.length - 1; l >= 0; l--) {
            if (layers[l] instanceof PhysicalLayer) {
                return l;
            }
        }
        return -1;
    }

    /**
     * The terms the layers of the last forward add to the training loss ({@link Layer#penalty()},
     * e.g. the device boxes' soft penalties), summed; 0 when no layer adds one.
     */
    public double penalty() {
        double p = 0;
        for (Layer l : layers) {
            p += l.penalty();
        }
        return p;
    }

    /** The output of the last forward, (maxBatch, out) of which the first batch rows are valid. */
    public float[] output() {
        return activations == null ? null : activations[layers.length];
    }

    /** The input of layer {@code l} in the last forward (for layer l = L: the output). */
    public float[] activation(int l) {
        return activations[l];
    }

    /**
     * Backpropagates {@code gOut} (batch, out) = ∂L/∂y through the last forward, training every
     * parameter: {@link #backward(BackwardPass, int, float[], float[], Trainable)} with
     * {@link #allTrainable()}.
     */
    public void backward(BackwardPass pass, int batch, float[] gOut, float[] gIn) {
        backward(pass, batch, gOut, gIn, allTrainable);
    }

    /**
     * Backpropagates {@code gOut} (batch, out) = ∂L/∂y through the last forward. Overwrites every
     * parameter gradient ({@link ParameterSet#gradients()}) with {@code Σ_batch ∂L/∂θ}; parameters
     * outside {@code trainable} get zeros, and no input gradient is computed before the first
     * trained layer. Writes ∂L/∂x into {@code gIn} (batch, in) when it is not null.
     *
     * @param trainable the trained ranges of {@link #parameters()}
     */
    public void backward(BackwardPass pass, int batch, float[] gOut, float[] gIn, Trainable trainable) {
        if (pass == null) {
            throw new NullPointerException("backward pass is null");
        }
        if (forwardBatch == 0) {
            throw new IllegalStateException("backward called before forward");
        }
        if (batch != forwardBatch) {
            throw new IllegalArgumentException("backward batch " + batch + " differs from the forward batch "
                    + forwardBatch);
        }
        if (trainable == null) {
            throw new NullPointerException("trainable ranges are null (backward without them trains every parameter)");
        }
        trainable.checkFor(parameters);
        // The first layer whose parameters are trained: no input gradient is needed before it,
        // unless the caller asked for ∂L/∂x, which needs every layer's input gradient.
        int firstTrained = gIn != null ? -1 : Math.min(layers.length, trainable.firstTrainedLayer());
        if (gIn != null && gIn == gOut) {
            throw new IllegalArgumentException("gIn and gOut must be different arrays");
        }
        float[] gY = gOut;
        float[] gX = gA;
        for (int l = layers.length - 1; l >= 0; l--) {
            int s = segmentOfLayer[l];
            boolean trained = s >= 0 && !trainable.frozen(s);
            float[] target = l == 0 ? gIn : (l > firstTrained ? gX : null);
            layers[l].backward(pass, batch, gY, target, trained);
            if (target == null) {
                // Nothing before this layer is trained: earlier layers only get zero gradients.
                for (int k = l - 1; k >= 0; k--) {
                    int sk = segmentOfLayer[k];
                    if (sk >= 0) {
                        int from = parameters.segmentStart(sk);
                        Arrays.fill(parameters.gradients(), from, from + parameters.segmentLength(sk), 0f);
                    }
                }
                return;
            }
            gY = target;
            gX = gX == gA ? gB : gA;
        }
    }

    /** Builds a {@link Network} layer by layer; each layer's input size must match the previous output. */
    public static final class Builder {
        private final int inputSize;
        private final List<Layer> layers = new ArrayList<>();
        private ComputeBackend backend;
        private long seed = 1;
        private int width;
        private java.util.function.UnaryOperator<PhysicalSystem> apparatus; // null: the systems as given
        private java.util.function.UnaryOperator<DifferentiableMap> twin;   // null: the models as given

        private Builder(int inputSize) {
            if (inputSize < 1) {
                throw new IllegalArgumentException("network input size must be >= 1, was " + inputSize);
            }
            this.inputSize = inputSize;
            this.width = inputSize;
        }

        /** The backend for digital layers (default {@link Backends#get()}); set it before adding them. */
        public Builder backend(ComputeBackend backend) {
            if (backend == null) {
                throw new NullPointerException("backend is null");
            }
            this.backend = backend;
            return this;
        }

        /** The seed of the parameter initialisation (default 1). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The layer appended last (null before the first). */
        public Layer last() {
            return layers.isEmpty() ? null : layers.get(layers.size() - 1);
        }

        /** The width the next layer must accept. */
        public int currentWidth() {
            return width;
        }

        /** Appends any layer. */
        public Builder add(Layer layer) {
            if (layer == null) {
                throw new NullPointerException("layer is null");
            }
            if (layer.inputSize() != width) {
                throw new IllegalArgumentException("layer " + layers.size() + " '" + layer.name() + "' expects "
                        + layer.inputSize() + " inputs but the " + (layers.isEmpty() ? "network input" : "previous layer")
                        + " gives " + width);
            }
            for (Layer l : layers) {
                if (l == layer) {
                    throw new IllegalArgumentException("layer '" + layer.name() + "' was added twice; each position "
                            + "needs its own Layer object (it saves its input)");
                }
            }
            layers.add(layer);
            width = layer.outputSize();
            return this;
        }

        /** Appends a physical layer: the system, its digital model and the initial θ. */
        public Builder physical(PhysicalSystem system, DifferentiableMap model, ParameterInit init) {
            return add(new PhysicalLayer(system, model, init));
        }

        /**
         * Appends one physical system shared by {@code copies} consecutive slices of the current
         * width (which must be copies × the system's input size): same θ on every slice.
         */
        public Builder physical(PhysicalSystem system, DifferentiableMap model, ParameterInit init, int copies) {
            return add(new PhysicalLayer(apparatus == null ? system : apparatus.apply(system), twin == null ? model : twin.apply(model),
                    init, copies));
        }

        /**
         * Gives every physical layer added after this what {@code replace} makes of the digital
         * model it was given (a learned twin checked against it); null: the models as given.
         */
        public Builder twin(java.util.function.UnaryOperator<DifferentiableMap> replace) {
            this.twin = replace;
            return this;
        }

        /**
         * Runs every physical layer added after this on what {@code replace} makes of the system it
         * was given (e.g. an external apparatus, checked against the simulated one); null: the
         * systems as given.
         */
        public Builder apparatus(java.util.function.UnaryOperator<PhysicalSystem> replace) {
            this.apparatus = replace;
            return this;
        }

        /** Appends an affine layer {@code x·W + b} with {@code out} outputs, default initialisation. */
        public Builder affine(int out) {
            return add(new AffineLayer(backend(), width, out));
        }

        /** Appends an affine layer with the given initialisations. */
        public Builder affine(int out, ParameterInit weightInit, ParameterInit biasInit) {
            return add(new AffineLayer(backend(), width, out, weightInit, biasInit));
        }

        /** Appends an elementwise scale-and-shift that starts as the identity. */
        public Builder scaleShift() {
            return add(new ScaleShiftLayer(width));
        }

        /** Appends an elementwise scale-and-shift with the given initialisations. */
        public Builder scaleShift(ParameterInit scaleInit, ParameterInit shiftInit) {
            return add(new ScaleShiftLayer(width, scaleInit, shiftInit));
        }

        /** Appends a fixed cyclic repeat of the current width to {@code out} values ({@link RepeatLayer}). */
        public Builder repeat(int out) {
            return add(new RepeatLayer(width, out));
        }

        /** Appends one trainable scalar gain on every value ({@link GainLayer}), in fixed units per channel (null: 1). */
        public Builder gain(ParameterInit init, float[] unit) {
            return add(new GainLayer(width, init, unit, null));
        }

        /** Appends one trainable scalar gain in fixed units per channel and one trainable scalar offset ({@link GainLayer}). */
        public Builder gain(ParameterInit init, float[] unit, ParameterInit offsetInit) {
            return add(new GainLayer(width, init, unit, offsetInit));
        }

        /** Appends an elementwise nonlinearity ({@link ActivationLayer}). */
        public Builder activation(Activation activation) {
            return add(new ActivationLayer(width, activation));
        }

        /** Appends an elementwise scale-and-shift whose scales are in units of {@code unit} (per channel). */
        public Builder scaleShift(ParameterInit scaleInit, ParameterInit shiftInit, float[] unit) {
            return add(new ScaleShiftLayer(width, scaleInit, shiftInit, unit));
        }

        /** Appends {@code extra} channels, trainable or fixed. */
        public Builder pad(int extra, ParameterInit init, boolean trainable) {
            return add(new PadLayer(width, extra, init, trainable));
        }

        /**
         * Cuts the current width into {@code groups} equal groups and appends the same
         * {@code extra} channels to each.
         */
        public Builder pad(int groups, int extra, ParameterInit init, boolean trainable) {
            if (groups < 1 || width % groups != 0) {
                throw new IllegalArgumentException("cannot cut width " + width + " into " + groups + " equal groups");
            }
            return add(new PadLayer(groups, width / groups, extra, init, trainable));
        }

        /** Appends a readout {@code y = s·x[start, start + count)} with s starting at {@code scale}. */
        public Builder readout(int start, int count, float scale) {
            return add(new ReadoutLayer(width, start, count, ParameterInit.constant(scale)));
        }

        /** Builds and initialises the network (workspaces are sized later by {@link Network#allocate}). */
        public Network build() {
            if (layers.isEmpty()) {
                throw new IllegalStateException("a network needs at least one layer");
            }
            return new Network(layers.toArray(new Layer[0]), seed);
        }

        private ComputeBackend backend() {
            if (backend == null) {
                backend = Backends.get();
            }
            return backend;
        }
    }
}
