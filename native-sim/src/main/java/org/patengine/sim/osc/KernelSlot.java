package org.patengine.sim.osc;

import org.patengine.kernels.ComputeBackend;
import org.patengine.kernels.osc.OscillatorKernel;
import org.patengine.kernels.osc.OscillatorKernels;
import org.patengine.kernels.osc.OscillatorSpec;

/**
 * An oscillator kernel sized for the largest batch seen so far: a larger batch replaces it once
 * (its workspaces are sized per batch), after which calls allocate nothing.
 */
final class KernelSlot {
    private final ComputeBackend backend;
    private final OscillatorSpec spec;
    private OscillatorKernel kernel;

    KernelSlot(ComputeBackend backend, OscillatorSpec spec) {
        this.backend = backend;
        this.spec = spec;
    }

    OscillatorKernel forBatch(int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, was " + batch);
        }
        if (kernel == null || kernel.maxBatch() < batch) {
            if (kernel instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing the previous oscillator kernel failed", e);
                }
            }
            kernel = OscillatorKernels.create(backend, spec, batch);
        }
        return kernel;
    }

    ComputeBackend backend() {
        return backend;
    }
}
