package org.patengine.kernels.opencl;

import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * One OpenCL device with the facts the backend needs to size its kernels.
 *
 * @param platformIndex    index of the platform in {@code clGetPlatformIDs}
 * @param deviceIndex      index of the device within its platform
 * @param platform         the platform handle
 * @param device           the device handle
 * @param platformName     e.g. "Portable Computing Language"
 * @param name             e.g. "pthread-haswell-AMD EPYC"
 * @param type             the {@code CL_DEVICE_TYPE_*} bits
 * @param computeUnits     {@code CL_DEVICE_MAX_COMPUTE_UNITS}
 * @param version          {@code CL_DEVICE_VERSION}, e.g. "OpenCL 3.0 PoCL ..."
 * @param maxWorkGroupSize {@code CL_DEVICE_MAX_WORK_GROUP_SIZE}
 * @param maxAllocBytes    {@code CL_DEVICE_MAX_MEM_ALLOC_SIZE}
 */
public record OpenClDevice(int platformIndex, int deviceIndex, cl_platform_id platform, cl_device_id device,
                           String platformName, String name, long type, int computeUnits, String version,
                           long maxWorkGroupSize, long maxAllocBytes) {

    /** Whether this is a GPU. */
    public boolean isGpu() {
        return (type & org.jocl.CL.CL_DEVICE_TYPE_GPU) != 0;
    }

    /** "GPU", "CPU", "accelerator" or "other". */
    public String typeName() {
        if (isGpu()) {
            return "GPU";
        }
        if ((type & org.jocl.CL.CL_DEVICE_TYPE_CPU) != 0) {
            return "CPU";
        }
        if ((type & org.jocl.CL.CL_DEVICE_TYPE_ACCELERATOR) != 0) {
            return "accelerator";
        }
        return "other";
    }

    /** "platform / device name / type / compute units / OpenCL version". */
    public String description() {
        return platformName + " / " + name + " / " + typeName() + " / " + computeUnits + " compute units / " + version;
    }

    /** "platformIndex:deviceIndex name (type)", for listings in error messages. */
    public String shortName() {
        return platformIndex + ":" + deviceIndex + " " + name + " (" + typeName() + ")";
    }
}
