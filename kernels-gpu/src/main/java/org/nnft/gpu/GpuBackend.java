package org.nnft.gpu;

import org.nnft.engine.Backend;
import org.nnft.engine.Buffers;
import org.nnft.engine.DType;
import org.nnft.engine.DeviceBuffer;
import org.nnft.engine.DeviceInfo;
import org.nnft.engine.EngineException;
import org.nnft.engine.Operations;
import org.nnft.engine.Summary;
import org.nnft.engine.kernel.ArgType;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelArgs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The GPU backend, written once over a {@link GpuDriver} (OpenCL or CUDA): device buffers, the core
 * operations as portable kernels, launches of domain {@link Kernel}s, and the splitting of large
 * operations into launches of at most {@code maxItemsPerLaunch} work items.
 */
public final class GpuBackend implements Backend {
    /** Default upper bound on the work items of one core-kernel launch. */
    public static final long DEFAULT_MAX_ITEMS_PER_LAUNCH = 1L << 24;

    private static final List<ArgType> FILL_SIGNATURE = List.of(ArgType.F32_BUFFER,
            ArgType.LONG, ArgType.LONG, ArgType.LONG, ArgType.LONG, ArgType.LONG);
    private static final List<ArgType> SUMMARIZE_SIGNATURE = List.of(ArgType.F32_BUFFER,
            ArgType.LONG, ArgType.LONG, ArgType.LONG, ArgType.F64_BUFFER);

    private final GpuDriver driver;
    private final KernelCache kernels;
    private final long maxItemsPerLaunch;
    private final Set<GpuBuffer> open = new LinkedHashSet<>();
    private long scratch;
    private long scratchBytes;
    private boolean closed;

    /**
     * A backend that owns {@code driver} (closing the backend closes it).
     *
     * @param maxItemsPerLaunch upper bound on the work items of one fill, summarize or matmul launch
     *                          (at least one work-group of 256)
     */
    public GpuBackend(GpuDriver driver, long maxItemsPerLaunch) {
        this.driver = Objects.requireNonNull(driver, "driver");
        if (maxItemsPerLaunch < 256) {
            throw new EngineException("maxItemsPerLaunch must be >= 256, got " + maxItemsPerLaunch);
        }
        this.maxItemsPerLaunch = maxItemsPerLaunch;
        this.kernels = new KernelCache(driver);
    }

    /** A backend with the default launch size. */
    public GpuBackend(GpuDriver driver) {
        this(driver, DEFAULT_MAX_ITEMS_PER_LAUNCH);
    }

    @Override
    public String name() {
        return driver.api();
    }

    @Override
    public DeviceInfo device() {
        return driver.device();
    }

    GpuDriver driver() {
        checkOpen();
        return driver;
    }

    private void checkOpen() {
        if (closed) {
            throw new EngineException(driver.api() + " backend is closed");
        }
    }

    @Override
    public DeviceBuffer allocate(DType type, long length) {
        checkOpen();
        Objects.requireNonNull(type, "type");
        Buffers.checkLength(length);
        DeviceInfo d = driver.device();
        long bytes;
        try {
            bytes = Math.multiplyExact(length, (long) type.bytes());
        } catch (ArithmeticException e) {
            throw new EngineException(tooLarge(type, length, "more than 2^63 bytes", d));
        }
        if (bytes > d.memoryBytes()) {
            throw new EngineException(tooLarge(type, length, bytes + " bytes, more than the device memory of "
                    + d.memoryBytes() + " bytes", d));
        }
        if (bytes > d.maxAllocationBytes()) {
            throw new EngineException(tooLarge(type, length, bytes
                    + " bytes, more than the device's largest single allocation of "
                    + d.maxAllocationBytes() + " bytes", d));
        }
        long handle = driver.allocate(Math.max(bytes, type.bytes()));
        GpuBuffer b = new GpuBuffer(this, type, length, handle);
        open.add(b);
        return b;
    }

