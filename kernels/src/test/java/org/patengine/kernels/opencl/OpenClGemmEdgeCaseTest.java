package org.patengine.kernels.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.patengine.kernels.BackendKind;
import org.patengine.kernels.BackendTestSupport;
import org.patengine.kernels.ComputeBackend;

/** BLAS semantics without a product: when alpha == 0 or k == 0, A, B and alpha are not used. */
class OpenClGemmEdgeCaseTest {

    @Test
    void alphaZeroNeverReadsAOrB() {
        ComputeBackend be = BackendTestSupport.backendOrSkip(BackendKind.OPENCL);
        float[] a = new float[12], b = new float[12];
        Arrays.fill(a, Float.NaN);
        Arrays.fill(b, Float.POSITIVE_INFINITY);
        float[] c = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        be.gemm(false, false, 3, 3, 4, 0f, a, 0, 4, b, 0, 3, 2f, c, 0, 3);
        assertEquals("[2.0, 4.0, 6.0, 8.0, 10.0, 12.0, 14.0, 16.0, 18.0]", Arrays.toString(c));
        be.gemm(true, true, 3, 3, 4, 0f, a, 0, 3, b, 0, 4, 0f, c, 0, 3);
        assertEquals("[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]", Arrays.toString(c));
    }

    @Test
    void emptyInnerDimensionIgnoresAlpha() {
        ComputeBackend be = BackendTestSupport.backendOrSkip(BackendKind.OPENCL);
        float[] c = {1, -2, 3, -4, 5, -6};
        be.gemm(false, true, 2, 3, 0, Float.NaN, new float[1], 0, 1, new float[3], 0, 1, -0.5f, c, 0, 3);
        assertEquals("[-0.5, 1.0, -1.5, 2.0, -2.5, 3.0]", Arrays.toString(c));
    }
}
