package org.patengine.kernels.opencl;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_KERNEL_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_program;

/**
 * One OpenCL device with its context, a single in-order command queue and the programs built for
 * it. The OpenCL kernels of this module share {@link #shared()}, so each {@code .cl} resource is
 * compiled once per process (the first compile takes seconds on PoCL).
 *
 * <p>Programs are built from {@code .cl} resources that lie beside their host class. Kernel objects
 * are not thread-safe ({@code clSetKernelArg}), so each owner creates its own from the shared
 * program and guards them itself; enqueueing on the shared queue is thread-safe.
 */
public final class OpenClContext {
    private static OpenClContext shared;

    private final OpenClDevice device;
    private final cl_context context;
    private final cl_command_queue queue;
    private final Map<String, cl_program> programs = new HashMap<>();

    private OpenClContext(OpenClDevice device) {
        this.device = device;
        cl_context_properties props = new cl_context_properties();
        props.addProperty(CL_CONTEXT_PLATFORM, device.platform());
        this.context = CL.clCreateContext(props, 1, new cl_device_id[] {device.device()}, null, null, null);
        try {
            // deprecated in OpenCL 2.0 but present everywhere, unlike its successor on 1.x drivers
            this.queue = CL.clCreateCommandQueue(context, device.device(), 0, null);
        } catch (CLException e) {
            CL.clReleaseContext(context);
            throw e;
        }
    }

    /**
     * The process-wide context on the device chosen by {@value OpenClDeviceSpec#PROPERTY}, created on
     * first use. A failure is not cached: the next call tries again.
     */
    public static synchronized OpenClContext shared() {
        if (shared == null) {
            shared = new OpenClContext(OpenClDevices.select(OpenClDeviceSpec.fromSystemProperty()));
        }
        return shared;
    }

    /** The device. */
    public OpenClDevice device() {
        return device;
    }

    /** The context. */
    public cl_context context() {
        return context;
    }

    /** The one in-order queue every kernel of this context runs on. */
    public cl_command_queue queue() {
        return queue;
    }

    /**
     * The program compiled from the resource {@code resource} beside {@code host} (e.g. "gemm.cl")
     * with the given compiler options; built once and cached per (host package, resource, options).
     *
     * @throws OpenClBuildException with the build log when the source does not compile
     */
    public cl_program program(Class<?> host, String resource, String options) {
        return program(host, List.of(resource), options);
    }

    /**
     * The program compiled from the resources beside {@code host}, concatenated in order (e.g. a
     * shared {@code tile_product.cl} before the kernels that call it), with the given compiler
     * options; built once and cached per (host package, resources, options).
     *
     * @throws OpenClBuildException with the build log when the source does not compile
     */
    public synchronized cl_program program(Class<?> host, List<String> resources, String options) {
        if (resources.isEmpty()) {
            throw new IllegalArgumentException("no OpenCL source named for a program beside " + host.getName());
        }
        String names = String.join("+", resources);
        String key = host.getPackageName() + "/" + names + " " + options;
        cl_program p = programs.get(key);
        if (p == null) {
            StringBuilder source = new StringBuilder();
            for (String r : resources) {
                source.append(readResource(host, r)).append('\n');
            }
            p = build(names, source.toString(), options);
            programs.put(key, p);
        }
        return p;
    }

    /**
     * Compiles {@code source} for this device (not cached). The caller releases the program.
     *
     * @param name    names the source in error messages
     * @throws OpenClBuildException with the build log when the source does not compile
     */
    public cl_program build(String name, String source, String options) {
        cl_program program = CL.clCreateProgramWithSource(context, 1, new String[] {source}, null, null);
        try {
            CL.clBuildProgram(program, 1, new cl_device_id[] {device.device()}, options, null, null);
        } catch (CLException e) {
            String log = buildLog(program);
            CL.clReleaseProgram(program);
            throw new OpenClBuildException("OpenCL program '" + name + "' failed to build on " + device.name()
                    + " with options '" + options + "': " + e.getMessage(), log, e);
        }
        return program;
    }

    /** A new kernel object of {@code program}, owned (and released) by the caller. */
    public cl_kernel kernel(cl_program program, String name) {
        return CL.clCreateKernel(program, name, null);
    }

    /** The largest work-group this kernel can run with on this device. */
    public long workGroupSize(cl_kernel kernel) {
        long[] v = new long[1];
        if (Sizeof.size_t == Sizeof.cl_uint) {
            int[] i = new int[1];
            CL.clGetKernelWorkGroupInfo(kernel, device.device(), CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(i), null);
            return i[0] & 0xffffffffL;
        }
        CL.clGetKernelWorkGroupInfo(kernel, device.device(), CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(v), null);
        return v[0];
    }

    /** Blocks until every command on the queue has finished. */
    public void finish() {
        CL.clFinish(queue);
    }

    private String buildLog(cl_program program) {
        try {
            long[] size = new long[1];
            CL.clGetProgramBuildInfo(program, device.device(), CL_PROGRAM_BUILD_LOG, 0, null, size);
            byte[] buf = new byte[(int) size[0]];
            CL.clGetProgramBuildInfo(program, device.device(), CL_PROGRAM_BUILD_LOG, buf.length, Pointer.to(buf), null);
            int n = 0;
            while (n < buf.length && buf[n] != 0) {
                n++;
            }
            return new String(buf, 0, n, StandardCharsets.UTF_8).strip();
        } catch (CLException e) {
            return "(no build log: " + e.getMessage() + ")";
        }
    }

    private static String readResource(Class<?> host, String resource) {
        try (InputStream in = host.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("OpenCL source '" + resource + "' not found beside "
                        + host.getName() + " (expected resource " + host.getPackageName().replace('.', '/')
                        + "/" + resource + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read OpenCL source '" + resource + "'", e);
        }
    }
}