    private String tooLarge(DType type, long length, String why, DeviceInfo d) {
        return driver.api() + ": cannot allocate " + length + " " + type + " elements (" + why + ") on device '"
                + d.name() + "'";
    }

    /** Called by {@link GpuBuffer#close()}. */
    void release(GpuBuffer buffer, long handle) {
        if (open.remove(buffer) && !closed) {
            driver.free(handle);
        }
    }

    private long handleOf(DeviceBuffer b, String what) {
        return ((GpuBuffer) b).handle(what);
    }

    @Override
    public void fillUniform(DeviceBuffer out, long seed, long stream, long first) {
        fill(out, seed, stream, first, false, "fillUniform");
    }

    @Override
    public void fillNormal(DeviceBuffer out, long seed, long stream, long first) {
        fill(out, seed, stream, first, true, "fillNormal");
    }

    private void fill(DeviceBuffer out, long seed, long stream, long first, boolean normal, String op) {
        checkOpen();
        Operations.checkFill(this, out, first, op);
        CoreKernels.Source src = CoreKernels.fill(normal, out.dtype());
        GpuDriver.CompiledKernel k = kernels.get(src.name(), src.text());
        long handle = handleOf(out, op);
        List<ArgType> types = out.dtype() == DType.F32 ? FILL_SIGNATURE
                : withBuffer(FILL_SIGNATURE, 0, ArgType.F64_BUFFER);
        long n = out.length();
        for (long offset = 0; offset < n; offset += maxItemsPerLaunch) {
            long count = Math.min(maxItemsPerLaunch, n - offset);
            driver.launch(k, count, 0, types, List.of(handle, offset, count, seed, stream, first));
        }
    }

    @Override
    public Summary summarize(DeviceBuffer buffer, long offset, long count) {
        checkOpen();
        Operations.checkSummarize(this, buffer, offset, count);
        if (count == 0) {
            return Summary.EMPTY;
        }
        CoreKernels.Source src = CoreKernels.summarize(buffer.dtype());
        GpuDriver.CompiledKernel k = kernels.get(src.name(), src.text());
        List<ArgType> types = withBuffer(SUMMARIZE_SIGNATURE, 0, bufferType(buffer.dtype()));
        long handle = handleOf(buffer, "summarize");
        int group = CoreKernels.SUMMARIZE_GROUP;
        long blocks = (count + Summary.BLOCK - 1) / Summary.BLOCK;
        int blocksPerLaunch = (int) Math.min(blocks, Math.max(1, maxItemsPerLaunch / group));
        long partials = scratch(blocksPerLaunch * 4L * Double.BYTES);
        double[] host = new double[blocksPerLaunch * 4];
        Summary total = Summary.EMPTY;
        for (long block0 = 0; block0 < blocks; block0 += blocksPerLaunch) {
            int nb = (int) Math.min(blocksPerLaunch, blocks - block0);
            driver.launch(k, (long) nb * group, group, types, List.of(handle, offset, count, block0, partials));
            driver.read(partials, 0, host, 0, nb * 4);
            for (int g = 0; g < nb; g++) {
                long start = (block0 + g) * Summary.BLOCK;
                long size = Math.min(Summary.BLOCK, count - start);
                total = total.merge(new Summary(size, host[4 * g], host[4 * g + 1], host[4 * g + 2], host[4 * g + 3]));
            }
        }
        return total;
    }

    /** A device scratch area of at least {@code bytes}, reused between calls. */
    private long scratch(long bytes) {
        if (scratchBytes < bytes) {
            if (scratchBytes > 0) {
                driver.free(scratch);
                scratchBytes = 0;
            }
            scratch = driver.allocate(bytes);
            scratchBytes = bytes;
        }
        return scratch;
    }

    @Override
    public void matmul(boolean transA, boolean transB, int m, int n, int k, double alpha,
                       DeviceBuffer a, DeviceBuffer b, double beta, DeviceBuffer c) {
        checkOpen();
        DType t = Operations.checkMatmul(this, transA, transB, m, n, k, a, b, c);
        runMatmul(t, transA, transB, m, n, k, alpha, a, b, beta, c, "matmul");
    }

