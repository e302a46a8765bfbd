package org.patengine.engine.layer;

import java.util.List;

import org.patengine.sim.Rng;
import org.patengine.sim.Stateful;
import org.patengine.sim.CountingSystem;
import org.patengine.sim.DifferentiableMap;
import org.patengine.sim.PhysicalSystem;

/**
 * A physical layer trained with Physics-Aware Training: a {@link PhysicalSystem} {@code f_p} paired
 * with a differentiable digital model {@code f_m ≈ f_p}.
 *
 * <p>Forward ({@link ForwardPass#PHYSICAL}): {@code y = f_p(x, θ)}; {@link ForwardPass#MODEL}:
 * {@code y = f_m(x, θ)}. Backward at the saved input x, the one actually applied:
 * {@code g_θ = Σ_batch (∂f/∂θ (x, θ))ᵀ g_y} and {@code g_x = (∂f/∂x (x, θ))ᵀ g_y}, where f is
 * {@code f_m} ({@link BackwardPass#MODEL}) or the system's exact model
 * ({@link BackwardPass#EXACT}, {@link PhysicalSystem#exactModel()}).
 *
 * <p>Shared copies: with {@code copies = C > 1} the one system (one θ) is applied to C consecutive
 * slices of every sample, e.g. the same 100-oscillator layer to each of 16 image patches:
 * x is (batch, C·n) and {@code y[s, c] = f(x[s, c], θ)} for each slice c. Since (batch, C·n)
 * row-major is the same memory as (batch·C, n), the system and the model are simply called with
 * batch·C samples, and the VJP's parameter gradient is then summed over the batch and the copies,
 * {@code g_θ = Σ_s Σ_c (∂f/∂θ (x[s, c], θ))ᵀ g_y[s, c]}, as weight sharing requires.
 *
 * <p>θ is copied from the network's flat array into a contiguous buffer before each call, because
 * the contracts take θ from index 0; the copy is O(P), negligible next to the system.
 * Initial θ comes from a {@link ParameterInit} and must lie in the system's parameter ranges.
 */
public final class PhysicalLayer extends Layer {
    private final PhysicalSystem system;
    private final CountingSystem counted; // the system, counting its calls: every physical forward goes through it
    private final DifferentiableMap model;
    private final ParameterInit init;
    private final int p;
    private final int copies;
    private final float[] theta;   // (P): θ as passed to the system and the model
    private final float[] gTheta;  // (P): the VJP's parameter gradient before it is copied into grads
    private DifferentiableMap exact;
    private boolean measuring; // training: physical forwards are handed to a MeasuredModel

    /**
     * @param system the physical system f_p
     * @param model  its digital model f_m, with the same input, output and parameter sizes
     * @param init   initial θ; every value must lie in the system's range
     */
    public PhysicalLayer(PhysicalSystem system, DifferentiableMap model, ParameterInit init) {
        this(system, model, init, 1);
    }

    /**
     * A layer that applies one system, with one θ, to {@code copies} consecutive slices of each
     * sample (input and output sizes {@code copies · n}).
     *
     * @param copies how many slices share the system, >= 1
     */
    public PhysicalLayer(PhysicalSystem system, DifferentiableMap model, ParameterInit init, int copies) {
        super("physical(" + requireNonNull(system, "system").name() + ")" + (checkCopies(copies) > 1 ? " x" + copies + " shared" : ""),
                Math.multiplyExact(copies, system.inputSize()), Math.multiplyExact(copies, system.outputSize()));
        requireNonNull(model, "digital model");
        requireNonNull(init, "parameter init");
        checkSameShape(system, model, "digital model");
        this.system = system;
        this.counted = new CountingSystem(system);
        this.model = model;
        this.init = init;
        this.p = system.parameterSize();
        this.copies = copies;
        this.theta = new float[p];
        this.gTheta = new float[p];
    }

    private static int checkCopies(int copies) {
        if (copies < 1) {
            throw new IllegalArgumentException("physical layer: copies must be >= 1, was " + copies);
        }
        return copies;
    }

    private static <T> T requireNonNull(T o, String what) {
        if (o == null) {
            throw new NullPointerException("physical layer: " + what + " is null");
        }
        return o;
    }

    private static void checkSameShape(PhysicalSystem s, DifferentiableMap m, String what) {
        if (m.inputSize() != s.inputSize() || m.outputSize() != s.outputSize()
                || m.parameterSize() != s.parameterSize()) {
            throw new IllegalArgumentException("physical layer '" + s.name() + "': the " + what + " has shape (in "
                    + m.inputSize() + ", out " + m.outputSize() + ", P " + m.parameterSize()
                    + ") but the system has (in " + s.inputSize() + ", out " + s.outputSize() + ", P "
                    + s.parameterSize() + ")");
        }
    }

