package org.patengine.kernels.opencl;

import java.util.List;

import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.cl_kernel;
import org.jocl.cl_program;
import org.patengine.kernels.BackendUnavailableException;

/**
 * The host-side helpers every OpenCL kernel owner of this package shares (the backend's GEMM and
 * elementwise kernels, the oscillator kernel, the next system's): the shared context with the
 * loader's failures turned into {@link BackendUnavailableException}, the tile size of the products,
 * kernels checked against their work-group size, fixed-size buffers, and programs built with the
 * shared tiled product prepended.
 */
final class OpenClHost {
    /** The tiled matrix product that {@code gemm.cl} and {@code oscillator.cl} call. */
    static final String TILE_PRODUCT = "tile_product.cl";
    /** Tile side of the products in {@link #TILE_PRODUCT} (TS). */
    static final int TS = 64;
    /** Depth of one slab of the products (TSK). */
    static final int TSK = 16;

    private OpenClHost() {
    }

    /**
     * {@link OpenClContext#shared()}, with every way it can fail here (no device matching the
     * selection, an OpenCL error, no loadable {@code libOpenCL}) as a {@link BackendUnavailableException}.
     */
    static OpenClContext sharedContext() {
        try {
            return OpenClContext.shared();
        } catch (BackendUnavailableException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new BackendUnavailableException(e.getMessage(), e);
        } catch (CLException e) {
            throw new BackendUnavailableException("OpenCL failed: " + e.getMessage(), e);
        } catch (LinkageError e) {
            throw new BackendUnavailableException("the OpenCL library could not be loaded: " + e.getMessage(), e);
        }
    }

    /**
     * The side RTS of the RTS × RTS work-groups of the tiled products on {@code cl}'s device: 16 when
     * it allows 256 work-items per group, else 8.
     *
     * @param what names the kernels in the error message
     * @throws BackendUnavailableException when the device allows fewer than 64 work-items per group
     */
    static int tileGroupSide(OpenClContext cl, String what) {
        long maxWg = cl.device().maxWorkGroupSize();
        if (maxWg < 64) {
            throw new BackendUnavailableException("OpenCL device " + cl.device().name()
                    + " allows work-groups of only " + maxWg + " work-items; " + what + " need 64");
        }
        return maxWg >= 256 ? 16 : 8;
    }

    /** The program of {@code resource} beside {@code host}, with {@link #TILE_PRODUCT} before it. */
    static cl_program tiledProgram(OpenClContext cl, Class<?> host, String resource, String options) {
        return cl.program(host, List.of(TILE_PRODUCT, resource), options);
    }

    /**
     * Kernel {@code name} of {@code program}, checked to run with work-groups of {@code workGroup}
     * items on the device; the caller releases it.
     */
    static cl_kernel kernel(OpenClContext cl, cl_program program, String name, long workGroup) {
        cl_kernel k = cl.kernel(program, name);
        long max = cl.workGroupSize(k);
        if (max < workGroup) {
            CL.clReleaseKernel(k);
            throw new BackendUnavailableException("OpenCL kernel " + name + " needs work-groups of " + workGroup
                    + " on " + cl.device().name() + ", which allows only " + max);
        }
        return k;
    }

    /** A device buffer of exactly {@code floats}, checked against the device's largest allocation. */
    static OpenClBuffer buffer(OpenClContext cl, String name, long floats) {
        OpenClBuffer b = new OpenClBuffer(cl, name, 1);
        b.ensureCapacity(floats);
        return b;
    }

    /** A host ↔ device buffer of exactly {@code floats} (pinned staging), checked likewise. */
    static OpenClTransferBuffer transfer(OpenClContext cl, String name, long floats) {
        OpenClTransferBuffer b = new OpenClTransferBuffer(cl, name, 1);
        b.ensureCapacity(floats);
        return b;
    }

    /** Closes every non-null resource, then rethrows the first failure (naming {@code what}). */
    static void closeAll(String what, AutoCloseable... resources) {
        RuntimeException first = null;
        for (AutoCloseable r : resources) {
            if (r == null) {
                continue;
            }
            try {
                r.close();
            } catch (Exception e) {
                if (first == null) {
                    first = new IllegalStateException("closing an OpenCL " + what + " failed", e);
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
