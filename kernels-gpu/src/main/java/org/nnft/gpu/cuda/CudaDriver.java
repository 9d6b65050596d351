package org.nnft.gpu.cuda;

import org.nnft.engine.BackendUnavailableException;
import org.nnft.engine.DeviceInfo;
import org.nnft.engine.EngineException;
import org.nnft.engine.kernel.ArgType;
import org.nnft.gpu.GpuDriver;
import org.nnft.gpu.KernelBuildException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * {@link GpuDriver} on the CUDA driver API through FFM. It works in the device's primary context
 * (retained at open, released at close), made current on the calling thread before every call, so
 * the JVM may call from any thread (one at a time). Buffers are {@code CUdeviceptr}s; transfers go
 * through a {@link HostStaging} buffer in chunks; kernels are PTX from a precompiled resource
 * ({@link PtxResources}) or from a {@link PtxCompiler} (NVRTC, else nvcc), loaded with
 * {@code cuModuleLoadDataEx}, launched on the default stream with {@code cuLaunchKernel}.
 */
public final class CudaDriver implements GpuDriver {
    /** The {@link #api()} name, which selects the prelude that kernel sources are assembled with. */
    static final String API = "cuda";

    /** Bytes of the host staging buffer of transfers. */
    static final long DEFAULT_STAGING_BYTES = 16L << 20;

    private static final System.Logger LOG = System.getLogger(CudaDriver.class.getName());
    private static final int JIT_LOG_BYTES = 16 * 1024;

    private final CudaLibrary lib;
    private final int device;
    private final MemorySegment context;
    private final DeviceInfo info;
    private final int arch;
    private final Supplier<PtxCompiler> compiler;
    private final HostStaging staging;
    private final Set<Long> allocations = new LinkedHashSet<>();
    private final Set<CudaKernel> kernels = new LinkedHashSet<>();
    private String lastKernel;
    private boolean closed;

    private CudaDriver(CudaLibrary lib, int device, MemorySegment context, DeviceInfo info, int arch,
                       Supplier<PtxCompiler> compiler, long stagingBytes) {
        this.lib = lib;
        this.device = device;
        this.context = context;
        this.info = info;
        this.arch = arch;
        this.compiler = compiler;
        this.staging = HostStaging.allocate(lib, stagingBytes);
    }

    /**
     * Opens the device that {@code deviceSpec} selects (null: device 0; an index; or a case-insensitive
     * name substring) with the system's CUDA driver and compilers.
     */
    public static CudaDriver open(String deviceSpec) {
        return open(CudaLibrary.load(CudaLibrary.DEFAULT_NAME), deviceSpec, CompilerChain::defaults,
                DEFAULT_STAGING_BYTES);
    }

    /** Opens a device of {@code lib} with the given compiler and staging size. */
    static CudaDriver open(CudaLibrary lib, String deviceSpec, Supplier<PtxCompiler> compiler, long stagingBytes) {
        int rc = lib.cuInit(0);
        if (rc != CudaErrors.SUCCESS) {
            throw new BackendUnavailableException(lib.message(rc, "cuInit", null));
        }
        try (Arena a = Arena.ofConfined()) {
            List<String> names = deviceNames(lib);
            int ordinal = DeviceSelector.select(deviceSpec, names);
            MemorySegment out = a.allocate(JAVA_LONG);
            lib.check(lib.cuDeviceGet(out, ordinal), "cuDeviceGet", "ordinal " + ordinal);
            int dev = out.get(JAVA_INT, 0);
            int major = attribute(lib, dev, CudaLibrary.ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR);
            int minor = attribute(lib, dev, CudaLibrary.ATTRIBUTE_COMPUTE_CAPABILITY_MINOR);
            int sms = attribute(lib, dev, CudaLibrary.ATTRIBUTE_MULTIPROCESSOR_COUNT);
            lib.check(lib.cuDeviceTotalMem(out, dev), "cuDeviceTotalMem_v2", null);
            long memory = out.get(JAVA_LONG, 0);
            lib.check(lib.cuDriverGetVersion(out), "cuDriverGetVersion", null);
            int version = out.get(JAVA_INT, 0);
            DeviceInfo info = new DeviceInfo(names.get(ordinal), "NVIDIA",
                    "CUDA driver " + versionString(version) + ", compute capability " + major + "." + minor,
                    memory, memory, sms);

            MemorySegment ctxOut = a.allocate(ADDRESS);
            lib.check(lib.cuDevicePrimaryCtxRetain(ctxOut, dev), "cuDevicePrimaryCtxRetain", "device " + ordinal);
            MemorySegment ctx = ctxOut.get(ADDRESS, 0);
            try {
                lib.check(lib.cuCtxSetCurrent(ctx), "cuCtxSetCurrent", null);
                return new CudaDriver(lib, dev, ctx, info, major * 10 + minor, memoize(compiler), stagingBytes);
            } catch (RuntimeException e) {
                lib.cuDevicePrimaryCtxRelease(dev);
                throw e;
            }
        }
    }