    @Override
    public void syrk(int n, int k, double alpha, DeviceBuffer a, double beta, DeviceBuffer c) {
        checkOpen();
        DType t = Operations.checkSyrk(this, n, k, a, c);
        // C = alpha A^T A + beta C is the matmul of op(A) = A^T (n x k) by A (k x n); both triangles
        // come out identical because each product a_pi a_pj is commutative and summed in the same order.
        runMatmul(t, true, false, n, n, k, alpha, a, a, beta, c, "syrk");
    }

    private void runMatmul(DType t, boolean transA, boolean transB, int m, int n, int k, double alpha,
                           DeviceBuffer a, DeviceBuffer b, double beta, DeviceBuffer c, String op) {
        if (m == 0 || n == 0) {
            return;
        }
        CoreKernels.Source src = CoreKernels.matmul(t);
        GpuDriver.CompiledKernel kernel = kernels.get(src.name(), src.text());
        ArgType buf = bufferType(t);
        ArgType real = t == DType.F32 ? ArgType.FLOAT : ArgType.DOUBLE;
        List<ArgType> types = List.of(ArgType.INT, ArgType.INT, ArgType.INT, ArgType.INT, ArgType.INT, real,
                buf, buf, real, buf, ArgType.INT);
        Object alphaArg = t == DType.F32 ? (Object) (float) alpha : (Object) alpha;
        Object betaArg = t == DType.F32 ? (Object) (float) beta : (Object) beta;
        long ha = handleOf(a, op);
        long hb = handleOf(b, op);
        long hc = handleOf(c, op);
        int tile = CoreKernels.MATMUL_TILE;
        int group = tile * tile;
        long tilesM = (m + tile - 1) / tile;
        long tilesN = (n + tile - 1) / tile;
        long rowsPerLaunch = Math.max(1, maxItemsPerLaunch / group / tilesN);
        for (long row0 = 0; row0 < tilesM; row0 += rowsPerLaunch) {
            long rows = Math.min(rowsPerLaunch, tilesM - row0);
            driver.launch(kernel, rows * tilesN * group, group, types, List.of(m, n, k, transA ? 1 : 0,
                    transB ? 1 : 0, alphaArg, ha, hb, betaArg, hc, (int) row0));
        }
    }

    @Override
    public void launch(Kernel kernel, long globalSize, KernelArgs args) {
        checkOpen();
        if (globalSize < 0) {
            throw new EngineException("kernel " + kernel.name() + ": global size must be >= 0, got " + globalSize);
        }
        kernel.check(args);
        List<Object> values = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            if (args.type(i).isBuffer()) {
                String what = "kernel " + kernel.name() + " argument " + i;
                Buffers.checkOwner(args.bufferAt(i), this, what);
                values.add(handleOf(args.bufferAt(i), what));
            } else {
                values.add(args.value(i));
            }
        }
        GpuDriver.CompiledKernel k = kernels.get(kernel.name(), kernel.source());
        if (globalSize > 0) {
            driver.launch(k, globalSize, kernel.workGroupSize(), kernel.signature(), values);
        }
    }

    @Override
    public void finish() {
        checkOpen();
        driver.finish();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            for (GpuBuffer b : open) {
                b.invalidate();
                driver.free(b.rawHandle());
            }
            if (scratchBytes > 0) {
                driver.free(scratch);
            }
            kernels.clear();
        } finally {
            open.clear();
            scratchBytes = 0;
            driver.close();
        }
    }

    private static ArgType bufferType(DType t) {
        return switch (t) {
            case F32 -> ArgType.F32_BUFFER;
            case F64 -> ArgType.F64_BUFFER;
            case I32 -> ArgType.I32_BUFFER;
        };
    }

    private static List<ArgType> withBuffer(List<ArgType> signature, int index, ArgType type) {
        List<ArgType> out = new ArrayList<>(signature);
        out.set(index, type);
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "GpuBackend[" + driver.api() + " on " + driver.device().name() + "]";
    }
}
