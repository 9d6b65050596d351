package org.nnft.gpu.opencl;

import org.jocl.CL;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;
import org.nnft.engine.DeviceInfo;

/**
 * One OpenCL device as enumerated at probe time.
 *
 * @param index         position among all devices of all platforms
 * @param platformIndex position of its platform
 * @param fp64          whether it supports double precision ({@code cl_khr_fp64}), which every nnft kernel needs
 */
record OpenClDevice(int index, int platformIndex, cl_platform_id platform, cl_device_id id, String platformName,
                    String name, String vendor, String version, String driverVersion, long type, long memoryBytes,
                    long maxAllocationBytes, int computeUnits, boolean fp64) {

    /** Whether it is a GPU or an accelerator rather than a CPU device. */
    boolean isGpu() {
        return (type & (CL.CL_DEVICE_TYPE_GPU | CL.CL_DEVICE_TYPE_ACCELERATOR)) != 0;
    }

    String typeName() {
        if ((type & CL.CL_DEVICE_TYPE_GPU) != 0) {
            return "GPU";
        }
        if ((type & CL.CL_DEVICE_TYPE_ACCELERATOR) != 0) {
            return "accelerator";
        }
        return (type & CL.CL_DEVICE_TYPE_CPU) != 0 ? "CPU" : "other";
    }

    DeviceInfo info() {
        return new DeviceInfo(name, vendor + " (" + platformName + ")", version + ", driver " + driverVersion,
                memoryBytes, maxAllocationBytes, computeUnits);
    }

    /** "[0] name (platform, CPU)". */
    @Override
    public String toString() {
        return "[" + index + "] " + name + " (" + platformName + ", " + typeName() + (fp64 ? "" : ", no fp64") + ")";
    }
}
