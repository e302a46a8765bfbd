// Coupled-oscillator RK4 and its exact reverse pass, on the device (host: OpenClOscillatorKernel,
// whose Javadoc and ScalarOscillatorKernel's give the equations).
//
// Layouts: every state, adjoint and stage block is (batch, n) row-major with row stride n; the stage
// stores hold 4·Nt such blocks slot-major at offset slot·batch·n. prm is (6, n): rows d, e, s, a, cl,
// cr (d_i = k_i + Σ_j J_ij, or k_i + cl_i + cr_i on a ring). J is (n, n) row-major, symmetric.
//
// One kernel launch per RK4 stage: the coupling of the stage (a tiled product sin(s∘Q)·J for
// all-to-all, the two neighbours on a ring) and, in the same work-item that owns element (b, i),
// the elementwise stage update, which also takes the next stage's sine. A launch reads one stage
// slot (or ping-pong buffer) and writes another, so the work-groups never race.
//
// Contraction is off so that the elementwise arithmetic rounds like the Java oracle; the products
// use explicit fma. Built without fast-math: sin/cos keep the full-profile accuracy (4 ulp).

#pragma OPENCL FP_CONTRACT OFF

// The tiles (RTS, TS, TSK, WPT and tile_product): tile_product.cl, prepended when the program is built.

#define P_D 0
#define P_E 1
#define P_S 2
#define P_A 3
#define P_CL 4
#define P_CR 5

// Forward stage st of one step for element idx = b·n + i, given its coupling force:
// A = coupling − d∘u + e − γV; the RK4 sums; the next stage's (Q, V) (or, at st = 3, the new state)
// and sin(s∘Q) into uOut, s∘cos(s∘Q) into csOut when recording. At the last stage of the last step
// (hasNext = 0) there is no next sine.
inline void stage_update(const int idx, const int i, const int n, const float coupling, const float ui,
                         __global const float* prm, __global float* uOut, __global float* csOut,
                         const int record, const int hasNext,
                         __global float* q, __global float* v, __global float* vStage,
                         __global float* qAcc, __global float* vAcc,
                         const int st, const float h, const float h6, const float gamma)
{
    const float vi = vStage[idx];
    const float acc = coupling - prm[P_D * n + i] * ui + prm[P_E * n + i] - gamma * vi;
    if (st == 0) {
        qAcc[idx] = vi;
        vAcc[idx] = acc;
    } else if (st < 3) {
        qAcc[idx] += 2.0f * vi;
        vAcc[idx] += 2.0f * acc;
    }
    float qNext;
    if (st < 3) {
        const float c = st < 2 ? 0.5f * h : h;
        qNext = q[idx] + c * vi;
        vStage[idx] = v[idx] + c * acc;
    } else {
        qNext = q[idx] + h6 * (qAcc[idx] + vi);
        const float vNext = v[idx] + h6 * (vAcc[idx] + acc);
        q[idx] = qNext;
        v[idx] = vNext;
        vStage[idx] = vNext; // stage 1 of the next step starts from v
    }
    if (st < 3 || hasNext) {
        const float s = prm[P_S * n + i];
        const float sq = s * qNext;
        if (record) {
            float c;
            uOut[idx] = sincos(sq, &c);
            csOut[idx] = s * c;
        } else {
            uOut[idx] = sin(sq);
        }
    }
}

// q = a∘x, v = V1 = 0, u = sin(s∘q) (and s∘cos(s∘q) when recording). 1D over batch·n.
__kernel void init_state(const int batch, const int n, __global const float* prm, __global const float* x,
                         __global float* q, __global float* v, __global float* vStage,
                         __global float* uOut, __global float* csOut, const int record)
{
    const int idx = get_global_id(0);
    if (idx >= batch * n) {
        return;
    }
    const int i = idx % n;
    const float qi = prm[P_A * n + i] * x[idx];
    q[idx] = qi;
    v[idx] = 0.0f;
    vStage[idx] = 0.0f;
    const float s = prm[P_S * n + i];
    const float sq = s * qi;
    if (record) {
        float c;
        uOut[idx] = sincos(sq, &c);
        csOut[idx] = s * c;
    } else {
        uOut[idx] = sin(sq);
    }
}

