package org.nnft.backend.cpu;

import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.Buffers;
import org.nnft.engine.DType;
import org.nnft.engine.DeviceBuffer;
import org.nnft.engine.DeviceInfo;
import org.nnft.engine.EngineException;
import org.nnft.engine.Operations;
import org.nnft.engine.Summary;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelArgs;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plain-Java backend: buffers are Java arrays, operations run synchronously on the backend's own
 * {@link WorkPool} (option {@code threads}). Each operation has a scalar reference path and a
 * Vector API path (option {@code scalar=true} forces the former, see {@link CpuOptions}). Work is
 * cut so that every output element and every {@link Summary#BLOCK} is computed by one task in a
 * fixed way: results are bit-identical for any thread count, and the random fills and summaries
 * are bit-identical between the two paths too (matmul and syrk differ in rounding only).
 */
public final class CpuBackend implements Backend {
    /** Random variates one fill task gets at least. */
    private static final long FILL_GRAIN = 1 << 14;

    private final CpuOptions options;
    private final DeviceInfo device;
    private final WorkPool pool;
    private final Summarizer summarizer;
    private final Gemm gemm;
    private final KernelLauncher launcher;
    private final Set<CpuBuffer> buffers = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** A backend with these options. */
    public CpuBackend(CpuOptions options) {
        this.options = options;
        Runtime rt = Runtime.getRuntime();
        this.device = new DeviceInfo("cpu (" + options.threads() + " threads"
                + (options.scalar() ? ", scalar" : "") + ")",
                System.getProperty("os.arch"), "Java " + Runtime.version(), rt.maxMemory(),
                Math.min(rt.maxMemory(), (long) Buffers.MAX_HOST_ARRAY * 8), options.threads());
        this.pool = new WorkPool(options.threads());
        this.summarizer = new Summarizer(pool, options.scalar());
        this.gemm = new Gemm(pool, options.scalar());
        this.launcher = new KernelLauncher(pool, options.scalar());
    }

    /** A backend parsed from string options ({@code threads}, {@code scalar}). */
    public static CpuBackend open(BackendOptions options) {
        return new CpuBackend(CpuOptions.parse(options));
    }

    /** The options this backend runs with. */
    public CpuOptions options() {
        return options;
    }

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public DeviceInfo device() {
        return device;
    }

    private void checkOpen(String op) {
        if (closed) {
            throw new EngineException(op + ": cpu backend is closed");
        }
    }

    @Override
    public DeviceBuffer allocate(DType type, long length) {
        checkOpen("allocate");
        if (type == null) {
            throw new EngineException("allocate: element type is null");
        }
        CpuBuffer b = new CpuBuffer(this, type, length);
        buffers.add(b);
        return b;
    }

    /** Called by a buffer when it closes. */
    void released(CpuBuffer buffer) {
        buffers.remove(buffer);
    }

    @Override
    public void fillUniform(DeviceBuffer out, long seed, long stream, long first) {
        fill(out, seed, stream, first, "fillUniform", true);
    }

    @Override
    public void fillNormal(DeviceBuffer out, long seed, long stream, long first) {
        fill(out, seed, stream, first, "fillNormal", false);
    }

    private void fill(DeviceBuffer out, long seed, long stream, long first, String op, boolean uniform) {
        checkOpen(op);
        Operations.checkFill(this, out, first, op);
        Object array = ((CpuBuffer) out).array(op);
        RandomFill.Kind kind = !uniform ? RandomFill.Kind.NORMAL
                : out.dtype() == DType.F32 ? RandomFill.Kind.UNIFORM_FLOAT : RandomFill.Kind.UNIFORM_DOUBLE;
        long n = out.length();
        pool.runRanges(n, pool.tasksFor(n, FILL_GRAIN), (from, to) -> RandomFill.create(options.scalar())
                .fill(kind, array, (int) from, (int) to, seed, stream, first));
    }

    @Override
    public Summary summarize(DeviceBuffer buffer, long offset, long count) {
        checkOpen("summarize");
        Operations.checkSummarize(this, buffer, offset, count);
        return summarizer.summarize(((CpuBuffer) buffer).array("summarize"), (int) offset, (int) count);
    }

    @Override
    public double sum(DeviceBuffer buffer) {
        checkOpen("sum");
        Operations.checkSummarize(this, buffer, 0, buffer.length());
        return summarizer.sum(((CpuBuffer) buffer).array("sum"), 0, (int) buffer.length());
    }

    @Override
    public void matmul(boolean transA, boolean transB, int m, int n, int k, double alpha,
                       DeviceBuffer a, DeviceBuffer b, double beta, DeviceBuffer c) {
        checkOpen("matmul");
        Operations.checkMatmul(this, transA, transB, m, n, k, a, b, c);
        gemm.matmul(transA, transB, m, n, k, alpha, host(a, "matmul"), host(b, "matmul"), beta, host(c, "matmul"));
    }

    @Override
    public void syrk(int n, int k, double alpha, DeviceBuffer a, double beta, DeviceBuffer c) {
        checkOpen("syrk");
        Operations.checkSyrk(this, n, k, a, c);
        gemm.syrk(n, k, alpha, host(a, "syrk"), beta, host(c, "syrk"));
    }

    private static Object host(DeviceBuffer buffer, String op) {
        return ((CpuBuffer) buffer).array(op);
    }

    @Override
    public void launch(Kernel kernel, long globalSize, KernelArgs args) {
        checkOpen("launch");
        if (globalSize < 0) {
            throw new EngineException("kernel " + kernel.name() + ": global size must be >= 0, got " + globalSize);
        }
        kernel.check(args);
        for (int i = 0; i < args.size(); i++) {
            if (args.type(i).isBuffer()) {
                Buffers.checkOwner(args.bufferAt(i), this, "kernel " + kernel.name() + " argument " + i);
            }
        }
        launcher.launch(kernel, globalSize, args);
    }

    @Override
    public void finish() {
        checkOpen("finish");
    }

    /** Shuts the worker pool down and releases every open buffer; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        pool.close();
        for (CpuBuffer b : buffers.toArray(CpuBuffer[]::new)) {
            b.close();
        }
    }

    @Override
    public String toString() {
        return "CpuBackend[" + device.name() + "]";
    }
}
