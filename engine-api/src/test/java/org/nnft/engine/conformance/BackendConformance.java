package org.nnft.engine.conformance;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.DType;
import org.nnft.engine.DeviceBuffer;
import org.nnft.engine.EngineException;
import org.nnft.engine.Summary;
import org.nnft.engine.kernel.ArgType;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelArgs;
import org.nnft.engine.kernel.KernelSource;
import org.nnft.engine.random.RandomStreams;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The conformance suite every backend passes: each backend module has a test class that extends
 * this one and says how to open its backend. Random fills must match {@link RandomStreams} bit for
 * bit; reductions, matrix products and rank-k updates must match float64 references within the
 * rounding bounds stated at each test; buffers and errors must behave alike.
 */
public abstract class BackendConformance {

    /** Opens a fresh backend for one test. */
    protected abstract Backend openBackend();

    protected Backend backend;

    @BeforeEach
    void open() {
        backend = openBackend();
    }

    @AfterEach
    void close() {
        if (backend != null) {
            backend.close();
        }
    }

    // ---------------------------------------------------------------- random fills

    private static final long[][] SEED_STREAM_FIRST = {
            {0, 0, 0},
            {42, 1, 3},
            {0xDEADBEEF_CAFEBABEL, 0x7FFF_FFFF_0000_0001L, 1_000_003},
            {-1L, -1L, (1L << 33) + 5}};

    @Test
    void uniformFillsMatchTheReferenceBitForBit() {
        for (long[] ssf : SEED_STREAM_FIRST) {
            for (int n : new int[]{1, 7, 1000, 4099}) {
                try (DeviceBuffer f = backend.allocate(DType.F32, n);
                     DeviceBuffer d = backend.allocate(DType.F64, n)) {
                    backend.fillUniform(f, ssf[0], ssf[1], ssf[2]);
                    backend.fillUniform(d, ssf[0], ssf[1], ssf[2]);
                    float[] fa = f.toFloatArray();
                    double[] da = d.toDoubleArray();
                    for (int j = 0; j < n; j++) {
                        assertEquals(Float.floatToRawIntBits(RandomStreams.uniformFloat(ssf[0], ssf[1], ssf[2] + j)),
                                Float.floatToRawIntBits(fa[j]), "F32 uniform " + j);
                        assertEquals(
                                Double.doubleToRawLongBits(RandomStreams.uniformDouble(ssf[0], ssf[1], ssf[2] + j)),
                                Double.doubleToRawLongBits(da[j]), "F64 uniform " + j);
                    }
                }
            }
        }
    }

    @Test
    void normalFillsMatchTheReferenceBitForBit() {
        for (long[] ssf : SEED_STREAM_FIRST) {
            for (int n : new int[]{1, 5, 1003}) {
                try (DeviceBuffer f = backend.allocate(DType.F32, n);
                     DeviceBuffer d = backend.allocate(DType.F64, n)) {
                    backend.fillNormal(f, ssf[0], ssf[1], ssf[2]);
                    backend.fillNormal(d, ssf[0], ssf[1], ssf[2]);
                    float[] fa = f.toFloatArray();
                    double[] da = d.toDoubleArray();
                    for (int j = 0; j < n; j++) {
                        double z = RandomStreams.normal(ssf[0], ssf[1], ssf[2] + j);
                        assertEquals(Double.doubleToRawLongBits(z),
                                Double.doubleToRawLongBits(da[j]), "F64 normal " + j);
                        assertEquals(Float.floatToRawIntBits((float) z),
                                Float.floatToRawIntBits(fa[j]), "F32 normal " + j);
                    }
                }
            }
        }
    }

    @Test
    void fillRejectsBadArguments() {
        try (DeviceBuffer i = backend.allocate(DType.I32, 4); DeviceBuffer f = backend.allocate(DType.F32, 4)) {
            assertThrows(EngineException.class, () -> backend.fillUniform(i, 1, 0, 0));
            assertThrows(EngineException.class, () -> backend.fillNormal(f, 1, 0, -1));
        }
    }

    // ---------------------------------------------------------------- reductions

