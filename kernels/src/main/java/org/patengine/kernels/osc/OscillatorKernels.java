package org.patengine.kernels.osc;

import org.patengine.kernels.BackendUnavailableException;
import org.patengine.kernels.ComputeBackend;

/** Creates the {@link OscillatorKernel} for a compute backend. */
public final class OscillatorKernels {
    private OscillatorKernels() {
    }

    /**
     * A kernel for {@code spec} and batches up to {@code maxBatch} on {@code backend}'s kind. OpenCL
     * has no oscillator kernel yet: asking for it throws rather than quietly running elsewhere.
     */
    public static OscillatorKernel create(ComputeBackend backend, OscillatorSpec spec, int maxBatch) {
        return switch (backend.kind()) {
            case SCALAR -> new ScalarOscillatorKernel(spec, maxBatch);
            case SIMD -> new SimdOscillatorKernel(spec, maxBatch);
            case OPENCL -> throw new BackendUnavailableException(
                    "the oscillator kernel has no OpenCL implementation yet: use -Dpat.backend=simd or scalar");
        };
    }
}