    /** The names of all devices, by ordinal. */
    static List<String> deviceNames(CudaLibrary lib) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            lib.check(lib.cuDeviceGetCount(out), "cuDeviceGetCount", null);
            int count = out.get(JAVA_INT, 0);
            List<String> names = new ArrayList<>(count);
            MemorySegment name = a.allocate(256);
            for (int i = 0; i < count; i++) {
                lib.check(lib.cuDeviceGet(out, i), "cuDeviceGet", "ordinal " + i);
                int dev = out.get(JAVA_INT, 0);
                name.fill((byte) 0);
                lib.check(lib.cuDeviceGetName(name, (int) name.byteSize() - 1, dev), "cuDeviceGetName", null);
                names.add(name.getString(0));
            }
            return names;
        }
    }

    /** "13.0" for the driver version 13000. */
    static String versionString(int version) {
        return version / 1000 + "." + (version % 1000) / 10;
    }

    private static int attribute(CudaLibrary lib, int dev, int attribute) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_INT);
            lib.check(lib.cuDeviceGetAttribute(out, attribute, dev), "cuDeviceGetAttribute", "attribute " + attribute);
            return out.get(JAVA_INT, 0);
        }
    }

    private static Supplier<PtxCompiler> memoize(Supplier<PtxCompiler> s) {
        return new Supplier<>() {
            private PtxCompiler value;

            @Override
            public synchronized PtxCompiler get() {
                if (value == null) {
                    value = s.get();
                }
                return value;
            }
        };
    }

    @Override
    public String api() {
        return API;
    }

    @Override
    public DeviceInfo device() {
        return info;
    }

    /** Compute capability as major*10+minor, e.g. 90. */
    int arch() {
        return arch;
    }

    /** Whether transfers use page-locked staging memory. */
    boolean pinnedStaging() {
        return staging.pinned();
    }

    // ---- memory

    @Override
    public synchronized long allocate(long bytes) {
        if (bytes < 0) {
            throw new EngineException("cuda: cannot allocate " + bytes + " bytes");
        }
        makeCurrent();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment out = a.allocate(JAVA_LONG);
            // cuMemAlloc rejects 0 bytes; an empty buffer still gets a distinct pointer.
            lib.check(lib.cuMemAlloc(out, Math.max(1, bytes)), "cuMemAlloc_v2", bytes + " bytes");
            long handle = out.get(JAVA_LONG, 0);
            allocations.add(handle);
            return handle;
        }
    }

    @Override
    public synchronized void free(long handle) {
        makeCurrent();
        if (!allocations.remove(handle)) {
            throw new EngineException("cuda: free of unknown device pointer 0x" + Long.toHexString(handle));
        }
        lib.check(lib.cuMemFree(handle), "cuMemFree_v2", null);
    }

    @Override
    public void write(long handle, long byteOffset, float[] src, int srcOffset, int count) {
        upload(handle, byteOffset, src, src.length, srcOffset, count, JAVA_FLOAT);
    }

    @Override
    public void write(long handle, long byteOffset, double[] src, int srcOffset, int count) {
        upload(handle, byteOffset, src, src.length, srcOffset, count, JAVA_DOUBLE);
    }

    @Override
    public void write(long handle, long byteOffset, int[] src, int srcOffset, int count) {
        upload(handle, byteOffset, src, src.length, srcOffset, count, JAVA_INT);
    }

    @Override
    public void read(long handle, long byteOffset, float[] dst, int dstOffset, int count) {
        download(handle, byteOffset, dst, dst.length, dstOffset, count, JAVA_FLOAT);
    }

    @Override
    public void read(long handle, long byteOffset, double[] dst, int dstOffset, int count) {
        download(handle, byteOffset, dst, dst.length, dstOffset, count, JAVA_DOUBLE);
    }

    @Override
    public void read(long handle, long byteOffset, int[] dst, int dstOffset, int count) {
        download(handle, byteOffset, dst, dst.length, dstOffset, count, JAVA_INT);
    }

    private synchronized void upload(long handle, long byteOffset, Object array, int length, int offset, int count,
                                     ValueLayout layout) {
        checkRange(length, offset, count, byteOffset);
        makeCurrent();
        long elementBytes = layout.byteSize();
        int perChunk = (int) Math.min(Integer.MAX_VALUE, staging.capacity() / elementBytes);
        MemorySegment host = staging.segment();
        for (int done = 0; done < count; ) {
            int n = Math.min(perChunk, count - done);
            MemorySegment.copy(array, offset + done, host, layout, 0, n);
            long bytes = n * elementBytes;
            lib.check(lib.cuMemcpyHtoD(handle + byteOffset + done * elementBytes, host, bytes),
                    "cuMemcpyHtoD_v2", bytes + " bytes to device" + afterKernel());
            done += n;
        }
    }

    private synchronized void download(long handle, long byteOffset, Object array, int length, int offset, int count,
                                       ValueLayout layout) {
        checkRange(length, offset, count, byteOffset);
        makeCurrent();
        long elementBytes = layout.byteSize();
        int perChunk = (int) Math.min(Integer.MAX_VALUE, staging.capacity() / elementBytes);
        MemorySegment host = staging.segment();
        for (int done = 0; done < count; ) {
            int n = Math.min(perChunk, count - done);
            long bytes = n * elementBytes;
            lib.check(lib.cuMemcpyDtoH(host, handle + byteOffset + done * elementBytes, bytes),
                    "cuMemcpyDtoH_v2", bytes + " bytes from device" + afterKernel());
            MemorySegment.copy(host, layout, 0, array, offset + done, n);
            done += n;
        }
    }

    private static void checkRange(int length, int offset, int count, long byteOffset) {
        if (offset < 0 || count < 0 || offset > length - count || byteOffset < 0) {
            throw new EngineException("cuda: host range [" + offset + ", " + offset + "+" + count
                    + ") outside an array of " + length + " (device byte offset " + byteOffset + ")");
        }
    }

    // ---- kernels

    @Override
    public synchronized CompiledKernel compile(String name, String source) {
        ensureOpen();
        Optional<String> precompiled = PtxResources.find(name, source);
        if (precompiled.isPresent()) {
            try {
                return load(name, precompiled.get());
            } catch (KernelBuildException e) {
                LOG.log(System.Logger.Level.INFO, "cuda: precompiled PTX {0} does not load here, compiling: {1}",
                        PtxResources.path(name, source), e.log());
            }
        }
        return load(name, compiler.get().compile(name, source, arch));
    }

    /** Loads PTX text as a module and finds entry point {@code name} in it. */
    synchronized CudaKernel load(String name, String ptx) {
        makeCurrent();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment errorLog = a.allocate(JIT_LOG_BYTES);
            MemorySegment options = a.allocate(JAVA_INT, 2);
            options.setAtIndex(JAVA_INT, 0, CudaLibrary.JIT_ERROR_LOG_BUFFER);
            options.setAtIndex(JAVA_INT, 1, CudaLibrary.JIT_ERROR_LOG_BUFFER_SIZE_BYTES);
            MemorySegment values = a.allocate(ADDRESS, 2);
            values.setAtIndex(ADDRESS, 0, errorLog);
            values.setAtIndex(ADDRESS, 1, MemorySegment.ofAddress(JIT_LOG_BYTES)); // a size passed as a pointer value
            MemorySegment moduleOut = a.allocate(ADDRESS);
            int rc = lib.cuModuleLoadDataEx(moduleOut, a.allocateFrom(ptx), 2, options, values);
            if (rc != CudaErrors.SUCCESS) {
                String jitLog = errorLog.getString(0);
                throw new KernelBuildException("cuda", name, lib.message(rc, "cuModuleLoadDataEx", "PTX of "
                        + ptx.length() + " chars") + (jitLog.isEmpty() ? "" : "\n" + jitLog));
            }
            MemorySegment module = moduleOut.get(ADDRESS, 0);
            try {
                MemorySegment functionOut = a.allocate(ADDRESS);
                rc = lib.cuModuleGetFunction(functionOut, module, a.allocateFrom(name));
                if (rc != CudaErrors.SUCCESS) {
                    throw new KernelBuildException("cuda", name, lib.message(rc, "cuModuleGetFunction", name)
                            + ": no entry point '" + name + "' (declared KERNEL, i.e. extern \"C\" __global__?)");
                }
                MemorySegment function = functionOut.get(ADDRESS, 0);
                MemorySegment maxThreads = a.allocate(JAVA_INT);
                lib.check(lib.cuFuncGetAttribute(maxThreads,
                        CudaLibrary.FUNC_ATTRIBUTE_MAX_THREADS_PER_BLOCK, function),
                        "cuFuncGetAttribute", name);
                CudaKernel k = new CudaKernel(this, name, module, function, maxThreads.get(JAVA_INT, 0));
                kernels.add(k);
                return k;
            } catch (RuntimeException e) {
                lib.cuModuleUnload(module);
                throw e;
            }
        }
    }

    synchronized void unload(CudaKernel k) {
        if (kernels.remove(k) && !closed) {
            makeCurrent();
            lib.check(lib.cuModuleUnload(k.module()), "cuModuleUnload", k.name());
        }
    }

    @Override
    public synchronized void launch(CompiledKernel kernel, long globalSize, int localSize, List<ArgType> types,
                                    List<Object> args) {
        ensureOpen();
        if (!(kernel instanceof CudaKernel k) || k.driver() != this || !kernels.contains(k)) {
            throw new EngineException("cuda: kernel " + kernel.name()
                    + " was not compiled by this driver or was released");
        }
        LaunchGeometry g = LaunchGeometry.of(globalSize, localSize, k.maxThreadsPerBlock());
        if (g.grid() == 0) {
            return;
        }
        makeCurrent();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment params = KernelParams.marshal(a, types, args);
            lib.check(lib.cuLaunchKernel(k.function(), g.grid(), 1, 1, g.block(), 1, 1, 0, MemorySegment.NULL,
                    params, MemorySegment.NULL), "cuLaunchKernel",
                    "kernel '" + k.name() + "', " + g.grid() + " blocks of " + g.block());
        }
        lastKernel = k.name();
    }

    @Override
    public synchronized void finish() {
        makeCurrent();
        lib.check(lib.cuCtxSynchronize(), "cuCtxSynchronize", afterKernel().isEmpty() ? null
                : afterKernel().substring(2));
    }

    private String afterKernel() {
        return lastKernel == null ? "" : ", after kernel '" + lastKernel + "'";
    }

    // ---- context

    private void ensureOpen() {
        if (closed) {
            throw new EngineException("cuda: driver is closed");
        }
    }

    private void makeCurrent() {
        ensureOpen();
        lib.check(lib.cuCtxSetCurrent(context), "cuCtxSetCurrent", null);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            makeCurrent();
            report(lib.cuCtxSynchronize(), "cuCtxSynchronize");
            for (CudaKernel k : kernels) {
                report(lib.cuModuleUnload(k.module()), "cuModuleUnload");
            }
            for (long p : allocations) {
                report(lib.cuMemFree(p), "cuMemFree_v2");
            }
            staging.close();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cuda: error while closing: " + e.getMessage());
        } finally {
            kernels.clear();
            allocations.clear();
            closed = true;
            report(lib.cuDevicePrimaryCtxRelease(device), "cuDevicePrimaryCtxRelease_v2");
        }
    }

    private void report(int rc, String function) {
        if (rc != CudaErrors.SUCCESS) {
            LOG.log(System.Logger.Level.WARNING, lib.message(rc, function, "while closing"));
        }
    }

    /** Number of device allocations not yet freed (for tests). */
    synchronized int liveAllocations() {
        return allocations.size();
    }

    /** A loaded module and its entry point. */
    static final class CudaKernel implements CompiledKernel {
        private final CudaDriver driver;
        private final String name;
        private final MemorySegment module;
        private final MemorySegment function;
        private final int maxThreadsPerBlock;

        CudaKernel(CudaDriver driver, String name, MemorySegment module, MemorySegment function,
                int maxThreadsPerBlock) {
            this.driver = driver;
            this.name = name;
            this.module = module;
            this.function = function;
            this.maxThreadsPerBlock = maxThreadsPerBlock;
        }

        @Override
        public String name() {
            return name;
        }

        CudaDriver driver() {
            return driver;
        }

        MemorySegment module() {
            return module;
        }

        MemorySegment function() {
            return function;
        }

        int maxThreadsPerBlock() {
            return maxThreadsPerBlock;
        }

        @Override
        public void release() {
            driver.unload(this);
        }

        @Override
        public String toString() {
            return "CudaKernel[" + name + "]";
        }
    }
}
