package org.patengine.sim.shg;

import java.util.Arrays;

import org.patengine.kernels.Backends;
import org.patengine.kernels.ComputeBackend;
import org.patengine.kernels.KernelSlot;
import org.patengine.kernels.shg.ShgKernel;
import org.patengine.kernels.shg.ShgKernels;
import org.patengine.kernels.shg.ShgParams;
import org.patengine.sim.Rng;
import org.patengine.sim.hw.IoChain;
import org.patengine.sim.hw.PhysicsMap;

/**
 * Broadband second-harmonic generation as a differentiable map: the data x and the parameters θ
 * are written into the shaper's channels ({@link ShgLayout}), m = (x, θ) in their channels, and
 * <pre>
 *   m̃ = C·Q(m)                      (the shaper's quantisation Q and crosstalk C; the twin: m̃ = m)
 *   E_p = a_p m̃_p e^{iφ_p},  B_i = Σ_{p+q=2i} w_pq E_p E_q,  I_i = |B_i|²,  y = R I
 * </pre>
 * with the optics of {@link ShgOptics} (source a, phase φ, phase matching w, readout R). The
 * public constructor gives the analytic twin, the paper's idealised model: the nominal source, no
 * phase (a real field), w = 1, plain binning, m̃ = m. With hidden state (package-private) it is the
 * apparatus's deterministic physics under {@link ShgMismatch}, whose drifting quantities (power,
 * source centre, GDD; see {@link #drifting}) rebuild the tables when the {@link IoChain} moves them.
 *
 * <p>The VJP is exact for this map, the quantiser taken as the identity: the kernel's gm̃, then
 * gm = Cᵀ gm̃, then gX = gm at the data channels and gθ = Σ_batch gm at the θ channels.
 *
 * <p>x and θ must lie in [0, 1] (a shaper transmits between nothing and everything): the checked
 * entries refuse values outside and name them; {@link #run}, the apparatus's pass after the
 * actuation noise, saturates the applied m into [0, 1] instead, as a real shaper does. Not thread-safe;
 * workspaces grow with the largest batch seen.
 */
public final class ShgModel implements PhysicsMap {
    private static final float[] NOTHING_DRIFTS = new float[0];

    private final ShgLayout layout;
    private final KernelSlot<ShgKernel> kernels;
    private final ShgParams params;
    private final ShgMismatch optics;      // NONE for the twin
    private final boolean hardware;        // saturate the applied m, quantise, cross-talk
    private final double[] gains;          // (N): 1 + σ_g r_j
    private final float[] crosstalk;       // (N, N) row-normalised point-spread, or null
    private final float[] drifting;        // power, source centre, GDD offsets; empty when nothing drifts
    private final float[] built;           // the drifting values the tables were built for
    private final double[] amplitude;      // (N) workspace of a rebuild
    private final double[] phase;          // (N) workspace of a rebuild
    private float[] m = new float[0];      // (batch, N): assembled modulation
    private float[] mixed = new float[0];  // (batch, N): after quantisation and crosstalk
    private float[] gMixed = new float[0]; // (batch, N)
    private float[] gM = new float[0];     // (batch, N)

    /** The analytic twin on the process's default backend. */
    public ShgModel(ShgLayout layout) {
        this(layout, Backends.get());
    }

    /** The analytic twin: the paper's idealised model. */
    public ShgModel(ShgLayout layout, ComputeBackend backend) {
        this(layout, backend, ShgMismatch.NONE, 0L, false, false);
    }

    /** The apparatus's physics: {@code optics} with its hidden gain errors from {@code seed}; drifting when asked. */
    ShgModel(ShgLayout layout, ComputeBackend backend, ShgMismatch optics, long seed, boolean drifts, boolean hardware) {
        this.layout = layout;
        this.kernels = new KernelSlot<>(ShgKernels.FAMILY, backend, layout.spec());
        this.params = new ShgParams(layout.spec());
        this.optics = optics;
        this.hardware = hardware;
        int n = layout.channels();
        this.gains = new double[n];
        Rng rng = new Rng(seed);
        for (int j = 0; j < n; j++) {
            gains[j] = optics.gainError() > 0 ? Math.max(0, 1 + optics.gainError() * rng.nextGaussian()) : 1;
        }
        this.crosstalk = optics.crosstalk() > 0 ? pointSpread(n, optics.crosstalk()) : null;
        this.drifting = drifts ? new float[3] : NOTHING_DRIFTS;
        this.built = new float[3];
        this.amplitude = new double[n];
        this.phase = new double[n];
        build(0f, 0f, 0f);
        ShgOptics.readout(layout.spec(), layout.windowFrom(), layout.windowTo(), optics.blur(), optics.spectrometerShift(), params.readout);
        ShgOptics.normalise(params); // calibrated once, at full transmission, before any drift
    }

    private static float[] pointSpread(int n, double sigma) {
        float[] c = new float[n * n];
        for (int p = 0; p < n; p++) {
            double sum = 0;
            for (int q = 0; q < n; q++) {
                sum += Math.exp(-0.5 * (p - q) * (p - q) / (sigma * sigma));
            }
            for (int q = 0; q < n; q++) {
                c[p * n + q] = (float) (Math.exp(-0.5 * (p - q) * (p - q) / (sigma * sigma)) / sum);
            }
        }
        return c;
    }

    /** The pair table for power, centre and GDD offsets (the drifting quantities). */
    private void build(float power, float centre, float gdd) {
        int n = layout.channels();
        double[] a = ShgOptics.source(n, optics.sourceShift() + (double) centre, optics.sourceWidth(), amplitude);
        for (int j = 0; j < n; j++) {
            a[j] *= gains[j];
        }
        ShgOptics.pairTable(layout.spec(), a, optics.gdd() + (double) gdd, optics.crystalLength(), 1 + (double) power, params, phase);
        built[0] = power;
        built[1] = centre;
        built[2] = gdd;
    }

