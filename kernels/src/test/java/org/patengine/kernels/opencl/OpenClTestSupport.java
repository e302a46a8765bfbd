package org.patengine.kernels.opencl;

import org.patengine.kernels.BackendKind;
import org.patengine.kernels.BackendTestSupport;

/** Skips (or, with {@code -Dpat.requireBackend=opencl}, fails) a test when OpenCL is unavailable. */
final class OpenClTestSupport {
    private OpenClTestSupport() {
    }

    /** The shared context, after the same availability check as every backend test. */
    static OpenClContext contextOrSkip() {
        BackendTestSupport.backendOrSkip(BackendKind.OPENCL);
        return OpenClContext.shared();
    }
}
