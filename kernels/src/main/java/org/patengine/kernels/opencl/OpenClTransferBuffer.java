package org.patengine.kernels.opencl;

import static org.jocl.CL.CL_MAP_READ;
import static org.jocl.CL.CL_MAP_WRITE;
import static org.jocl.CL.CL_MEM_ALLOC_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_TRUE;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_mem;

/**
 * A device buffer with a pinned host twin, for moving matrices between Java {@code float[]} arrays
 * and the device without allocating per call.
 *
 * <p>{@link #upload} packs the rows of a strided host matrix into the pinned staging memory (so only
 * the needed elements travel, and the device sees a dense row-major matrix with row stride =
 * {@code cols}) and writes them to the device; {@link #download} reads into the staging memory and
 * scatters the rows back, leaving the host's row padding untouched. The staging memory is a
 * {@code CL_MEM_ALLOC_HOST_PTR} buffer mapped once for its lifetime: the pinned-memory pattern that
 * lets a GPU copy by DMA; on a CPU device it is plain host memory.
 *
 * <p>Both copies block: JOCL allocates a Java object per non-blocking transfer (64 bytes, for the
 * event that releases its pointer), and the in-order queue serialises the copies anyway. Not
 * thread-safe: its owner guards it.
 */
public final class OpenClTransferBuffer implements AutoCloseable {
    private final OpenClContext cl;
    private final String name;
    private final OpenClBuffer device;
    private cl_mem pinned;
    private ByteBuffer mapped;
    private FloatBuffer staging; // (capacity) floats, native order, a view of mapped
    private Pointer stagingPtr;
    private int stagingCapacity;
    private int stagingAllocations;

    /** A buffer named {@code name} holding {@code initialFloats >= 1} floats on both sides. */
    public OpenClTransferBuffer(OpenClContext cl, String name, int initialFloats) {
        this.cl = cl;
        this.name = name;
        this.device = new OpenClBuffer(cl, name, initialFloats);
        allocateStaging(initialFloats);
    }

    /** Makes room for {@code floats} floats on both sides; growing drops the contents. */
    public void ensureCapacity(long floats) {
        device.ensureCapacity(floats);
        if (floats > stagingCapacity) {
            long maxFloats = Integer.MAX_VALUE / Sizeof.cl_float; // one mapped ByteBuffer
            if (floats > maxFloats) {
                throw new IllegalArgumentException(name + ": a transfer of " + floats
                        + " floats exceeds the 2 GiB limit of one staging buffer");
            }
            releaseStaging();
            allocateStaging((int) Math.min(maxFloats, Math.max(device.capacity(), floats)));
        }
    }

    private void allocateStaging(int floats) {
        long bytes = (long) floats * Sizeof.cl_float;
        pinned = CL.clCreateBuffer(cl.context(), CL_MEM_READ_WRITE | CL_MEM_ALLOC_HOST_PTR, bytes, null, null);
        mapped = CL.clEnqueueMapBuffer(cl.queue(), pinned, CL_TRUE, CL_MAP_READ | CL_MAP_WRITE, 0, bytes,
                0, null, null, null);
        staging = mapped.order(ByteOrder.nativeOrder()).asFloatBuffer();
        stagingPtr = Pointer.to(mapped);
        stagingCapacity = floats;
        stagingAllocations++;
    }

    private void releaseStaging() {
        if (pinned != null) {
            CL.clEnqueueUnmapMemObject(cl.queue(), pinned, mapped, 0, null, null);
            CL.clFinish(cl.queue()); // the unmap must be done before the release
            CL.clReleaseMemObject(pinned);
            pinned = null;
            mapped = null;
            staging = null;
            stagingPtr = null;
        }
    }

    /**
     * Copies the {@code rows × cols} matrix at {@code src[off]} with row stride {@code ld} to the device
     * as a dense {@code (rows, cols)} row-major matrix, growing the buffer if needed. Blocks until the
     * copy is done.
     */
    public void upload(float[] src, int off, int rows, int cols, int ld) {
        long count = (long) rows * cols;
        if (count == 0) {
            return;
        }
        ensureCapacity(count);
        if (ld == cols) {
            staging.put(0, src, off, (int) count);
        } else {
            for (int r = 0; r < rows; r++) {
                staging.put(r * cols, src, off + r * ld, cols);
            }
        }
        CL.clEnqueueWriteBuffer(cl.queue(), device.mem(), CL_TRUE, 0, count * Sizeof.cl_float, stagingPtr,
                0, null, null);
    }

    /**
     * Copies the dense {@code (rows, cols)} matrix at the start of the device buffer into the
     * {@code rows × cols} matrix at {@code dst[off]} with row stride {@code ld}. Blocks until done, so
     * every command enqueued before it has finished too.
     */
    public void download(float[] dst, int off, int rows, int cols, int ld) {
        long count = (long) rows * cols;
        if (count == 0) {
            return;
        }
        if (count > device.capacity()) {
            throw new IllegalArgumentException(name + ": cannot download " + count + " floats from a buffer of "
                    + device.capacity());
        }
        CL.clEnqueueReadBuffer(cl.queue(), device.mem(), CL_TRUE, 0, count * Sizeof.cl_float, stagingPtr,
                0, null, null);
        if (ld == cols) {
            staging.get(0, dst, off, (int) count);
        } else {
            for (int r = 0; r < rows; r++) {
                staging.get(r * cols, dst, off + r * ld, cols);
            }
        }
    }

    /** The device side, for kernel arguments. */
    public OpenClBuffer device() {
        return device;
    }

    /** Capacity in floats (device side). */
    public long capacity() {
        return device.capacity();
    }

    /** Device plus staging allocations so far (2 when it never grew). */
    public int allocations() {
        return device.allocations() + stagingAllocations;
    }

    @Override
    public void close() {
        releaseStaging();
        device.close();
    }
}