    public PhysicalSystem system() {
        return system;
    }

    /** The forward calls made to the system, and the samples they carried (with copies: batch × copies each). */
    public CountingSystem counter() {
        return counted;
    }

    public DifferentiableMap model() {
        return model;
    }

    /** The initialisation of θ. */
    public ParameterInit init() {
        return init;
    }

    /** How many slices of each sample share the system (1: an ordinary layer). */
    public int copies() {
        return copies;
    }

    /**
     * While on (the trainer's steps), every physical forward's (x, θ, y) is handed to the model when
     * it learns from measurements ({@link MeasuredModel}); evaluation passes are not.
     */
    public void measuring(boolean on) {
        measuring = on;
    }

    /** The end of a training epoch: a model that learns from measurements learns now. */
    public void endOfTrainingEpoch() {
        if (model instanceof MeasuredModel m) {
            m.endOfEpoch();
        }
    }

    /** Whether the system offers an exact VJP (needed by {@link BackwardPass#EXACT}). */
    public boolean hasExactModel() {
        return exactModel(false) != null;
    }

    private DifferentiableMap exactModel(boolean required) {
        if (exact == null) {
            DifferentiableMap e = system.exactModel();
            if (e != null) {
                checkSameShape(system, e, "exact model");
                exact = e;
            }
        }
        if (exact == null && required) {
            throw new IllegalStateException("the ideal mode needs the exact derivative of '" + system.name()
                    + "', but its PhysicalSystem.exactModel() returned null (a real apparatus has none)");
        }
        return exact;
    }

    @Override
    public int parameterSize() {
        return p;
    }

    @Override
    public float parameterLower(int i) {
        return system.parameterLower(i);
    }

    @Override
    public float parameterUpper(int i) {
        return system.parameterUpper(i);
    }

    @Override
    public boolean isPhysical() {
        return true;
    }

    /**
     * The system (its noise generators, drift), then the digital model when it has state of its
     * own (a learned twin) and is not the system itself.
     */
    @Override
    public List<Stateful> statefulParts() {
        return model instanceof Stateful m && model != system ? List.of(system, m) : List.of(system);
    }

    @Override
    public void initialize(float[] values, int offset, Rng rng) {
        init.fill(values, offset, p, rng);
        for (int i = 0; i < p; i++) {
            float v = values[offset + i];
            float lo = system.parameterLower(i);
            float hi = system.parameterUpper(i);
            if (!(v >= lo && v <= hi)) {
                throw new IllegalArgumentException(name() + ": initial θ[" + i + "] = " + v
                        + " is outside the system's range [" + lo + ", " + hi + "]; choose an init inside it");
            }
        }
    }

    @Override
    protected void allocateWorkspaces(int maxBatch) {
        // The system and the model see batch·copies samples: fail here rather than mid-training.
        long values = (long) maxBatch * copies * Math.max(system.inputSize(), system.outputSize());
        if (values > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name() + ": maxBatch " + maxBatch + " x " + copies + " copies gives "
                    + values + " values per buffer, more than an array holds");
        }
    }

    @Override
    protected void doForward(ForwardPass pass, int batch, float[] x, float[] y) {
        System.arraycopy(params, offset, theta, 0, p);
        int rows = batch * copies; // (batch, copies·n) is (batch·copies, n)
        if (pass == ForwardPass.PHYSICAL) {
            counted.forward(rows, x, theta, y);
            if (measuring && model instanceof MeasuredModel m) {
                m.measured(rows, x, theta, y);
            }
        } else {
            model.forward(rows, x, theta, y);
        }
    }

    @Override
    protected void doBackward(BackwardPass pass, int batch, float[] x, float[] gY, float[] gX,
                              boolean parameterGradients) {
        DifferentiableMap m = pass == BackwardPass.EXACT ? exactModel(true) : model;
        if (gX == null && !parameterGradients) {
            return;
        }
        // θ still holds the values of the forward: the optimizer runs only after backward.
        // With copies, the VJP over batch·copies rows sums g_θ over the batch and the copies.
        m.vjp(batch * copies, x, theta, gY, gX, parameterGradients ? gTheta : null);
        if (parameterGradients) {
            System.arraycopy(gTheta, 0, grads, offset, p);
        }
    }
}
