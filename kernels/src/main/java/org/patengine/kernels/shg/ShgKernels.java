package org.patengine.kernels.shg;

import java.util.Map;

import org.patengine.kernels.BackendKind;
import org.patengine.kernels.KernelFamily;

/**
 * The SHG {@link KernelFamily}: the scalar oracle here, the SIMD and OpenCL kernels in their
 * backends' packages, named by class so that this package never imports a backend.
 */
public final class ShgKernels {
    /** The family "shg": one {@link ShgKernel} per backend. */
    public static final KernelFamily<ShgSpec, ShgKernel> FAMILY = KernelFamily.register(
            "shg", ShgSpec.class, ShgKernel.class, Map.of(
                    BackendKind.SCALAR, ScalarShgKernel.class.getName(),
                    BackendKind.SIMD, "org.patengine.kernels.simd.SimdShgKernel",
                    BackendKind.OPENCL, "org.patengine.kernels.opencl.OpenClShgKernel"));

    private ShgKernels() {
    }
}