// One forward stage, all-to-all: coupling = (U·J)[b][i] with U = uIn[uInOff ..] (batch, n).
// 2D range (ceil(n/TS)·RTS, ceil(batch/TS)·RTS), work-groups (RTS, RTS).
__kernel __attribute__((reqd_work_group_size(RTS, RTS, 1)))
void stage_dense(const int batch, const int n, __global const float* J, __global const float* prm,
                 __global const float* uIn, const int uInOff, __global float* uOut, const int uOutOff,
                 __global float* csOut, const int record, const int hasNext,
                 __global float* q, __global float* v, __global float* vStage,
                 __global float* qAcc, __global float* vAcc,
                 const int st, const float h, const float h6, const float gamma)
{
    __local float Asub[TSK][TS + 1];
    __local float Bsub[TSK][TS + 1];
    float acc[WPT][WPT];
    for (int wm = 0; wm < WPT; wm++) {
        for (int wn = 0; wn < WPT; wn++) {
            acc[wm][wn] = 0.0f;
        }
    }
    uIn += uInOff;
    tile_product(0, 0, batch, n, 0, n, uIn, n, J, n, Asub, Bsub, acc);
    uOut += uOutOff;
    csOut += record ? uOutOff : 0;
    const int row0 = get_group_id(1) * TS + get_local_id(1);
    const int col0 = get_group_id(0) * TS + get_local_id(0);
    for (int wm = 0; wm < WPT; wm++) {
        const int b = row0 + wm * RTS;
        if (b >= batch) {
            break;
        }
        for (int wn = 0; wn < WPT; wn++) {
            const int i = col0 + wn * RTS;
            if (i < n) {
                const int idx = b * n + i;
                stage_update(idx, i, n, acc[wm][wn], uIn[idx], prm, uOut, csOut, record, hasNext,
                             q, v, vStage, qAcc, vAcc, st, h, h6, gamma);
            }
        }
    }
}

// One forward stage, ring: coupling = cl_i u_{i−1} + cr_i u_{i+1} (indices mod n). 1D over batch·n.
// Same arguments as stage_dense (J unused) so that the host sets them alike.
__kernel void stage_ring(const int batch, const int n, __global const float* J, __global const float* prm,
                         __global const float* uIn, const int uInOff, __global float* uOut, const int uOutOff,
                         __global float* csOut, const int record, const int hasNext,
                         __global float* q, __global float* v, __global float* vStage,
                         __global float* qAcc, __global float* vAcc,
                         const int st, const float h, const float h6, const float gamma)
{
    const int idx = get_global_id(0);
    if (idx >= batch * n) {
        return;
    }
    const int b = idx / n;
    const int i = idx - b * n;
    uIn += uInOff;
    const int row = b * n;
    const float left = uIn[row + (i == 0 ? n - 1 : i - 1)];
    const float right = uIn[row + (i == n - 1 ? 0 : i + 1)];
    const float coupling = prm[P_CL * n + i] * left + prm[P_CR * n + i] * right;
    uOut += uOutOff;
    csOut += record ? uOutOff : 0;
    stage_update(idx, i, n, coupling, uIn[idx], prm, uOut, csOut, record, hasNext,
                 q, v, vStage, qAcc, vAcc, st, h, h6, gamma);
}

// Reverse pass start (last step, stage 4): λv = gQDot (already uploaded) or 0,
// ā4 = h/6 λv into aStore[aOff ..], V̄4 = h/6 λq − γ ā4. 1D over len = batch·n.
__kernel void back_init(const int len, const int hasGV, __global const float* lamQ, __global float* lamV,
                        __global float* aStore, const int aOff, __global float* vBar,
                        const float h6, const float gamma)
{
    const int idx = get_global_id(0);
    if (idx >= len) {
        return;
    }
    if (!hasGV) {
        lamV[idx] = 0.0f;
    }
    const float ab = h6 * lamV[idx];
    aStore[aOff + idx] = ab;
    vBar[idx] = h6 * lamQ[idx] - gamma * ab;
}