    /**
     * Sums in float64 agree with a float64 reference to n * eps * sum|x| (any summation order
     * satisfies this bound); min and max exactly.
     */
    @Test
    void summarizeMatchesFloat64Reference() {
        SplittableRandom r = new SplittableRandom(7);
        int n = 3 * Summary.BLOCK + 123;
        double[] d = new double[n];
        float[] f = new float[n];
        int[] ints = new int[n];
        for (int j = 0; j < n; j++) {
            d[j] = r.nextGaussian() * 3 + 1;
            f[j] = (float) d[j];
            ints[j] = r.nextInt(-1000, 1000);
        }
        try (DeviceBuffer bd = backend.upload(d); DeviceBuffer bf = backend.upload(f);
                DeviceBuffer bi = backend.upload(ints)) {
            for (long[] range : new long[][]{{0, n}, {5, 4096}, {4095, 2}, {100, 0}, {n - 1, 1}}) {
                int off = (int) range[0], cnt = (int) range[1];
                checkSummary(backend.summarize(bd, off, cnt), off, cnt, j -> d[j]);
                checkSummary(backend.summarize(bf, off, cnt), off, cnt, j -> f[j]);
                checkSummary(backend.summarize(bi, off, cnt), off, cnt, j -> ints[j]);
            }
            assertEquals(backend.summarize(bd), backend.summarize(bd), "reduction must be deterministic");
            assertThrows(EngineException.class, () -> backend.summarize(bd, n - 1, 2));
        }
    }

    /**
     * {@link Backend#sum} is the summary's sum bit for bit (F64, F32 and I32; NaN, infinities, signed zeros, empty).
     */
    @Test
    void sumIsTheSummarySum() {
        SplittableRandom r = new SplittableRandom(11);
        int n = 2 * Summary.BLOCK + 77;
        double[] d = new double[n];
        float[] f = new float[n];
        int[] ints = new int[n];
        for (int j = 0; j < n; j++) {
            d[j] = r.nextGaussian() * Math.exp(10 * r.nextDouble());
            f[j] = (float) d[j];
            ints[j] = r.nextInt();
        }
        double[][] special = {{-0.0, -0.0}, {Double.NaN, 1.0},
                {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}, {}};
        try (DeviceBuffer bd = backend.upload(d); DeviceBuffer bf = backend.upload(f);
                DeviceBuffer bi = backend.upload(ints)) {
            for (DeviceBuffer b : new DeviceBuffer[]{bd, bf, bi}) {
                assertEquals(backend.summarize(b).sum(), backend.sum(b), "sum of " + b.dtype());
            }
        }
        for (double[] values : special) {
            try (DeviceBuffer b = values.length == 0 ? backend.allocate(DType.F64, 0) : backend.upload(values)) {
                assertEquals(backend.summarize(b).sum(), backend.sum(b), Arrays.toString(values));
            }
        }
    }

    private static void checkSummary(Summary s, int off, int cnt, IntToDoubleFunction x) {
        double sum = 0, sum2 = 0, abs = 0, abs2 = 0, lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int j = off; j < off + cnt; j++) {
            double v = x.applyAsDouble(j);
            sum += v;
            sum2 += v * v;
            abs += Math.abs(v);
            abs2 += v * v;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double eps = Math.ulp(1.0);
        assertEquals(cnt, s.count());
        assertEquals(sum, s.sum(), 2 * cnt * eps * abs + Double.MIN_VALUE, "sum");
        assertEquals(sum2, s.sumOfSquares(), 2 * cnt * eps * abs2 + Double.MIN_VALUE, "sum of squares");
        assertEquals(lo, s.min(), "min");
        assertEquals(hi, s.max(), "max");
    }

    // ---------------------------------------------------------------- matmul / syrk

    /**
     * C = alpha op(A) op(B) + beta C against a float64 naive product; the bound is
     * (k + 2) * eps_dtype * (|alpha| sum_p |a||b| + |beta| |c|) per element, which every
     * summation order and FMA use satisfies.
     */
    @Test
    void matmulMatchesNaiveReference() {
        SplittableRandom r = new SplittableRandom(11);
        int[][] shapes = {{1, 1, 1}, {3, 5, 7}, {17, 33, 65}, {64, 64, 64}, {70, 1, 130}};
        for (DType t : new DType[]{DType.F32, DType.F64}) {
            for (int[] s : shapes) {
                for (int mode = 0; mode < 4; mode++) {
                    boolean ta = (mode & 1) != 0, tb = (mode & 2) != 0;
                    double beta = mode == 3 ? 0.0 : 0.5;
                    checkMatmul(r, t, ta, tb, s[0], s[1], s[2], 1.25, beta);
                }
            }
        }
    }

