package org.patengine.kernels.osc;

import java.util.Map;

import org.patengine.kernels.BackendKind;
import org.patengine.kernels.BackendUnavailableException;
import org.patengine.kernels.ComputeBackend;
import org.patengine.kernels.KernelFamily;

/**
 * The oscillators' {@link KernelFamily}: the scalar oracle here, the SIMD and OpenCL kernels in
 * their backends' packages, named by class so that this package never imports a backend.
 */
public final class OscillatorKernels {
    /** The family "oscillators": one {@link OscillatorKernel} per backend. */
    public static final KernelFamily<OscillatorSpec, OscillatorKernel> FAMILY = KernelFamily.register(
            "oscillators", OscillatorSpec.class, OscillatorKernel.class, Map.of(
                    BackendKind.SCALAR, ScalarOscillatorKernel.class.getName(),
                    BackendKind.SIMD, "org.patengine.kernels.simd.SimdOscillatorKernel",
                    BackendKind.OPENCL, "org.patengine.kernels.opencl.OpenClOscillatorKernel"));

    private OscillatorKernels() {
    }

    /**
     * A kernel for {@code spec} and batches up to {@code maxBatch} on {@code backend}'s kind (OpenCL:
     * on the shared context, the device chosen by {@code pat.opencl.device}).
     *
     * @throws BackendUnavailableException when the backend's kind cannot run here
     */
    public static OscillatorKernel create(ComputeBackend backend, OscillatorSpec spec, int maxBatch) {
        return FAMILY.create(backend, spec, maxBatch);
    }
}
