package org.nnft.gpu.opencl;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nnft.engine.Backend;
import org.nnft.engine.Backends;
import org.nnft.engine.DType;
import org.nnft.engine.DeviceBuffer;
import org.nnft.engine.Summary;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * summarize, matmul and syrk on OpenCL against the CPU backend, within these bounds:
 * <ul>
 *   <li>summarize: count, min and max exact; sum and sum of squares within
 *       {@code 1e-12 * sum |x|} (resp. {@code sum x^2}) for every element type (float64 accumulation
 *       in another order).</li>
 *   <li>matmul / syrk: {@code |gpu - cpu| <= (k + 2) eps (|alpha| sum_p |a_ip||b_pj| + |beta c_ij|)} with eps
 *       the unit roundoff of the element type (F32 accumulates in float on the GPU, in double on the CPU).</li>
 * </ul>
 * Each check runs on a backend that splits work into launches of 256 items too.
 */
class OpenClLinearAlgebraTest {
    private static Backend cpu;
    private static Backend gpu;
    private static Backend chunked;

    @BeforeAll
    static void open() {
        gpu = OpenClTesting.open();
        chunked = OpenClTesting.open("launchItems", "256");
        cpu = Backends.named("cpu");
    }

    @AfterAll
    static void close() {
        for (Backend b : new Backend[]{gpu, chunked, cpu}) {
            if (b != null) {
                b.close();
            }
        }
    }

