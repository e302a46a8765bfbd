package org.patengine.kernels.opencl;

import static org.jocl.CL.CL_DEVICE_MAX_COMPUTE_UNITS;
import static org.jocl.CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE;
import static org.jocl.CL.CL_DEVICE_MAX_WORK_GROUP_SIZE;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_NOT_FOUND;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_CPU;
import static org.jocl.CL.CL_DEVICE_VERSION;
import static org.jocl.CL.CL_PLATFORM_NAME;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;
import org.patengine.kernels.BackendUnavailableException;

/**
 * Enumerates the OpenCL platforms and devices and picks one as {@link OpenClDeviceSpec} says.
 * Every JOCL call of the backend goes through here first, which switches JOCL to throwing
 * {@link CLException} on any error code.
 */
public final class OpenClDevices {
    /** {@code CL_PLATFORM_NOT_FOUND_KHR}: what the ICD loader returns when no platform is installed. */
    static final int PLATFORM_NOT_FOUND_KHR = -1001;

    private OpenClDevices() {
    }

    /**
     * Every device of every platform, in platform then device order.
     *
     * @throws BackendUnavailableException when there is no OpenCL platform
     * @throws LinkageError                when JOCL's native library or libOpenCL.so.1 cannot be loaded
     */
    public static List<OpenClDevice> list() {
        CL.setExceptionsEnabled(true);
        cl_platform_id[] platforms;
        try {
            int[] count = new int[1];
            CL.clGetPlatformIDs(0, null, count);
            platforms = new cl_platform_id[count[0]];
            if (count[0] > 0) {
                CL.clGetPlatformIDs(count[0], platforms, null);
            }
        } catch (CLException e) {
            if (e.getStatus() == PLATFORM_NOT_FOUND_KHR) {
                throw new BackendUnavailableException("no OpenCL platform found", e);
            }
            throw e;
        }
        if (platforms.length == 0) {
            throw new BackendUnavailableException("no OpenCL platform found");
        }
        List<OpenClDevice> all = new ArrayList<>();
        for (int p = 0; p < platforms.length; p++) {
            String platformName = platformString(platforms[p], CL_PLATFORM_NAME);
            cl_device_id[] devices;
            try {
                int[] count = new int[1];
                CL.clGetDeviceIDs(platforms[p], CL_DEVICE_TYPE_ALL, 0, null, count);
                devices = new cl_device_id[count[0]];
                CL.clGetDeviceIDs(platforms[p], CL_DEVICE_TYPE_ALL, count[0], devices, null);
            } catch (CLException e) {
                if (e.getStatus() == CL_DEVICE_NOT_FOUND) {
                    continue; // a platform without devices: nothing to offer
                }
                throw e;
            }
            for (int d = 0; d < devices.length; d++) {
                cl_device_id dev = devices[d];
                all.add(new OpenClDevice(p, d, platforms[p], dev, platformName,
                        deviceString(dev, CL_DEVICE_NAME), deviceLong(dev, CL_DEVICE_TYPE),
                        (int) deviceInt(dev, CL_DEVICE_MAX_COMPUTE_UNITS), deviceString(dev, CL_DEVICE_VERSION),
                        deviceSizeT(dev, CL_DEVICE_MAX_WORK_GROUP_SIZE), deviceLong(dev, CL_DEVICE_MAX_MEM_ALLOC_SIZE)));
            }
        }
        if (all.isEmpty()) {
            throw new BackendUnavailableException("no OpenCL device found on " + platforms.length + " platform(s)");
        }
        return all;
    }

    /** The device {@code spec} names, among {@link #list()}. */
    public static OpenClDevice select(OpenClDeviceSpec spec) {
        return select(spec, list());
    }

    /**
     * The device {@code spec} names among {@code devices}.
     *
     * @throws BackendUnavailableException naming the spec and listing the devices when none fits
     */
    static OpenClDevice select(OpenClDeviceSpec spec, List<OpenClDevice> devices) {
        switch (spec.kind()) {
            case DEFAULT:
                for (OpenClDevice d : devices) {
                    if (d.isGpu()) {
                        return d;
                    }
                }
                return devices.get(0);
            case ANY:
                return devices.get(0);
            case GPU:
            case CPU:
                for (OpenClDevice d : devices) {
                    if (spec.kind() == OpenClDeviceSpec.Kind.GPU ? d.isGpu() : (d.type() & CL_DEVICE_TYPE_CPU) != 0) {
                        return d;
                    }
                }
                throw new BackendUnavailableException("no OpenCL " + spec.kind().name() + " device found (-D"
                        + OpenClDeviceSpec.PROPERTY + "=" + spec + "); devices here: " + names(devices));
            case INDEX:
                for (OpenClDevice d : devices) {
                    if (d.platformIndex() == spec.platformIndex() && d.deviceIndex() == spec.deviceIndex()) {
                        return d;
                    }
                }
                throw new BackendUnavailableException("no OpenCL device " + spec + " (-D" + OpenClDeviceSpec.PROPERTY
                        + "); devices here: " + names(devices));
            default:
                throw new IllegalStateException("unhandled device choice " + spec.kind());
        }
    }

    private static String names(List<OpenClDevice> devices) {
        List<String> names = new ArrayList<>();
        for (OpenClDevice d : devices) {
            names.add(d.shortName());
        }
        return String.join(", ", names);
    }

    private static String platformString(cl_platform_id platform, int param) {
        long[] size = new long[1];
        CL.clGetPlatformInfo(platform, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        CL.clGetPlatformInfo(platform, param, buf.length, Pointer.to(buf), null);
        return cString(buf);
    }

    static String deviceString(cl_device_id device, int param) {
        long[] size = new long[1];
        CL.clGetDeviceInfo(device, param, 0, null, size);
        byte[] buf = new byte[(int) size[0]];
        CL.clGetDeviceInfo(device, param, buf.length, Pointer.to(buf), null);
        return cString(buf);
    }

    private static long deviceLong(cl_device_id device, int param) {
        long[] v = new long[1];
        CL.clGetDeviceInfo(device, param, Sizeof.cl_ulong, Pointer.to(v), null);
        return v[0];
    }

    private static long deviceInt(cl_device_id device, int param) {
        int[] v = new int[1];
        CL.clGetDeviceInfo(device, param, Sizeof.cl_uint, Pointer.to(v), null);
        return v[0] & 0xffffffffL;
    }

    private static long deviceSizeT(cl_device_id device, int param) {
        if (Sizeof.size_t == Sizeof.cl_uint) {
            return deviceInt(device, param);
        }
        return deviceLong(device, param);
    }

    private static String cString(byte[] buf) {
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8).trim();
    }
}