    private void checkMatmul(SplittableRandom r, DType t, boolean ta, boolean tb, int m, int n, int k,
                             double alpha, double beta) {
        double[] a = random(r, t, m * k), b = random(r, t, k * n), c = random(r, t, m * n);
        if (beta == 0) {
            Arrays.fill(c, Double.NaN);
        }
        try (DeviceBuffer ba = upload(t, a); DeviceBuffer bb = upload(t, b); DeviceBuffer bc = upload(t, c)) {
            backend.matmul(ta, tb, m, n, k, alpha, ba, bb, beta, bc);
            double[] got = download(bc);
            double eps = t == DType.F32 ? Math.ulp(1.0f) : Math.ulp(1.0);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double acc = 0, mag = 0;
                    for (int p = 0; p < k; p++) {
                        double av = ta ? a[p * m + i] : a[i * k + p];
                        double bv = tb ? b[j * k + p] : b[p * n + j];
                        acc += av * bv;
                        mag += Math.abs(av * bv);
                    }
                    double cv = beta == 0 ? 0 : c[i * n + j];
                    double expect = alpha * acc + beta * cv;
                    double tol = (k + 2) * eps * (Math.abs(alpha) * mag + Math.abs(beta * cv)) + Double.MIN_VALUE;
                    assertEquals(expect, got[i * n + j], tol,
                            t + " matmul ta=" + ta + " tb=" + tb + " " + m + "x" + n + "x" + k + " at " + i + "," + j);
                }
            }
        }
    }

    /** C = alpha A^T A + beta C, both triangles, same bound as matmul. */
    @Test
    void syrkMatchesNaiveReference() {
        SplittableRandom r = new SplittableRandom(13);
        for (DType t : new DType[]{DType.F32, DType.F64}) {
            for (int[] s : new int[][]{{1, 1}, {6, 1000}, {33, 17}, {64, 256}}) {
                int n = s[0], k = s[1];
                double[] a = random(r, t, k * n), c = random(r, t, n * n);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < i; j++) {
                        c[i * n + j] = c[j * n + i]; // C symmetric, as a rank-k update assumes
                    }
                }
                for (double beta : new double[]{0.0, 1.0}) {
                    try (DeviceBuffer ba = upload(t, a); DeviceBuffer bc = upload(t, c)) {
                        backend.syrk(n, k, 0.5, ba, beta, bc);
                        double[] got = download(bc);
                        double eps = t == DType.F32 ? Math.ulp(1.0f) : Math.ulp(1.0);
                        for (int i = 0; i < n; i++) {
                            for (int j = 0; j < n; j++) {
                                double acc = 0, mag = 0;
                                for (int p = 0; p < k; p++) {
                                    acc += a[p * n + i] * a[p * n + j];
                                    mag += Math.abs(a[p * n + i] * a[p * n + j]);
                                }
                                double expect = 0.5 * acc + beta * c[i * n + j];
                                double tol = (k + 2) * eps * (0.5 * mag + Math.abs(beta * c[i * n + j]))
                                        + Double.MIN_VALUE;
                                assertEquals(expect, got[i * n + j], tol, t + " syrk " + n + "x" + k
                                        + " at " + i + "," + j);
                                assertEquals(got[i * n + j], got[j * n + i], 0.0, "syrk symmetry");
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void matmulRejectsBadShapesAndTypes() {
        try (DeviceBuffer a = backend.allocate(DType.F32, 6); DeviceBuffer b = backend.allocate(DType.F32, 6);
             DeviceBuffer c = backend.allocate(DType.F32, 3); DeviceBuffer d = backend.allocate(DType.F64, 9)) {
            assertThrows(EngineException.class, () -> backend.matmul(false, false, 3, 3, 2, 1, a, b, 0, c));
            assertThrows(EngineException.class, () -> backend.matmul(false, false, 3, 3, 2, 1, a, b, 0, d));
            assertThrows(EngineException.class, () -> backend.matmul(false, false, -1, 3, 2, 1, a, b, 0, c));
            assertThrows(EngineException.class, () -> backend.syrk(3, 2, 1, a, 0, c));
        }
    }

    private static double[] random(SplittableRandom r, DType t, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble(-1, 1);
            if (t == DType.F32) {
                x[i] = (float) x[i];
            }
        }
        return x;
    }

    private DeviceBuffer upload(DType t, double[] x) {
        if (t == DType.F64) {
            return backend.upload(x);
        }
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return backend.upload(f);
    }

    private static double[] download(DeviceBuffer b) {
        if (b.dtype() == DType.F64) {
            return b.toDoubleArray();
        }
        float[] f = b.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    // ---------------------------------------------------------------- buffers

    @Test
    void buffersRoundTripAndCheckTheirUse() {
        try (DeviceBuffer f = backend.allocate(DType.F32, 10)) {
            assertEquals(10, f.length());
            assertEquals(DType.F32, f.dtype());
            assertTrue(f.backend() == backend);
            f.write(2, new float[]{9, 1, 2, 3, 9}, 1, 3);
            float[] out = new float[5];
            f.read(1, out, 1, 4);
            assertArrayEquals(new float[]{0, out[1], 1, 2, 3}, out);
            assertThrows(EngineException.class, () -> f.write(8, new float[3], 0, 3), "past the end");
            assertThrows(EngineException.class, () -> f.read(0, new float[2], 1, 2), "past the host array");
            assertThrows(EngineException.class, () -> f.write(0, new double[1], 0, 1), "wrong element type");
            assertThrows(EngineException.class, () -> f.read(-1, new float[1], 0, 1), "negative offset");
        }
        try (DeviceBuffer d = backend.upload(new double[]{1.5, -2.5});
                DeviceBuffer i = backend.upload(new int[]{7, -8, 9})) {
            assertArrayEquals(new double[]{1.5, -2.5}, d.toDoubleArray());
            assertArrayEquals(new int[]{7, -8, 9}, i.toIntArray());
        }
        try (DeviceBuffer empty = backend.allocate(DType.F64, 0)) {
            assertEquals(0, empty.toDoubleArray().length);
            assertEquals(0, backend.summarize(empty).count());
        }
        assertThrows(EngineException.class, () -> backend.allocate(DType.F32, -1));
    }

    @Test
    void closedBuffersAndForeignBuffersAreRejected() {
        DeviceBuffer b = backend.allocate(DType.F32, 4);
        b.close();
        b.close();
        assertTrue(b.isClosed());
        assertThrows(EngineException.class, () -> b.read(0, new float[4], 0, 4));
        assertThrows(EngineException.class, () -> backend.fillUniform(b, 1, 1, 0));
        try (Backend other = openBackend(); DeviceBuffer foreign = other.allocate(DType.F32, 4)) {
            assertThrows(EngineException.class, () -> backend.fillUniform(foreign, 1, 1, 0));
        }
    }

    @Test
    void closedBackendRejectsWork() {
        Backend b = openBackend();
        b.close();
        b.close();
        assertThrows(EngineException.class, () -> b.allocate(DType.F32, 1));
    }

    @Test
    void deviceInfoIsFilledIn() {
        assertFalse(backend.device().name().isBlank());
        assertTrue(backend.device().memoryBytes() > 0);
        assertTrue(backend.device().computeUnits() > 0);
        assertFalse(backend.name().isBlank());
    }

    // ---------------------------------------------------------------- portable kernels

    /** The conformance kernel: y = a x + uniform(seed, stream 7, i); Java twin of conformance_axpy.c. */
    public static final Kernel AXPY = Kernel.of("conformance_axpy",
            KernelSource.resource(BackendConformance.class, "conformance_axpy.c"),
            (args, from, to) -> {
                float[] y = args.floats(0);
                float[] x = args.floats(1);
                float a = args.floatArg(2);
                long seed = args.longArg(3);
                for (long i = from; i < to; i++) {
                    y[(int) i] = a * x[(int) i] + RandomStreams.uniformFloat(seed, 7, i);
                }
            },
            ArgType.F32_BUFFER, ArgType.F32_BUFFER, ArgType.FLOAT, ArgType.LONG, ArgType.INT);

    @Test
    void portableKernelRunsAndMatchesItsJavaTwin() {
        int n = 10_007;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * 0.001f - 3;
        }
        try (DeviceBuffer bx = backend.upload(x); DeviceBuffer by = backend.allocate(DType.F32, n)) {
            long seed = 0x5EED_0000_0001L;
            backend.launch(AXPY, n, new KernelArgs().buffer(by).buffer(bx).f32(2.5f).i64(seed).i32(n));
            float[] y = by.toFloatArray();
            for (int i = 0; i < n; i++) {
                float expect = 2.5f * x[i] + RandomStreams.uniformFloat(seed, 7, i);
                assertEquals(Float.floatToRawIntBits(expect), Float.floatToRawIntBits(y[i]), "axpy " + i);
            }
            assertThrows(EngineException.class,
                    () -> backend.launch(AXPY, n, new KernelArgs().buffer(by).buffer(bx).f32(2.5f).i32(n)),
                    "wrong argument count");
            assertThrows(EngineException.class,
                    () -> backend.launch(AXPY, n, new KernelArgs().buffer(by).buffer(bx).f64(2.5).i64(seed).i32(n)),
                    "wrong argument type");
        }
    }
}
