package org.patengine.kernels.shg;

import org.patengine.kernels.BackendKind;

/**
 * The reference {@link ShgKernel}: plain loops, sample by sample, in the direct O(N²) form of the
 * equations in {@link ShgKernel}. Every other implementation is tested against this one.
 *
 * <p>Workspace: the second-harmonic field B (re, im) and the intensity cotangent gI of one sample,
 * (N) each; nothing depends on the batch.
 */
public final class ScalarShgKernel extends ShgKernel {
    private final int n;
    private final int bins;
    // (N) each: one sample's Re B, Im B, I, gI
    private final float[] bRe, bIm, intensity, gI;

    public ScalarShgKernel(ShgSpec spec, int maxBatch) {
        super(spec, maxBatch);
        this.n = spec.channels();
        this.bins = spec.bins();
        bRe = new float[n];
        bIm = new float[n];
        intensity = new float[n];
        gI = new float[n];
    }

    @Override
    public BackendKind kind() {
        return BackendKind.SCALAR;
    }

    @Override
    protected void doForward(int batch, ShgParams p, float[] m, float[] y, float[] aux) {
        for (int b = 0; b < batch; b++) {
            field(p, m, b * n);
            readout(p, y, b * bins);
        }
    }

    @Override
    protected void doVjp(int batch, ShgParams p, float[] m, float[] gY, float[] gAux, float[] gM, Void grads,
                         float[] y, float[] aux) {
        for (int b = 0; b < batch; b++) {
            int off = b * n;
            field(p, m, off);
            if (y != null) {
                readout(p, y, b * bins);
            }
            if (gM != null) {
                backward(p, m, off, gY, b * bins, gM);
            }
        }
    }

    /** B and I of the sample at {@code off}. */
    private void field(ShgParams p, float[] m, int off) {
        final float[] cr = p.pairRe, ci = p.pairIm;
        final boolean cx = p.complexField;
        for (int i = 0; i < n; i++) {
            int row = i * n;
            float mi = m[off + i];
            float sq = mi * mi;
            float re = cr[row] * sq;
            float im = cx ? ci[row] * sq : 0f;
            int jMax = Math.min(i, n - 1 - i);
            float sRe = 0f, sIm = 0f;
            for (int j = 1; j <= jMax; j++) {
                float pair = m[off + i + j] * m[off + i - j];
                sRe += cr[row + j] * pair;
                if (cx) {
                    sIm += ci[row + j] * pair;
                }
            }
            re += 2f * sRe;
            im += 2f * sIm;
            bRe[i] = re;
            bIm[i] = im;
            intensity[i] = re * re + im * im;
        }
    }

    /** y[yOff .. yOff + M) = R I. */
    private void readout(ShgParams p, float[] y, int yOff) {
        final float[] r = p.readout;
        for (int k = 0; k < bins; k++) {
            int row = k * n;
            float s = 0f;
            for (int i = 0; i < n; i++) {
                s += r[row + i] * intensity[i];
            }
            y[yOff + k] = s;
        }
    }

    /** gM of the sample at {@code off} from gY at {@code yOff}, with B of the same sample in the workspace. */
    private void backward(ShgParams p, float[] m, int off, float[] gY, int yOff, float[] gM) {
        final float[] r = p.readout, cr = p.pairRe, ci = p.pairIm;
        final boolean cx = p.complexField;
        java.util.Arrays.fill(gI, 0f);
        for (int k = 0; k < bins; k++) {
            float g = gY[yOff + k];
            int row = k * n;
            for (int i = 0; i < n; i++) {
                gI[i] += r[row + i] * g;
            }
        }
        java.util.Arrays.fill(gM, off, off + n, 0f);
        for (int i = 0; i < n; i++) {
            int row = i * n;
            float u = 2f * gI[i] * bRe[i];
            float v = 2f * gI[i] * bIm[i];
            float w0 = u * cr[row] + (cx ? v * ci[row] : 0f);
            gM[off + i] += 2f * w0 * m[off + i];
            int jMax = Math.min(i, n - 1 - i);
            for (int j = 1; j <= jMax; j++) {
                float t = 2f * (u * cr[row + j] + (cx ? v * ci[row + j] : 0f));
                gM[off + i + j] += t * m[off + i - j];
                gM[off + i - j] += t * m[off + i + j];
            }
        }
    }
}
