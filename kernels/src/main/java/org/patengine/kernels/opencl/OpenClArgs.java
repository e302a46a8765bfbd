package org.patengine.kernels.opencl;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_kernel;

/**
 * Sets scalar kernel arguments and launches 1-D kernels without allocating: JOCL's
 * {@code Pointer.to(array)} keeps a reference to the array, so one holder per type is written and
 * its cached pointer passed on every call. One instance per host object; not thread-safe.
 */
public final class OpenClArgs {
    private final cl_command_queue queue;
    private final int[] intArg = new int[1];
    private final float[] floatArg = new float[1];
    private final Pointer intPtr = Pointer.to(intArg);
    private final Pointer floatPtr = Pointer.to(floatArg);
    private final long[] global1 = new long[1];
    private final long[] local1;

    /** Launches go to {@code queue} in work-groups of {@code local} items. */
    public OpenClArgs(cl_command_queue queue, int local) {
        this.queue = queue;
        this.local1 = new long[] {local};
    }

    public void setInt(cl_kernel k, int index, int value) {
        intArg[0] = value;
        CL.clSetKernelArg(k, index, Sizeof.cl_int, intPtr);
    }

    public void setFloat(cl_kernel k, int index, float value) {
        floatArg[0] = value;
        CL.clSetKernelArg(k, index, Sizeof.cl_float, floatPtr);
    }

    public static void setMem(cl_kernel k, int index, OpenClBuffer buffer) {
        CL.clSetKernelArg(k, index, Sizeof.cl_mem, buffer.arg());
    }

    /** Enqueues {@code k} over at least {@code count} work-items, rounded up to whole work-groups. */
    public void run1(cl_kernel k, int count) {
        global1[0] = (long) ceilDiv(count, (int) local1[0]) * local1[0];
        CL.clEnqueueNDRangeKernel(queue, k, 1, null, global1, local1, 0, null, null);
    }

    public static int ceilDiv(int a, int b) {
        return (int) (((long) a + b - 1) / b);
    }
}
