// Elementwise operations and reductions on dense float vectors and row-major matrices.
// One work-item per element; the host rounds the global size up to the work-group size, so every
// kernel checks its bound. Built without fast-math options: sin and cos keep OpenCL's full-profile
// accuracy (4 ulp), close to the Java reference.

#ifndef RED_WG
#define RED_WG 256
#endif

// x[i] = sin(x[i])
__kernel void sin_inplace(const int n, __global float* x)
{
    const int i = get_global_id(0);
    if (i < n) {
        x[i] = sin(x[i]);
    }
}

// x[i] = cos(x[i])
__kernel void cos_inplace(const int n, __global float* x)
{
    const int i = get_global_id(0);
    if (i < n) {
        x[i] = cos(x[i]);
    }
}

// c[i] += a[i] * b[i], rounded once
__kernel void fma_accumulate(const int n, __global const float* a, __global const float* b, __global float* c)
{
    const int i = get_global_id(0);
    if (i < n) {
        c[i] = fma(a[i], b[i], c[i]);
    }
}

// y[i] += alpha * x[i], rounded once
__kernel void axpy_accumulate(const int n, const float alpha, __global const float* x, __global float* y)
{
    const int i = get_global_id(0);
    if (i < n) {
        y[i] = fma(alpha, x[i], y[i]);
    }
}

// x[i] *= alpha
__kernel void scale_inplace(const int n, const float alpha, __global float* x)
{
    const int i = get_global_id(0);
    if (i < n) {
        x[i] *= alpha;
    }
}

// partial[g] = sum of the x[i] that work-group g visits: each work-item adds up a grid-strided
// share, then the work-group combines its RED_WG values in a tree. Run once over x with G groups,
// then once more with one group over the G partial sums.
__kernel __attribute__((reqd_work_group_size(RED_WG, 1, 1)))
void sum_partial(const int n, __global const float* x, __global float* partial)
{
    __local float scratch[RED_WG];
    const int lid = get_local_id(0);
    const int stride = get_global_size(0);
    float s = 0.0f;
    for (int i = get_global_id(0); i < n; i += stride) {
        s += x[i];
    }
    scratch[lid] = s;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int h = RED_WG / 2; h > 0; h >>= 1) {
        if (lid < h) {
            scratch[lid] += scratch[lid + h];
        }
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    if (lid == 0) {
        partial[get_group_id(0)] = scratch[0];
    }
}

// out[j] = sum over i < m of a[i * lda + j]: one work-item per column, so neighbouring work-items
// read neighbouring addresses of each row.
__kernel void column_sums(const int m, const int n, __global const float* a, const int lda, __global float* out)
{
    const int j = get_global_id(0);
    if (j < n) {
        float s = 0.0f;
        for (int i = 0; i < m; i++) {
            s += a[i * lda + j];
        }
        out[j] = s;
    }
}
