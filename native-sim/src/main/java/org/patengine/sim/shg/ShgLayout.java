package org.patengine.sim.shg;

import org.patengine.kernels.shg.ShgSpec;

/**
 * Which of a pulse shaper's N = data + θ channels carry the data x and which the parameters θ, and
 * the M spectrometer bins read out. The lab code behind the paper interleaves them in pairs
 * (d d θ θ d d θ θ …, N = 100: 50 data, 50 θ), so that every output mixes data with parameters
 * nearby; contiguous blocks (all data, then all θ) are the alternative.
 *
 * <p>The spectrometer reads its M bins over a window of the second-harmonic spectrum (its region of
 * interest): [from·N, to·N) of the N second-harmonic channels, the whole spectrum by default. The
 * SH spectrum of a pulse that fills the shaper falls to almost nothing at its edges (at the first
 * and last channel only one pair of channels adds up), so bins there carry little light and much
 * relative noise; a window on the bright centre keeps every bin useful ({@link #withReadoutWindow}).
 *
 * <p>Layouts: x (batch, D), θ (P), the assembled modulation m (batch, N), row-major.
 */
public final class ShgLayout {
    /** How data and parameter channels alternate across the spectrum. */
    public enum Arrangement { INTERLEAVED_PAIRS, BLOCKS }

    private final int data;
    private final int params;
    private final int bins;
    private final Arrangement arrangement;
    private final ShgSpec spec;
    private final int[] dataChannel;   // (D): the channel of data value k
    private final int[] paramChannel;  // (P): the channel of θ_k
    private final double windowFrom;   // the readout window, as shares of the SH channel range
    private final double windowTo;

    public ShgLayout(int dataChannels, int parameterChannels, int bins, Arrangement arrangement) {
        this(dataChannels, parameterChannels, bins, arrangement, 0, 1);
    }

    /**
     * A layout whose spectrometer reads its bins over [from·N, to·N) of the N second-harmonic
     * channels; 0 ≤ from < to ≤ 1.
     */
    public ShgLayout(int dataChannels, int parameterChannels, int bins, Arrangement arrangement, double from, double to) {
        if (dataChannels < 1 || parameterChannels < 0) {
            throw new IllegalArgumentException("an SHG layout needs >= 1 data channels and >= 0 parameter channels, was "
                    + dataChannels + " and " + parameterChannels);
        }
        if (arrangement == null) {
            throw new NullPointerException("arrangement is null");
        }
        if (!(from >= 0 && from < to && to <= 1)) {
            throw new IllegalArgumentException("the readout window [" + from + ", " + to
                    + ") must satisfy 0 <= from < to <= 1 (shares of the second-harmonic spectrum)");
        }
        this.windowFrom = from;
        this.windowTo = to;
        this.data = dataChannels;
        this.params = parameterChannels;
        this.bins = bins;
        this.arrangement = arrangement;
        this.spec = new ShgSpec(Math.addExact(dataChannels, parameterChannels), bins);
        this.dataChannel = new int[data];
        this.paramChannel = new int[params];
        int d = 0, p = 0;
        for (int c = 0; c < spec.channels(); c++) {
            // pairs d d θ θ …; once one kind is used up the other fills the tail
            boolean isData = arrangement == Arrangement.BLOCKS ? c < data
                    : d < data && (p >= params || (c / 2) % 2 == 0);
            if (isData) {
                dataChannel[d++] = c;
            } else {
                paramChannel[p++] = c;
            }
        }
    }

    /** D data channels and as many θ channels in pairs, d d θ θ … (the lab code's). */
    public static ShgLayout interleaved(int dataChannels, int bins) {
        return new ShgLayout(dataChannels, dataChannels, bins, Arrangement.INTERLEAVED_PAIRS);
    }

    /** D data channels, then as many θ channels. */
    public static ShgLayout blocks(int dataChannels, int bins) {
        return new ShgLayout(dataChannels, dataChannels, bins, Arrangement.BLOCKS);
    }

    /** This layout with its spectrometer reading [from·N, to·N) of the second-harmonic channels. */
    public ShgLayout withReadoutWindow(double from, double to) {
        return new ShgLayout(data, params, bins, arrangement, from, to);
    }

    /** Where the readout window starts, as a share of the second-harmonic channels. */
    public double windowFrom() {
        return windowFrom;
    }

    /** Where the readout window ends (exclusive), as a share of the second-harmonic channels. */
    public double windowTo() {
        return windowTo;
    }

    public int channels() {
        return spec.channels();
    }

    public int dataChannels() {
        return data;
    }

    public int parameterChannels() {
        return params;
    }

    public int bins() {
        return bins;
    }

    public Arrangement arrangement() {
        return arrangement;
    }

    public ShgSpec spec() {
        return spec;
    }

    /** The channel that carries data value k. */
    public int dataChannel(int k) {
        return dataChannel[k];
    }

    /** The channel that carries θ_k. */
    public int parameterChannel(int k) {
        return paramChannel[k];
    }

    /** m (batch, N) ← x (batch, D) and θ (P) in their channels. */
    public void assemble(int batch, float[] x, float[] theta, float[] m) {
        int n = spec.channels();
        for (int b = 0; b < batch; b++) {
            int row = b * n;
            for (int k = 0; k < data; k++) {
                m[row + dataChannel[k]] = x[b * data + k];
            }
            for (int k = 0; k < params; k++) {
                m[row + paramChannel[k]] = theta[k];
            }
        }
    }

    /** gX (batch, D) ← gM at the data channels; gθ (P) ← Σ_b gM at the θ channels. Either may be null. */
    public void scatter(int batch, float[] gM, float[] gX, float[] gTheta) {
        int n = spec.channels();
        if (gX != null) {
            for (int b = 0; b < batch; b++) {
                for (int k = 0; k < data; k++) {
                    gX[b * data + k] = gM[b * n + dataChannel[k]];
                }
            }
        }
        if (gTheta != null) {
            for (int k = 0; k < params; k++) {
                float s = 0f;
                for (int b = 0; b < batch; b++) {
                    s += gM[b * n + paramChannel[k]];
                }
                gTheta[k] = s;
            }
        }
    }

    @Override
    public String toString() {
        return data + " data + " + params + " θ channels " + (arrangement == Arrangement.BLOCKS ? "in blocks" : "interleaved in pairs")
                + " → " + bins + " bins" + (windowFrom == 0 && windowTo == 1 ? "" : " over [" + windowFrom + ", " + windowTo + ")");
    }
}
