package org.nnft.ensemble.arch;

import org.junit.jupiter.api.Test;
import org.nnft.engine.random.PortableFloat;
import org.nnft.engine.simd.VectorRandomF;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The float fast path {@link CosNetLanesSingle} for every cos-net (ball nets in d = 1..4, the Cauchy net) against the
 * scalar float reference {@link CosNetSingle}: each lane's neuron bit for bit, and the field bit for bit equal to the
 * reference's own terms {@code fma(a, PortableFloat.cos(c + w.x), sum)} summed per lane (neuron i in lane i mod L,
 * neurons in order) and then across lanes in order, the fast path's documented order. Phases inside and outside
 * {@link PortableFloat#REDUCED_RANGE}, widths that are not multiples of the lane group.
 */
class SinglePrecisionLanesTest {
    private static final int L = VectorRandomF.LANES;
    private static final int W = CosNetLanesSingle.W;
    /** Ball nets in d = 1..4 and Cauchy nets, widths from W/8 up, none a multiple of L. */
    private static final CosNet[] NETS = {
            CosNet.freeScalar(1, 1.0, 10.0, 1.0, W / 2 + 3), CosNet.freeScalar(3, 1.0, 2.0, 1.0, W / 8),
            CosNet.cauchy(2.0, 1.0, W / 4 + 1), CosNet.freeScalar(2, 0.5, 4.0, 1.0, W + 5),
            CosNet.freeScalar(3, 1.0, 3.0, 2.0, 2 * W + 7), CosNet.freeScalar(4, 1.5, 2.0, 1.0, W - 1),
            CosNet.freeScalar(2, 1.0, 7.0, 1.0, 3 * W + L / 2 + 1), CosNet.cauchy(1.0, 1.0, W + 9),
            CosNet.cauchy(0.3, 1.0, 4 * W + 3)};

    @Test
    void everyLaneDrawsTheReferenceNeuronBitForBit() {
        FieldScratch scratch = new FieldScratch();
        float[] nu = new float[CosNet.NEURON_SIZE];
        for (CosNet net : NETS) {
            int dim = net.dimension();
            double[] hyper = net.kernelParameters(SinglePrecisionFieldTest.points(dim));
            for (long stream : new long[]{0, 5, EnsembleStreams.stream(77)}) {
                for (int i0 = 0; i0 < net.width(); i0 += W) {
                    CosNetLanesSingle.draw(hyper, net.width() - i0, dim, net.variant(), 9, stream, 2L * i0, scratch);
                    for (int l = 0; l < W; l++) {
                        int i = i0 + l;
                        CosNetSingle.drawNeuron(9, stream, 2L * i, hyper, dim, net.variant(), new int[4], new int[4],
                                nu);
                        String where = net + " stream " + stream + " neuron " + i;
                        float amp = i < net.width() ? nu[0] : 0.0f;
                        assertEquals(amp, scratch.neuronLanesSingle[l], where + " amplitude");
                        for (int j = 1; j < 2 + dim; j++) {
                            assertEquals(nu[j], scratch.neuronLanesSingle[j * W + l], where + " parameter " + j);
                        }
                    }
                }
            }
        }
    }

    @Test
    void fieldIsTheReferenceTermsSummedInLaneOrder() {
        // points with phases inside the reduced range, near it, and far beyond it (|w x| up to 1e8)
        for (double spread : new double[]{1.0, 3e4, 1e7}) {
            for (CosNet net : NETS) {
                for (int n = 0; n < 6; n++) {
                    assertLaneOrderField(net, points(net.dimension(), spread, n), EnsembleStreams.stream(n));
                }
            }
        }
    }

    @Test
    void narrowNetsTakeTheReferenceAndNanPointsGiveNan() {
        FieldScratch scratch = new FieldScratch();
        CosNet narrow = CosNet.freeScalar(3, 1.0, 3.0, 1.0, W / 8 - 1);
        double[][] pts = SinglePrecisionFieldTest.points(3);
        double[] flat = SinglePrecisionFieldTest.flatten(pts);
        double[] hyper = narrow.kernelParameters(pts);
        double[] ref = new double[pts.length];
        double[] fast = new double[pts.length];
        CosNetSingle.field(flat, pts.length, hyper, narrow.width(), 3, 1, 0, 4, 2, ref, scratch);
        CosNetLanesSingle.field(flat, pts.length, hyper, narrow.width(), 3, 1, 0, 4, 2, fast, scratch);
        for (int p = 0; p < pts.length; p++) {
            assertEquals(ref[p], fast[p], "narrow net, point " + p);
        }
        CosNet wide = CosNet.cauchy(1.0, 1.0, W + 1);
        double[] nan = {0.5, Double.NaN};
        CosNetLanesSingle.field(nan, 2, wide.kernelParameters(new double[][]{{0.5}, {1.0}}), wide.width(), 1, 1, 1,
                4, 2, fast, scratch);
        assertTrue(Double.isFinite(fast[0]) && Double.isNaN(fast[1]), fast[0] + ", " + fast[1]);
    }

    @Test
    void checkedTangentAndRootsAreTheReferenceFloats() {
        SplittableRandom random = new SplittableRandom(3);
        int[] edges = {0, 1, -1, -2, Integer.MAX_VALUE, Integer.MIN_VALUE, 1 << 30, (1 << 30) - 1, -(1 << 30)};
        int[] words = new int[W];
        float[] cauchy = new float[W];
        float[] radius = new float[W];
        double[] scratch = new double[W];
        for (int j = 0; j < 1_500_000 / W; j++) {
            for (int l = 0; l < W; l++) {
                int e = j * W + l;
                words[l] = e < edges.length ? edges[e] : random.nextInt();
            }
            FloatNeuronMath.cauchies(0.7f, words, 0, W, cauchy, 0, scratch);
            for (int l = 0; l < W; l++) {
                assertEquals(CosNetSingle.cauchy(0.7f, words[l]), cauchy[l], "tan, word " + words[l]);
            }
            for (int dim = 2; dim <= 4; dim++) {
                FloatNeuronMath.radii(1.3f, dim, words, 0, W, radius, 0, scratch);
                for (int l = 0; l < W; l++) {
                    assertEquals(1.3f * CosNetSingle.root(words[l], dim), radius[l], "root " + dim + ", " + words[l]);
                }
            }
        }
    }

    @Test
    void laneCotangentIsWithinAFewUlpsOfTheDoubleOne() {
        // the check in FloatNeuronMath needs 2^-46 relative; the lanes should hold a few 2^-53 on all of (0, pi/2]
        SplittableRandom random = new SplittableRandom(8);
        double[] v = new double[W];
        double[] exact = new double[W];
        double worst = 0.0;
        for (int j = 0; j < 20_000; j++) {
            for (int l = 0; l < W; l++) {
                float q = j == 0 && l < 3 ? new float[]{0.5f, 0.25f, 0x1p-33f}[l]
                        : PortableFloat.halfUnit(random.nextInt());
                v[l] = Math.PI * (double) q;
                exact[l] = 1.0 / StrictMath.tan(v[l]);
            }
            FloatNeuronMath.cotangents(v, W);
            for (int l = 0; l < W; l++) {
                worst = Math.max(worst, Math.abs(v[l] / exact[l] - 1.0));
            }
        }
        assertTrue(worst < 0x1p-50, "largest relative deviation " + worst);
    }

    @Test
    void laneCubeRootIsWithinAFewUlpsOfTheDoubleOne() {
        SplittableRandom random = new SplittableRandom(9);
        double[] x = new double[W];
        double[] exact = new double[W];
        double worst = 0.0;
        for (int j = 0; j < 20_000; j++) {
            for (int l = 0; l < W; l++) {
                x[l] = j == 0 && l < 4 ? new double[]{1.0, 0x1p-33, 0.5, 0.125}[l]
                        : PortableFloat.openUnit(random.nextInt());
                exact[l] = StrictMath.cbrt(x[l]);
            }
            FloatNeuronMath.cubeRoots(x, W);
            for (int l = 0; l < W; l++) {
                worst = Math.max(worst, Math.abs(x[l] / exact[l] - 1.0));
            }
        }
        assertTrue(worst < 0x1p-50, "largest relative deviation " + worst);
    }

    /** The fast field against the reference terms in the fast path's order, bit for bit. */
    private static void assertLaneOrderField(CosNet net, double[][] pts, long stream) {
        int dim = net.dimension();
        double[] flat = SinglePrecisionFieldTest.flatten(pts);
        double[] hyper = net.kernelParameters(pts);
        double[] fast = new double[pts.length];
        CosNetLanesSingle.field(flat, pts.length, hyper, net.width(), dim, 1, net.variant(), 3, stream, fast,
                new FieldScratch());
        float[][] lanes = new float[pts.length][L];
        float[] nu = new float[CosNet.NEURON_SIZE];
        for (int i = 0; i < net.width(); i++) {
            CosNetSingle.drawNeuron(3, stream, 2L * i, hyper, dim, net.variant(), new int[4], new int[4], nu);
            for (int p = 0; p < pts.length; p++) {
                float arg = nu[1];
                for (int k = 0; k < dim; k++) {
                    arg = Math.fma(nu[2 + k], (float) pts[p][k], arg);
                }
                lanes[p][i % L] = Math.fma(nu[0], PortableFloat.cos(arg), lanes[p][i % L]);
            }
        }
        for (int p = 0; p < pts.length; p++) {
            double sum = 0.0;
            for (int l = 0; l < L; l++) {
                sum += lanes[p][l];
            }
            assertEquals(sum, fast[p], net + " stream " + stream + " point " + p + " at " + pts[p][0]);
        }
    }

    /** Seven points (an odd count) whose coordinates reach {@code spread}, distinct for each n. */
    private static double[][] points(int dim, double spread, int n) {
        double[] xs = {0.0, 0.3, -1.1, 2.5, 1.0, -0.45, 0.77};
        double[][] pts = new double[xs.length][dim];
        for (int p = 0; p < xs.length; p++) {
            for (int k = 0; k < dim; k++) {
                pts[p][k] = xs[p] * spread * (1 + 0.1 * n) * (k % 2 == 0 ? 1 : -0.7);
            }
        }
        return pts;
    }
}