// Reverse stage st of one step for element idx = b·n + i, given coupling = (ā_st·J)[b][i] or the
// ring's neighbour sum of ā_st:
//   Q̄ = s∘cos(s∘Q) ∘ (coupling − d∘ā);   sums of Q̄ and V̄ over the step's stages;
//   st > 0: ā_{st−1} = w λv + c V̄, V̄ ← w λq + c Q̄ − γ ā_{st−1}  (into slot prevOff);
//   st = 0: λ ← λ + Σ (Q̄, V̄); then the previous step's ā4 and V̄4 into slot prevOff, or at t = 0
//           gX = a∘λq.
inline void back_update(const int idx, const int i, const int n, const float coupling,
                        __global const float* prm, __global float* aStore, const int off, const int prevOff,
                        __global const float* cs, __global float* lamQ, __global float* lamV,
                        __global float* sumQ, __global float* sumV, __global float* vBar, __global float* gX,
                        const int st, const int hasPrevStep, const float c, const float w,
                        const float h6, const float gamma)
{
    const float ab = aStore[off + idx];
    const float qBar = cs[off + idx] * (coupling - prm[P_D * n + i] * ab);
    const float vb = vBar[idx];
    if (st == 3) {
        sumQ[idx] = lamQ[idx] + qBar;
        sumV[idx] = lamV[idx] + vb;
    } else if (st > 0) {
        sumQ[idx] += qBar;
        sumV[idx] += vb;
    }
    if (st > 0) {
        const float aPrev = w * lamV[idx] + c * vb;
        aStore[prevOff + idx] = aPrev;
        vBar[idx] = w * lamQ[idx] + c * qBar - gamma * aPrev;
    } else {
        const float lq = sumQ[idx] + qBar;
        const float lv = sumV[idx] + vb;
        lamQ[idx] = lq;
        lamV[idx] = lv;
        if (hasPrevStep) {
            const float a4 = h6 * lv;
            aStore[prevOff + idx] = a4;
            vBar[idx] = h6 * lq - gamma * a4;
        } else {
            gX[idx] = prm[P_A * n + i] * lq;
        }
    }
}

// One reverse stage, all-to-all (J symmetric, so the transposed coupling is ā·J too).
// Geometry as stage_dense.
__kernel __attribute__((reqd_work_group_size(RTS, RTS, 1)))
void back_dense(const int batch, const int n, __global const float* J, __global const float* prm,
                __global float* aStore, const int off, const int prevOff, __global const float* cs,
                __global float* lamQ, __global float* lamV, __global float* sumQ, __global float* sumV,
                __global float* vBar, __global float* gX,
                const int st, const int hasPrevStep, const float c, const float w,
                const float h6, const float gamma)
{
    __local float Asub[TSK][TS + 1];
    __local float Bsub[TSK][TS + 1];
    float acc[WPT][WPT];
    for (int wm = 0; wm < WPT; wm++) {
        for (int wn = 0; wn < WPT; wn++) {
            acc[wm][wn] = 0.0f;
        }
    }
    tile_product(0, 0, batch, n, 0, n, aStore + off, n, J, n, Asub, Bsub, acc);
    const int row0 = get_group_id(1) * TS + get_local_id(1);
    const int col0 = get_group_id(0) * TS + get_local_id(0);
    for (int wm = 0; wm < WPT; wm++) {
        const int b = row0 + wm * RTS;
        if (b >= batch) {
            break;
        }
        for (int wn = 0; wn < WPT; wn++) {
            const int i = col0 + wn * RTS;
            if (i < n) {
                back_update(b * n + i, i, n, acc[wm][wn], prm, aStore, off, prevOff, cs, lamQ, lamV,
                            sumQ, sumV, vBar, gX, st, hasPrevStep, c, w, h6, gamma);
            }
        }
    }
}

// One reverse stage, ring (the neighbour operator is symmetric). 1D over batch·n; arguments as back_dense.
__kernel void back_ring(const int batch, const int n, __global const float* J, __global const float* prm,
                        __global float* aStore, const int off, const int prevOff, __global const float* cs,
                        __global float* lamQ, __global float* lamV, __global float* sumQ, __global float* sumV,
                        __global float* vBar, __global float* gX,
                        const int st, const int hasPrevStep, const float c, const float w,
                        const float h6, const float gamma)
{
    const int idx = get_global_id(0);
    if (idx >= batch * n) {
        return;
    }
    const int b = idx / n;
    const int i = idx - b * n;
    const int row = off + b * n;
    const float left = aStore[row + (i == 0 ? n - 1 : i - 1)];
    const float right = aStore[row + (i == n - 1 ? 0 : i + 1)];
    const float coupling = prm[P_CL * n + i] * left + prm[P_CR * n + i] * right;
    back_update(idx, i, n, coupling, prm, aStore, off, prevOff, cs, lamQ, lamV, sumQ, sumV, vBar, gX,
                st, hasPrevStep, c, w, h6, gamma);
}

