package org.nnft.gpu.cuda;

import org.nnft.engine.BackendUnavailableException;
import org.nnft.engine.EngineException;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Downcall handles to the CUDA driver API ({@code libcuda.so.1}) through the Foreign Function &amp;
 * Memory API. Each method is one C call and returns its {@code CUresult}; {@link #check} turns a
 * failure into an {@link EngineException}. Versioned entry points are bound by their real symbol
 * names ({@code cuMemAlloc_v2}, ...), as {@code cuda.h} maps them. Types: {@code CUresult},
 * {@code CUdevice} and enums are {@code int}; {@code CUdeviceptr} and {@code size_t} are
 * {@code long}; handles ({@code CUcontext}, {@code CUmodule}, {@code CUfunction}) are addresses.
 */
@SuppressWarnings("restricted") // FFM downcalls are this class's job
final class CudaLibrary {
    /** The library name the NVIDIA driver installs. */
    static final String DEFAULT_NAME = "libcuda.so.1";

    static final int ATTRIBUTE_MAX_THREADS_PER_BLOCK = 1;
    static final int ATTRIBUTE_MULTIPROCESSOR_COUNT = 16;
    static final int ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75;
    static final int ATTRIBUTE_COMPUTE_CAPABILITY_MINOR = 76;
    static final int FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK = 0;
    static final int JIT_ERROR_LOG_BUFFER = 5;
    static final int JIT_ERROR_LOG_BUFFER_SIZE_BYTES = 6;

    private static final Map<String, Object> LOADED = new ConcurrentHashMap<>();

    private final String source;
    private final MethodHandle cuInit;
    private final MethodHandle cuDriverGetVersion;
    private final MethodHandle cuDeviceGetCount;
    private final MethodHandle cuDeviceGet;
    private final MethodHandle cuDeviceGetName;
    private final MethodHandle cuDeviceTotalMem;
    private final MethodHandle cuDeviceGetAttribute;
    private final MethodHandle cuDevicePrimaryCtxRetain;
    private final MethodHandle cuDevicePrimaryCtxRelease;
    private final MethodHandle cuCtxSetCurrent;
    private final MethodHandle cuCtxSynchronize;
    private final MethodHandle cuMemAlloc;
    private final MethodHandle cuMemFree;
    private final MethodHandle cuMemAllocHost;
    private final MethodHandle cuMemFreeHost;
    private final MethodHandle cuMemcpyHtoD;
    private final MethodHandle cuMemcpyDtoH;
    private final MethodHandle cuModuleLoadDataEx;
    private final MethodHandle cuModuleGetFunction;
    private final MethodHandle cuModuleUnload;
    private final MethodHandle cuFuncGetAttribute;
    private final MethodHandle cuLaunchKernel;
    private final MethodHandle cuGetErrorName;   // may be null
    private final MethodHandle cuGetErrorString; // may be null

    private CudaLibrary(String source, SymbolLookup lookup) {
        this.source = source;
        Binder b = new Binder(lookup);
        cuInit = b.bind("cuInit", JAVA_INT);
        cuDriverGetVersion = b.bind("cuDriverGetVersion", ADDRESS);
        cuDeviceGetCount = b.bind("cuDeviceGetCount", ADDRESS);
        cuDeviceGet = b.bind("cuDeviceGet", ADDRESS, JAVA_INT);
        cuDeviceGetName = b.bind("cuDeviceGetName", ADDRESS, JAVA_INT, JAVA_INT);
        cuDeviceTotalMem = b.bind("cuDeviceTotalMem_v2", ADDRESS, JAVA_INT);
        cuDeviceGetAttribute = b.bind("cuDeviceGetAttribute", ADDRESS, JAVA_INT, JAVA_INT);
        cuDevicePrimaryCtxRetain = b.bind("cuDevicePrimaryCtxRetain", ADDRESS, JAVA_INT);
        cuDevicePrimaryCtxRelease = b.bind("cuDevicePrimaryCtxRelease_v2", JAVA_INT);
        cuCtxSetCurrent = b.bind("cuCtxSetCurrent", ADDRESS);
        cuCtxSynchronize = b.bind("cuCtxSynchronize");
        cuMemAlloc = b.bind("cuMemAlloc_v2", ADDRESS, JAVA_LONG);
        cuMemFree = b.bind("cuMemFree_v2", JAVA_LONG);
        cuMemAllocHost = b.bind("cuMemAllocHost_v2", ADDRESS, JAVA_LONG);
        cuMemFreeHost = b.bind("cuMemFreeHost", ADDRESS);
        cuMemcpyHtoD = b.bind("cuMemcpyHtoD_v2", JAVA_LONG, ADDRESS, JAVA_LONG);
        cuMemcpyDtoH = b.bind("cuMemcpyDtoH_v2", ADDRESS, JAVA_LONG, JAVA_LONG);
        cuModuleLoadDataEx = b.bind("cuModuleLoadDataEx", ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS);
        cuModuleGetFunction = b.bind("cuModuleGetFunction", ADDRESS, ADDRESS, ADDRESS);
        cuModuleUnload = b.bind("cuModuleUnload", ADDRESS);
        cuFuncGetAttribute = b.bind("cuFuncGetAttribute", ADDRESS, JAVA_INT, ADDRESS);
        cuLaunchKernel = b.bind("cuLaunchKernel", ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS);
        cuGetErrorName = b.bindOptional("cuGetErrorName", JAVA_INT, ADDRESS);
        cuGetErrorString = b.bindOptional("cuGetErrorString", JAVA_INT, ADDRESS);
        if (b.missing.length() > 0) {
            throw new BackendUnavailableException(source + " lacks CUDA driver API functions:" + b.missing
                    + " (driver too old?)");
        }
    }

    /**
     * The driver library {@code nameOrPath} (a name searched like {@code dlopen} does, or a path
     * containing '/'), loaded once per process. Throws {@link BackendUnavailableException} with the
     * reason when it cannot be loaded or lacks a needed function.
     */
    static CudaLibrary load(String nameOrPath) {
        Object cached = LOADED.computeIfAbsent(nameOrPath, CudaLibrary::tryLoad);
        if (cached instanceof CudaLibrary lib) {
            return lib;
        }
        throw new BackendUnavailableException((String) cached);
    }

    private static Object tryLoad(String nameOrPath) {
        SymbolLookup lookup;
        try {
            lookup = nameOrPath.indexOf('/') >= 0
                    ? SymbolLookup.libraryLookup(Path.of(nameOrPath), Arena.global())
                    : SymbolLookup.libraryLookup(nameOrPath, Arena.global());
        } catch (RuntimeException | LinkageError e) {
            return nameOrPath + " not found: no NVIDIA driver on this machine";
        }
        try {
            return new CudaLibrary(nameOrPath, lookup);
        } catch (BackendUnavailableException e) {
            return e.getMessage();
        } catch (RuntimeException | LinkageError e) {
            return nameOrPath + " cannot be bound: " + e;
        }
    }

    /** Where this library was loaded from. */
    String source() {
        return source;
    }

    // ---- errors

    /** The name of result {@code code}, from the driver if it knows it, else from {@link CudaErrors}. */
    String errorName(int code) {
        return describe(cuGetErrorName, code).orElseGet(() -> CudaErrors.name(code));
    }

    /** The driver's description of result {@code code}, or null. */
    String errorString(int code) {
        return describe(cuGetErrorString, code).orElse(null);
    }

    /** The message for {@code function} (doing {@code detail}) having returned {@code code}. */
    String message(int code, String function, String detail) {
        return CudaErrors.message(function, detail, errorName(code), errorString(code));
    }

    /**
     * Throws an {@link EngineException} naming the function, the detail and the error unless {@code code} is success.
     */
    void check(int code, String function, String detail) {
        if (code != CudaErrors.SUCCESS) {
            throw new EngineException(message(code, function, detail));
        }
    }

    private static Optional<String> describe(MethodHandle h, int code) {
        if (h == null) {
            return Optional.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            int rc = (int) h.invokeExact(code, out);
            MemorySegment str = out.get(ADDRESS, 0);
            if (rc != CudaErrors.SUCCESS || str.equals(MemorySegment.NULL)) {
                return Optional.empty();
            }
            return Optional.of(str.reinterpret(Integer.MAX_VALUE).getString(0));
        } catch (Throwable t) {
            return Optional.empty();
        }
    }

    // ---- one method per C function; each returns the CUresult

    int cuInit(int flags) {
        try {
            return (int) cuInit.invokeExact(flags);
        } catch (Throwable t) {
            throw fail("cuInit", t);
        }
    }

    int cuDriverGetVersion(MemorySegment version) {
        try {
            return (int) cuDriverGetVersion.invokeExact(version);
        } catch (Throwable t) {
            throw fail("cuDriverGetVersion", t);
        }
    }

    int cuDeviceGetCount(MemorySegment count) {
        try {
            return (int) cuDeviceGetCount.invokeExact(count);
        } catch (Throwable t) {
            throw fail("cuDeviceGetCount", t);
        }
    }

    int cuDeviceGet(MemorySegment device, int ordinal) {
        try {
            return (int) cuDeviceGet.invokeExact(device, ordinal);
        } catch (Throwable t) {
            throw fail("cuDeviceGet", t);
        }
    }

    int cuDeviceGetName(MemorySegment name, int length, int device) {
        try {
            return (int) cuDeviceGetName.invokeExact(name, length, device);
        } catch (Throwable t) {
            throw fail("cuDeviceGetName", t);
        }
    }

    int cuDeviceTotalMem(MemorySegment bytes, int device) {
        try {
            return (int) cuDeviceTotalMem.invokeExact(bytes, device);
        } catch (Throwable t) {
            throw fail("cuDeviceTotalMem_v2", t);
        }
    }

    int cuDeviceGetAttribute(MemorySegment value, int attribute, int device) {
        try {
            return (int) cuDeviceGetAttribute.invokeExact(value, attribute, device);
        } catch (Throwable t) {
            throw fail("cuDeviceGetAttribute", t);
        }
    }

    int cuDevicePrimaryCtxRetain(MemorySegment context, int device) {
        try {
            return (int) cuDevicePrimaryCtxRetain.invokeExact(context, device);
        } catch (Throwable t) {
            throw fail("cuDevicePrimaryCtxRetain", t);
        }
    }

    int cuDevicePrimaryCtxRelease(int device) {
        try {
            return (int) cuDevicePrimaryCtxRelease.invokeExact(device);
        } catch (Throwable t) {
            throw fail("cuDevicePrimaryCtxRelease_v2", t);
        }
    }

    int cuCtxSetCurrent(MemorySegment context) {
        try {
            return (int) cuCtxSetCurrent.invokeExact(context);
        } catch (Throwable t) {
            throw fail("cuCtxSetCurrent", t);
        }
    }

    int cuCtxSynchronize() {
        try {
            return (int) cuCtxSynchronize.invokeExact();
        } catch (Throwable t) {
            throw fail("cuCtxSynchronize", t);
        }
    }

    int cuMemAlloc(MemorySegment pointer, long bytes) {
        try {
            return (int) cuMemAlloc.invokeExact(pointer, bytes);
        } catch (Throwable t) {
            throw fail("cuMemAlloc_v2", t);
        }
    }

    int cuMemFree(long pointer) {
        try {
            return (int) cuMemFree.invokeExact(pointer);
        } catch (Throwable t) {
            throw fail("cuMemFree_v2", t);
        }
    }

    int cuMemAllocHost(MemorySegment pointer, long bytes) {
        try {
            return (int) cuMemAllocHost.invokeExact(pointer, bytes);
        } catch (Throwable t) {
            throw fail("cuMemAllocHost_v2", t);
        }
    }

    int cuMemFreeHost(MemorySegment pointer) {
        try {
            return (int) cuMemFreeHost.invokeExact(pointer);
        } catch (Throwable t) {
            throw fail("cuMemFreeHost", t);
        }
    }

    int cuMemcpyHtoD(long device, MemorySegment host, long bytes) {
        try {
            return (int) cuMemcpyHtoD.invokeExact(device, host, bytes);
        } catch (Throwable t) {
            throw fail("cuMemcpyHtoD_v2", t);
        }
    }

    int cuMemcpyDtoH(MemorySegment host, long device, long bytes) {
        try {
            return (int) cuMemcpyDtoH.invokeExact(host, device, bytes);
        } catch (Throwable t) {
            throw fail("cuMemcpyDtoH_v2", t);
        }
    }

    int cuModuleLoadDataEx(MemorySegment module, MemorySegment image, int optionCount,
                           MemorySegment options, MemorySegment optionValues) {
        try {
            return (int) cuModuleLoadDataEx.invokeExact(module, image, optionCount, options, optionValues);
        } catch (Throwable t) {
            throw fail("cuModuleLoadDataEx", t);
        }
    }

    int cuModuleGetFunction(MemorySegment function, MemorySegment module, MemorySegment name) {
        try {
            return (int) cuModuleGetFunction.invokeExact(function, module, name);
        } catch (Throwable t) {
            throw fail("cuModuleGetFunction", t);
        }
    }

    int cuModuleUnload(MemorySegment module) {
        try {
            return (int) cuModuleUnload.invokeExact(module);
        } catch (Throwable t) {
            throw fail("cuModuleUnload", t);
        }
    }

    int cuFuncGetAttribute(MemorySegment value, int attribute, MemorySegment function) {
        try {
            return (int) cuFuncGetAttribute.invokeExact(value, attribute, function);
        } catch (Throwable t) {
            throw fail("cuFuncGetAttribute", t);
        }
    }

    int cuLaunchKernel(MemorySegment function, int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ,
                       int sharedBytes, MemorySegment stream, MemorySegment params, MemorySegment extra) {
        try {
            return (int) cuLaunchKernel.invokeExact(function, gridX, gridY, gridZ, blockX, blockY, blockZ,
                    sharedBytes, stream, params, extra);
        } catch (Throwable t) {
            throw fail("cuLaunchKernel", t);
        }
    }

    private static EngineException fail(String function, Throwable t) {
        if (t instanceof EngineException e) {
            return e;
        }
        return new EngineException("cuda: call to " + function + " failed in the JVM: " + t, t);
    }

    /** Finds symbols and builds downcall handles returning {@code CUresult}; collects the missing ones. */
    private static final class Binder {
        private final SymbolLookup lookup;
        private final Linker linker = Linker.nativeLinker();
        private final StringBuilder missing = new StringBuilder();

        Binder(SymbolLookup lookup) {
            this.lookup = lookup;
        }

        MethodHandle bind(String name, MemoryLayout... args) {
            MethodHandle h = bindOptional(name, args);
            if (h == null) {
                missing.append(' ').append(name);
            }
            return h;
        }

        MethodHandle bindOptional(String name, MemoryLayout... args) {
            return lookup.find(name)
                    .map(symbol -> linker.downcallHandle(symbol, FunctionDescriptor.of(JAVA_INT, args)))
                    .orElse(null);
        }
    }
}
