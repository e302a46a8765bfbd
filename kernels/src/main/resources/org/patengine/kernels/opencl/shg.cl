// Second-harmonic generation and its VJP on the device (host: OpenClShgKernel; the equations are in
// ShgKernel's Javadoc, the oracle is ScalarShgKernel).
//
// Layouts: m, B (re, im), I, U, V, gM are (batch, n) row-major; y, gY (batch, bins); the readout R
// (bins, n); the caller's pair tables c (n, n) with entry [i·n + j] for centre i and half-separation
// j; T (J + 1, n), J = jMaxAll = ⌊(n − 1)/2⌋, the same table transposed, T[j·n + i] = c_{i,j} on the grid and 0 off it, so
// that neighbouring work-items (neighbouring i) read neighbouring addresses.
//
// One work-item per (sample, channel) or (sample, bin); every sum is a gather over its own terms, so
// no atomics, and the order of every sum is fixed. Contraction is off so the arithmetic rounds like
// the Java oracle, whose summation order the field and the gradient also follow.

#pragma OPENCL FP_CONTRACT OFF

// T = c transposed, zero off the grid. 1D over (jMaxAll + 1)·n; im only when complexField.
__kernel void shg_transpose(const int n, const int jMaxAll, const int complexField,
                            __global const float* pairRe, __global const float* pairIm,
                            __global float* tRe, __global float* tIm)
{
    const int idx = get_global_id(0);
    if (idx >= (jMaxAll + 1) * n) {
        return;
    }
    const int j = idx / n;
    const int i = idx % n;
    const int on = i - j >= 0 && i + j < n;
    tRe[idx] = on ? pairRe[i * n + j] : 0.0f;
    if (complexField) {
        tIm[idx] = on ? pairIm[i * n + j] : 0.0f;
    }
}

// B_i = c_{i,0} m_i² + 2 Σ_{j≥1} c_{i,j} m_{i+j} m_{i−j} and I_i = |B_i|². 1D over batch·n.
__kernel void shg_field(const int batch, const int n, const int complexField,
                        __global const float* tRe, __global const float* tIm, __global const float* m,
                        __global float* bRe, __global float* bIm, __global float* inten)
{
    const int idx = get_global_id(0);
    if (idx >= batch * n) {
        return;
    }
    const int i = idx % n;
    __global const float* mb = m + (idx - i);
    const float mi = mb[i];
    const float sq = mi * mi;
    float re = tRe[i] * sq;
    float im = complexField ? tIm[i] * sq : 0.0f;
    const int jMax = min(i, n - 1 - i);
    float sRe = 0.0f, sIm = 0.0f;
    for (int j = 1; j <= jMax; j++) {
        const float pair = mb[i + j] * mb[i - j];
        sRe += tRe[j * n + i] * pair;
        if (complexField) {
            sIm += tIm[j * n + i] * pair;
        }
    }
    re += 2.0f * sRe;
    im += 2.0f * sIm;
    bRe[idx] = re;
    bIm[idx] = im;
    inten[idx] = re * re + im * im;
}

// y_k = Σ_i R_{k,i} I_i. 1D over batch·bins.
__kernel void shg_readout(const int batch, const int n, const int bins, __global const float* r,
                          __global const float* inten, __global float* y)
{
    const int idx = get_global_id(0);
    if (idx >= batch * bins) {
        return;
    }
    const int k = idx % bins;
    __global const float* ib = inten + (idx / bins) * n;
    __global const float* rk = r + k * n;
    float s = 0.0f;
    for (int i = 0; i < n; i++) {
        s += rk[i] * ib[i];
    }
    y[idx] = s;
}

// gI = Rᵀ gY, then U = 2 gI Re B and V = 2 gI Im B. 1D over batch·n.
__kernel void shg_weights(const int batch, const int n, const int bins, const int complexField,
                          __global const float* r, __global const float* gY,
                          __global const float* bRe, __global const float* bIm,
                          __global float* u, __global float* v)
{
    const int idx = get_global_id(0);
    if (idx >= batch * n) {
        return;
    }
    const int i = idx % n;
    __global const float* gb = gY + (idx / n) * bins;
    float g = 0.0f;
    for (int k = 0; k < bins; k++) {
        g += r[k * n + i] * gb[k];
    }
    u[idx] = 2.0f * g * bRe[idx];
    if (complexField) {
        v[idx] = 2.0f * g * bIm[idx];
    }
}

// gm_p = Σ_i 2 (U_i Re c_{i,|p−i|} + V_i Im c_{i,|p−i|}) m_{2i−p}, over the centres i = p + d whose
// partner 2i − p = p + 2d is on the grid. 1D over batch·n.
__kernel void shg_grad_m(const int batch, const int n, const int complexField,
                         __global const float* tRe, __global const float* tIm, __global const float* m,
                         __global const float* u, __global const float* v, __global float* gM)
{
    const int idx = get_global_id(0);
    if (idx >= batch * n) {
        return;
    }
    const int p = idx % n;
    const int row = idx - p;
    __global const float* mb = m + row;
    __global const float* ub = u + row;
    __global const float* vb = v + row;
    const int dLo = -(p / 2);
    const int dHi = (n - 1 - p) / 2;
    float g = 0.0f;
    for (int d = dLo; d <= dHi; d++) {
        const int i = p + d;
        const int t = abs(d) * n + i;
        float w = ub[i] * tRe[t];
        if (complexField) {
            w += vb[i] * tIm[t];
        }
        g += 2.0f * w * mb[p + 2 * d];
    }
    gM[idx] = g;
}