    private static DeviceBuffer upload(Backend b, DType t, double[] values) {
        DeviceBuffer buf = b.allocate(t, values.length);
        switch (t) {
            case F32 -> {
                float[] f = new float[values.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) values[i];
                }
                buf.write(f);
            }
            case F64 -> buf.write(values);
            case I32 -> {
                int[] v = new int[values.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = (int) values[i];
                }
                buf.write(v);
            }
            default -> {
                // every constant is handled above
            }
        }
        return buf;
    }

    private static double[] download(DeviceBuffer buf) {
        if (buf.dtype() == DType.F64) {
            return buf.toDoubleArray();
        }
        float[] f = buf.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    private static double[] randomValues(int n, long seed, double scale) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.rint(r.nextGaussian() * scale * 1000) / 1000;
        }
        return v;
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void summarizeMatchesCpu(DType t) {
        double[] values = randomValues(3 * 4096 + 517, 11, t == DType.I32 ? 1e5 : 3);
        long[][] ranges = {{0, values.length}, {5, 4096}, {4095, 2}, {123, 3 * 4096}, {7, 0}, {values.length - 1, 1}};
        double absSum = 0;
        double sq = 0;
        for (double v : values) {
            absSum += Math.abs(v);
            sq += v * v;
        }
        try (DeviceBuffer c = upload(cpu, t, values)) {
            for (Backend b : new Backend[]{gpu, chunked}) {
                try (DeviceBuffer g = upload(b, t, values)) {
                    for (long[] r : ranges) {
                        Summary want = cpu.summarize(c, r[0], r[1]);
                        Summary got = b.summarize(g, r[0], r[1]);
                        String what = t + " range " + r[0] + "+" + r[1];
                        assertEquals(want.count(), got.count(), what);
                        assertEquals(want.min(), got.min(), 0.0, what);
                        assertEquals(want.max(), got.max(), 0.0, what);
                        assertEquals(want.sum(), got.sum(), 1e-12 * absSum, what);
                        assertEquals(want.sumOfSquares(), got.sumOfSquares(), 1e-12 * sq, what);
                    }
                }
            }
        }
    }

    @Test
    void summarizePropagatesNaNAndSignedZeroLikeJava() {
        double[] values = {0.0, -0.0, 1.0, Double.NaN, 2.0};
        try (DeviceBuffer g = gpu.upload(values)) {
            Summary s = gpu.summarize(g);
            assertTrue(Double.isNaN(s.sum()) && Double.isNaN(s.min()) && Double.isNaN(s.max()), s.toString());
            Summary zeros = gpu.summarize(g, 0, 2);
            assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(zeros.min()));
            assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(zeros.max()));
        }
    }

    private static final int[][] SHAPES = {{1, 1, 1}, {17, 33, 5}, {40, 23, 70}, {16, 16, 16}, {3, 50, 0}};

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void matmulMatchesCpu(DType t) {
        for (int[] s : SHAPES) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            for (int trans = 0; trans < 4; trans++) {
                boolean ta = (trans & 1) != 0;
                boolean tb = (trans & 2) != 0;
                double[] a = randomValues(m * k, 1 + trans, 1);
                double[] bm = randomValues(k * n, 2 + trans, 1);
                double[] c0 = randomValues(m * n, 3 + trans, 1);
                for (double beta : new double[]{0.0, 0.5}) {
                    double alpha = 1.25;
                    double[] want = cpuMatmul(t, ta, tb, m, n, k, alpha, a, bm, beta, c0);
                    for (Backend g : new Backend[]{gpu, chunked}) {
                        double[] cStart = beta == 0 ? nans(m * n) : c0;
                        try (DeviceBuffer da = upload(g, t, a); DeviceBuffer db = upload(g, t, bm);
                             DeviceBuffer dc = upload(g, t, cStart)) {
                            g.matmul(ta, tb, m, n, k, alpha, da, db, beta, dc);
                            double[] got = download(dc);
                            for (int i = 0; i < m; i++) {
                                for (int j = 0; j < n; j++) {
                                    double scale = 0;
                                    for (int p = 0; p < k; p++) {
                                        double av = ta ? a[p * m + i] : a[i * k + p];
                                        double bv = tb ? bm[j * k + p] : bm[p * n + j];
                                        scale += Math.abs(av * bv);
                                    }
                                    scale = Math.abs(alpha) * scale + Math.abs(beta * c0[i * n + j]);
                                    double bound = (k + 2) * eps(t) * scale;
                                    assertEquals(want[i * n + j], got[i * n + j], bound,
                                            t + " m=" + m + " n=" + n + " k=" + k + " transA=" + ta + " transB=" + tb
                                                    + " beta=" + beta + " at " + i + "," + j);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static double[] cpuMatmul(DType t, boolean ta, boolean tb, int m, int n, int k, double alpha,
                                      double[] a, double[] b, double beta, double[] c) {
        try (DeviceBuffer da = upload(cpu, t, a); DeviceBuffer db = upload(cpu, t, b);
                DeviceBuffer dc = upload(cpu, t, c)) {
            cpu.matmul(ta, tb, m, n, k, alpha, da, db, beta, dc);
            return download(dc);
        }
    }

    private static double[] nans(int n) {
        double[] v = new double[n];
        Arrays.fill(v, Double.NaN);
        return v;
    }

    private static double eps(DType t) {
        return t == DType.F32 ? 0x1p-24 : 0x1p-53;
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void syrkMatchesCpuAndIsSymmetric(DType t) {
        int n = 21;
        int k = 37;
        double[] a = randomValues(k * n, 5, 1);
        double[] c0 = randomValues(n * n, 6, 1);
        for (double beta : new double[]{0.0, -2.0}) {
            double[] want;
            try (DeviceBuffer da = upload(cpu, t, a); DeviceBuffer dc = upload(cpu, t, c0)) {
                cpu.syrk(n, k, 0.75, da, beta, dc);
                want = download(dc);
            }
            for (Backend g : new Backend[]{gpu, chunked}) {
                try (DeviceBuffer da = upload(g, t, a); DeviceBuffer dc = upload(g, t, beta == 0 ? nans(n * n) : c0)) {
                    g.syrk(n, k, 0.75, da, beta, dc);
                    double[] got = download(dc);
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            double scale = 0;
                            for (int p = 0; p < k; p++) {
                                scale += Math.abs(a[p * n + i] * a[p * n + j]);
                            }
                            scale = 0.75 * scale + Math.abs(beta * c0[i * n + j]);
                            assertEquals(want[i * n + j], got[i * n + j], (k + 2) * eps(t) * scale, t
                                    + " at " + i + "," + j);
                            if (beta == 0) {
                                assertEquals(got[i * n + j], got[j * n + i], 0.0, "symmetry at " + i + "," + j);
                            }
                        }
                    }
                }
            }
        }
    }
}