    /** Rebuilds the tables when the drift moved since they were built (the readout's calibration stays). */
    private void refresh() {
        if (drifting.length > 0 && (drifting[0] != built[0] || drifting[1] != built[1] || drifting[2] != built[2])) {
            build(drifting[0], drifting[1], drifting[2]);
        }
    }

    public ShgLayout layout() {
        return layout;
    }

    /** The kernel's tables at the current drift (tests). */
    ShgParams params() {
        refresh();
        return params;
    }

    /** The row-normalised crosstalk (N, N), or null (tests). */
    float[] crosstalk() {
        return crosstalk;
    }

    @Override
    public int inputSize() {
        return layout.dataChannels();
    }

    @Override
    public int outputSize() {
        return layout.bins();
    }

    @Override
    public int parameterSize() {
        return layout.parameterChannels();
    }

    @Override
    public float parameterLower(int i) {
        return 0f;
    }

    @Override
    public float parameterUpper(int i) {
        return 1f;
    }

    @Override
    public void checkParameters(float[] theta) {
        int p = layout.parameterChannels();
        if (theta == null || theta.length != p) {
            throw new IllegalArgumentException("θ has length " + (theta == null ? "null" : theta.length) + ", expected " + p
                    + " (the layout's parameter channels)");
        }
        for (int k = 0; k < p; k++) {
            if (!(theta[k] >= 0f && theta[k] <= 1f)) {
                throw new IllegalArgumentException("θ[" + k + "] = " + theta[k] + ": expected a modulation in [0, 1]"
                        + " (a pulse shaper transmits between 0 and 1); keep θ in its range with the trainer's box projection");
            }
        }
    }

    @Override
    public void checkInputs(int batch, float[] x) {
        int d = layout.dataChannels();
        for (int idx = 0; idx < batch * d; idx++) {
            if (!(x[idx] >= 0f && x[idx] <= 1f)) {
                throw new IllegalArgumentException("x[" + idx / d + ", " + idx % d + "] = " + x[idx] + ": expected a modulation"
                        + " in [0, 1] (a pulse shaper transmits between 0 and 1); keep a layer's device inputs in range with"
                        + " the trainer's device box (clamp, or clamp with the soft penalty)");
            }
        }
    }

    @Override
    public float[] drifting() {
        return drifting;
    }

    @Override
    public void forward(int batch, float[] x, float[] theta, float[] y) {
        checkParameters(theta);
        checkX(batch, x);
        run(batch, x, theta, y);
    }

    @Override
    public void run(int batch, float[] x, float[] theta, float[] y) {
        refresh();
        float[] applied = apply(batch, x, theta);
        kernels.forBatch(batch).forward(batch, params, applied, y, null);
    }

    @Override
    public void vjp(int batch, float[] x, float[] theta, float[] gY, float[] gX, float[] gTheta) {
        checkParameters(theta);
        checkX(batch, x);
        if (gTheta != null && gTheta.length < layout.parameterChannels()) {
            throw new IllegalArgumentException("gTheta has length " + gTheta.length + ", expected " + layout.parameterChannels());
        }
        if (gX != null && gX.length < batch * layout.dataChannels()) {
            throw new IllegalArgumentException("gX has length " + gX.length + ", expected at least " + batch + " x "
                    + layout.dataChannels());
        }
        refresh();
        float[] applied = apply(batch, x, theta);
        int n = layout.channels();
        float[] gApplied = crosstalk == null ? gM : gMixed;
        kernels.forBatch(batch).vjp(batch, params, applied, gY, null, gApplied, null, null, null);
        if (crosstalk != null) {
            for (int b = 0; b < batch; b++) {       // gm = Cᵀ gm̃
                int row = b * n;
                Arrays.fill(gM, row, row + n, 0f);
                for (int p = 0; p < n; p++) {
                    float g = gMixed[row + p];
                    for (int q = 0; q < n; q++) {
                        gM[row + q] += crosstalk[p * n + q] * g;
                    }
                }
            }
        }
        layout.scatter(batch, gM, gX, gTheta);
    }

    private void checkX(int batch, float[] x) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, was " + batch);
        }
        if (x == null || x.length < batch * layout.dataChannels()) {
            throw new IllegalArgumentException("x has length " + (x == null ? "null" : x.length) + ", expected at least "
                    + batch + " x " + layout.dataChannels());
        }
        checkInputs(batch, x);
    }

    /** The modulation the kernel sees: m assembled, then (hardware) saturated, quantised and cross-talked. */
    private float[] apply(int batch, float[] x, float[] theta) {
        int len = batch * layout.channels();
        if (m.length < len) {
            m = new float[len];
            mixed = new float[len];
            gMixed = new float[len];
            gM = new float[len];
        }
        layout.assemble(batch, x, theta, m);
        if (!hardware) {
            return m;
        }
        int bits = optics.shaperBits();
        for (int k = 0; k < len; k++) {
            float v = Math.min(Math.max(m[k], 0f), 1f); // NaN stays NaN for the kernel's check
            m[k] = bits > 0 ? IoChain.quantize(v, 0f, 1f, bits) : v;
        }
        if (crosstalk == null) {
            return m;
        }
        int n = layout.channels();
        for (int b = 0; b < batch; b++) {
            int row = b * n;
            for (int p = 0; p < n; p++) {
                float s = 0f;
                for (int q = 0; q < n; q++) {
                    s += crosstalk[p * n + q] * m[row + q];
                }
                mixed[row + p] = Math.min(s, 1f); // rows sum to 1 up to rounding
            }
        }
        return mixed;
    }
}
