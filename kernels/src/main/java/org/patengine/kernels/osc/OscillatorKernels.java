package org.patengine.kernels.osc;

import org.patengine.kernels.BackendUnavailableException;
import org.patengine.kernels.ComputeBackend;

/** Creates the {@link OscillatorKernel} for a compute backend. */
public final class OscillatorKernels {
    private OscillatorKernels() {
    }

    /**
     * A kernel for {@code spec} and batches up to {@code maxBatch} on {@code backend}'s kind (OpenCL:
     * on the shared context, the device chosen by {@code pat.opencl.device}).
     *
     * @throws BackendUnavailableException when the backend's kind cannot run here
     */
    public static OscillatorKernel create(ComputeBackend backend, OscillatorSpec spec, int maxBatch) {
        return switch (backend.kind()) {
            case SCALAR -> new ScalarOscillatorKernel(spec, maxBatch);
            case SIMD -> new SimdOscillatorKernel(spec, maxBatch);
            case OPENCL -> new OpenClOscillatorKernel(spec, maxBatch);
        };
    }
}