// All-to-all parameter gradients, pass 1: split-K partial products M_s = Āᵀ·U over the stacked stage
// rows [s·kc, min(rows, (s+1)·kc)), M_s (n, n) at mPart + s·n². 3D range
// (ceil(n/TS)·RTS, ceil(n/TS)·RTS, splits), work-groups (RTS, RTS, 1).
__kernel __attribute__((reqd_work_group_size(RTS, RTS, 1)))
void grad_products(const int n, const int rows, const int kc, __global const float* aStore,
                   __global const float* uStore, __global float* mPart)
{
    __local float Asub[TSK][TS + 1];
    __local float Bsub[TSK][TS + 1];
    float acc[WPT][WPT];
    for (int wm = 0; wm < WPT; wm++) {
        for (int wn = 0; wn < WPT; wn++) {
            acc[wm][wn] = 0.0f;
        }
    }
    const int split = get_global_id(2);
    const int k0 = split * kc;
    const int k1 = min(rows, k0 + kc);
    tile_product(1, 0, n, n, k0, k1, aStore, n, uStore, n, Asub, Bsub, acc);
    __global float* m = mPart + (long) split * n * n;
    const int row0 = get_group_id(1) * TS + get_local_id(1);
    const int col0 = get_group_id(0) * TS + get_local_id(0);
    for (int wm = 0; wm < WPT; wm++) {
        const int gi = row0 + wm * RTS;
        if (gi >= n) {
            break;
        }
        for (int wn = 0; wn < WPT; wn++) {
            const int gj = col0 + wn * RTS;
            if (gj < n) {
                m[gi * n + gj] = acc[wm][wn];
            }
        }
    }
}

// All-to-all parameter gradients, pass 2: with M = Σ_s M_s,
// gJ_ij = (M_ij + M_ji) − (M_ii + M_jj) (zero diagonal) and gk_i = −M_ii into gp[n + i].
// 1D over n·n.
__kernel void grad_symmetric(const int n, const int splits, __global const float* mPart,
                             __global float* gJ, __global float* gp)
{
    const int idx = get_global_id(0);
    if (idx >= n * n) {
        return;
    }
    const int i = idx / n;
    const int j = idx - i * n;
    const long nn = (long) n * n;
    float mij = 0.0f, mji = 0.0f, mii = 0.0f, mjj = 0.0f;
    for (int s = 0; s < splits; s++) {
        __global const float* m = mPart + s * nn;
        mij += m[i * n + j];
        mji += m[j * n + i];
        mii += m[i * n + i];
        mjj += m[j * n + j];
    }
    gJ[idx] = i == j ? 0.0f : (mij + mji) - (mii + mjj);
    if (i == j) {
        gp[n + i] = -mii;
    }
}

// Column reductions over the stacked stage rows, pass 1: work-item (i, chunk) sums rows
// [chunk·rc, min(rows, (chunk+1)·rc)) of column i into part (chunks, 3, n):
//   part[chunk][0][i] = Σ ā_i;  ring only: part[chunk][1][i] = −Σ ā_i u_i,
//   part[chunk][2][l] = Σ (ā_l − ā_{l+1})(u_{l+1} − u_l) for links l.
// 2D range (n rounded up, chunks).
__kernel void grad_columns(const int n, const int rows, const int rc, const int ring, const int links,
                           __global const float* aStore, __global const float* uStore, __global float* part)
{
    const int i = get_global_id(0);
    const int chunk = get_global_id(1);
    if (i >= n) {
        return;
    }
    const int r0 = chunk * rc;
    const int r1 = min(rows, r0 + rc);
    const int j = i == n - 1 ? 0 : i + 1;
    float pe = 0.0f, pk = 0.0f, pc = 0.0f;
    for (int r = r0; r < r1; r++) {
        const int row = r * n;
        const float a = aStore[row + i];
        pe += a;
        if (ring) {
            const float u = uStore[row + i];
            pk -= a * u;
            if (i < links) {
                pc += (a - aStore[row + j]) * (uStore[row + j] - u);
            }
        }
    }
    __global float* out = part + chunk * 3 * n;
    out[i] = pe;
    out[n + i] = pk;
    out[2 * n + i] = pc;
}

// Column reductions, pass 2, for oscillator i: ge, and on a ring gk and gJ (link i), summed over
// the chunks; ga_i = Σ_b x[b][i] λq[b][i] (λq at t = 0). gp is (3, n): e, k, a. 1D over n.
__kernel void grad_final(const int n, const int chunks, const int batch, const int ring, const int links,
                         __global const float* part, __global const float* x, __global const float* lamQ,
                         __global float* gp, __global float* gJ)
{
    const int i = get_global_id(0);
    if (i >= n) {
        return;
    }
    float ge = 0.0f, gk = 0.0f, gc = 0.0f;
    for (int c = 0; c < chunks; c++) {
        __global const float* p = part + c * 3 * n;
        ge += p[i];
        gk += p[n + i];
        gc += p[2 * n + i];
    }
    gp[i] = ge;
    if (ring) {
        gp[n + i] = gk;
        if (i < links) {
            gJ[i] = gc;
        }
    }
    float ga = 0.0f;
    for (int b = 0; b < batch; b++) {
        ga += x[b * n + i] * lamQ[b * n + i];
    }
    gp[2 * n + i] = ga;
}
