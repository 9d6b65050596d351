package org.nnft.gpu.opencl;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.BackendUnavailableException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Enumerates the OpenCL platforms and devices and picks one from the backend options
 * {@code platform} and {@code device}: each an index or a case-insensitive substring of the name.
 * A device index counts all devices of all platforms, or those of the chosen platform when
 * {@code platform} is given. Without {@code device}, the first GPU with double precision wins,
 * else the first device with double precision.
 */
final class OpenClDevices {
    private static final String ENUMERATING = "(enumeration)";

    private OpenClDevices() {
    }

    /**
     * Every device of every platform; throws BackendUnavailableException when OpenCL cannot load or there is no device.
     */
    static List<OpenClDevice> all() {
        JoclLoader.require();
        int[] numPlatforms = new int[1];
        int code = ClCalls.status(() -> CL.clGetPlatformIDs(0, null, numPlatforms));
        if (code == CL.CL_PLATFORM_NOT_FOUND_KHR || (code == CL.CL_SUCCESS && numPlatforms[0] == 0)) {
            throw new BackendUnavailableException("no OpenCL platform is installed (no ICD found by libOpenCL)");
        }
        if (code != CL.CL_SUCCESS) {
            throw new BackendUnavailableException("clGetPlatformIDs failed with " + ClCalls.errorName(code));
        }
        cl_platform_id[] platforms = new cl_platform_id[numPlatforms[0]];
        ClCalls.check("clGetPlatformIDs", ENUMERATING, () -> CL.clGetPlatformIDs(platforms.length, platforms, null));
        List<OpenClDevice> out = new ArrayList<>();
        for (int p = 0; p < platforms.length; p++) {
            cl_platform_id platform = platforms[p];
            String platformName = platformString(platform, CL.CL_PLATFORM_NAME);
            int[] numDevices = new int[1];
            int dc = ClCalls.status(() -> CL.clGetDeviceIDs(platform, CL.CL_DEVICE_TYPE_ALL, 0, null, numDevices));
            if (dc == CL.CL_DEVICE_NOT_FOUND || numDevices[0] == 0) {
                continue;
            }
            if (dc != CL.CL_SUCCESS) {
                throw new BackendUnavailableException("clGetDeviceIDs on platform '" + platformName + "' failed with "
                        + ClCalls.errorName(dc));
            }
            cl_device_id[] devices = new cl_device_id[numDevices[0]];
            ClCalls.check("clGetDeviceIDs", platformName,
                    () -> CL.clGetDeviceIDs(platform, CL.CL_DEVICE_TYPE_ALL, devices.length, devices, null));
            for (cl_device_id d : devices) {
                out.add(new OpenClDevice(out.size(), p, platform, d, platformName,
                        deviceString(d, CL.CL_DEVICE_NAME), deviceString(d, CL.CL_DEVICE_VENDOR),
                        deviceString(d, CL.CL_DEVICE_VERSION), deviceString(d, CL.CL_DRIVER_VERSION),
                        deviceLong(d, CL.CL_DEVICE_TYPE), deviceLong(d, CL.CL_DEVICE_GLOBAL_MEM_SIZE),
                        deviceLong(d, CL.CL_DEVICE_MAX_MEM_ALLOC_SIZE), deviceInt(d, CL.CL_DEVICE_MAX_COMPUTE_UNITS),
                        deviceString(d, CL.CL_DEVICE_EXTENSIONS).contains("cl_khr_fp64")));
            }
        }
        if (out.isEmpty()) {
            throw new BackendUnavailableException("no OpenCL device found on " + platforms.length + " platform(s)");
        }
        return out;
    }

    /** The device the options ask for; BackendUnavailableException naming the choices when none matches. */
    static OpenClDevice select(BackendOptions options) {
        List<OpenClDevice> devices = all();
        String platform = options.get("platform");
        List<OpenClDevice> candidates = platform == null ? devices : byPlatform(devices, platform.trim());
        String device = options.get("device");
        OpenClDevice chosen;
        if (device != null) {
            chosen = byDevice(candidates, device.trim(), devices);
        } else {
            chosen = candidates.stream().filter(d -> d.fp64() && d.isGpu()).findFirst()
                    .or(() -> candidates.stream().filter(OpenClDevice::fp64).findFirst())
                    .orElseThrow(() -> new BackendUnavailableException(
                            "no OpenCL device supports double precision (cl_khr_fp64); devices: " + devices));
        }
        if (!chosen.fp64()) {
            throw new BackendUnavailableException("OpenCL device " + chosen
                    + " lacks double precision (cl_khr_fp64), which nnft kernels need");
        }
        return chosen;
    }

    private static List<OpenClDevice> byPlatform(List<OpenClDevice> devices, String wanted) {
        Integer index = parseIndex(wanted);
        List<OpenClDevice> out = devices.stream().filter(d -> index != null
                ? d.platformIndex() == index
                : lower(d.platformName()).contains(lower(wanted))).toList();
        if (out.isEmpty()) {
            throw new BackendUnavailableException("no OpenCL platform matches platform='" + wanted
                    + "'; devices: " + devices);
        }
        return out;
    }

    private static OpenClDevice byDevice(List<OpenClDevice> candidates, String wanted, List<OpenClDevice> all) {
        Integer index = parseIndex(wanted);
        if (index != null) {
            if (index < 0 || index >= candidates.size()) {
                throw new BackendUnavailableException("OpenCL device index " + index + " is out of range: there are "
                        + candidates.size() + " device(s): " + candidates);
            }
            return candidates.get(index);
        }
        return candidates.stream().filter(d -> lower(d.name()).contains(lower(wanted))).findFirst()
                .orElseThrow(() -> new BackendUnavailableException("no OpenCL device matches device='" + wanted
                        + "'; devices: " + all));
    }

    private static Integer parseIndex(String s) {
        try {
            return Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static String platformString(cl_platform_id p, int param) {
        long[] size = new long[1];
        ClCalls.check("clGetPlatformInfo", ENUMERATING, () -> CL.clGetPlatformInfo(p, param, 0, null, size));
        byte[] bytes = new byte[(int) size[0]];
        ClCalls.check("clGetPlatformInfo", ENUMERATING,
                () -> CL.clGetPlatformInfo(p, param, bytes.length, Pointer.to(bytes), null));
        return cString(bytes);
    }

    private static String deviceString(cl_device_id d, int param) {
        long[] size = new long[1];
        ClCalls.check("clGetDeviceInfo", ENUMERATING, () -> CL.clGetDeviceInfo(d, param, 0, null, size));
        byte[] bytes = new byte[(int) size[0]];
        ClCalls.check("clGetDeviceInfo", ENUMERATING,
                () -> CL.clGetDeviceInfo(d, param, bytes.length, Pointer.to(bytes), null));
        return cString(bytes);
    }

    private static long deviceLong(cl_device_id d, int param) {
        long[] v = new long[1];
        ClCalls.check("clGetDeviceInfo", ENUMERATING,
                () -> CL.clGetDeviceInfo(d, param, Sizeof.cl_ulong, Pointer.to(v), null));
        return v[0];
    }

    private static int deviceInt(cl_device_id d, int param) {
        int[] v = new int[1];
        ClCalls.check("clGetDeviceInfo", ENUMERATING,
                () -> CL.clGetDeviceInfo(d, param, Sizeof.cl_uint, Pointer.to(v), null));
        return v[0];
    }

    private static String cString(byte[] bytes) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8).trim();
    }
}
