package org.patengine.kernels.opencl;

import static org.jocl.CL.CL_MEM_READ_WRITE;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_mem;

/**
 * A float buffer in device memory that is created once and grows when a larger size is needed, so
 * the steady state reuses it instead of allocating per call. Growing drops the contents.
 *
 * <p>Not thread-safe: its owner guards it.
 */
public final class OpenClBuffer implements AutoCloseable {
    private final OpenClContext cl;
    private final String name;
    private cl_mem mem;
    private Pointer arg;
    private long capacity;
    private int allocations;

    /** A buffer named {@code name} (for error messages) holding {@code initialFloats >= 1} floats. */
    public OpenClBuffer(OpenClContext cl, String name, long initialFloats) {
        this.cl = cl;
        this.name = name;
        if (initialFloats < 1) {
            throw new IllegalArgumentException(name + ": initial capacity must be >= 1 float, was " + initialFloats);
        }
        allocate(initialFloats);
    }

    /** Makes room for at least {@code floats} floats, growing by at least half to keep regrowth rare. */
    public void ensureCapacity(long floats) {
        if (floats <= capacity) {
            return;
        }
        checkOpen();
        long maxFloats = cl.device().maxAllocBytes() / Sizeof.cl_float;
        if (floats > maxFloats) {
            throw new IllegalArgumentException(name + ": " + floats + " floats (" + floats * Sizeof.cl_float
                    + " bytes) exceed the device's largest allocation of " + cl.device().maxAllocBytes() + " bytes");
        }
        long grown = Math.min(maxFloats, Math.max(floats, capacity + capacity / 2));
        CL.clReleaseMemObject(mem);
        mem = null;
        allocate(grown);
    }

    private void allocate(long floats) {
        mem = CL.clCreateBuffer(cl.context(), CL_MEM_READ_WRITE, floats * Sizeof.cl_float, null, null);
        arg = Pointer.to(mem);
        capacity = floats;
        allocations++;
    }

    /** The memory object (replaced when the buffer grows). */
    public cl_mem mem() {
        checkOpen();
        return mem;
    }

    /** A cached pointer to the memory object, for {@code clSetKernelArg(k, i, Sizeof.cl_mem, arg())}. */
    public Pointer arg() {
        checkOpen();
        return arg;
    }

    /** Capacity in floats. */
    public long capacity() {
        return capacity;
    }

    /** How many times device memory was allocated (1 + the number of times it grew). */
    public int allocations() {
        return allocations;
    }

    private void checkOpen() {
        if (mem == null) {
            throw new IllegalStateException(name + ": buffer is closed");
        }
    }

    @Override
    public void close() {
        if (mem != null) {
            CL.clReleaseMemObject(mem);
            mem = null;
            arg = null;
        }
    }
}
