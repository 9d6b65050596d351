package org.nnft.ensemble.arch;

import org.junit.jupiter.api.Test;
import org.nnft.engine.random.PortableMath;
import org.nnft.engine.random.RandomStreams;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The single-precision cos-net field against the double field of the same network (same seed and stream): field by
 * field within the rounding bound of docs/physics.md (A.6),
 * {@code |phi_s - phi_d| <= u sum_i R_i (C0 + C1 (pi + Lambda_i |x|_1) + K)}, C0 = 8, C1 = 2,
 * u = 2^-24, R_i the neuron's amplitude
 * radius (>= |a_i A(w_i)|), Lambda_i = Lambda (ball) or |w_i| (Cauchy), K the depth of the float neuron sum; and the
 * float fast path against the float scalar reference (the same terms bit for bit, summed in another order).
 */
class SinglePrecisionFieldTest {
    static final double U = 0x1p-24;
    static final double C0 = 8.0;
    static final double C1 = 2.0;
    private static final CosNet[] NETS = {
            CosNet.freeScalar(1, 1.0, 10.0, 1.0, 1), CosNet.freeScalar(1, 1.0, 10.0, 1.0, 3),
            CosNet.freeScalar(1, 0.5, 30.0, 1.0, 17), CosNet.freeScalar(1, 1.0, 10.0, 1.0, 1000),
            CosNet.freeScalar(2, 0.5, 4.0, 1.0, 7), CosNet.freeScalar(3, 1.0, 3.0, 2.0, 9),
            CosNet.freeScalar(4, 1.5, 2.0, 1.0, 20), CosNet.cauchy(1.0, 1.0, 13)};

    @Test
    void singleFieldIsWithinTheRoundingBoundOfTheDoubleField() {
        double worst = 0.0;
        for (CosNet net : NETS) {
            int dim = net.dimension();
            double[][] pts = points(dim);
            double[] flat = flatten(pts);
            double[] hyper = net.kernelParameters(pts);
            int networks = net.width() >= 1000 ? 20 : 400;
            for (int n = 0; n < networks; n++) {
                long stream = EnsembleStreams.stream(n);
                double[] single = new double[pts.length];
                double[] dbl = new double[pts.length];
                CosNet.fieldAt(flat, pts.length, hyper, net.width(), dim, net.variant(), 7, stream, dbl,
                        new int[4], new int[4], new double[CosNet.NEURON_SIZE]);
                CosNetSingle.fieldAt(flat, pts.length, hyper, net.width(), dim, net.variant(), 7, stream, single,
                        new int[4], new int[4], new float[CosNet.NEURON_SIZE], new float[pts.length]);
                for (int p = 0; p < pts.length; p++) {
                    double bound = bound(net, hyper, 7, stream, pts[p], net.width());
                    double dev = Math.abs(single[p] - dbl[p]);
                    assertTrue(dev <= bound, net + " network " + n + " point " + p + ": |single - double| = " + dev
                            + " > bound " + bound);
                    worst = Math.max(worst, dev / bound);
                }
            }
        }
        // the bound is a worst case; a field that took other words or lost a neuron would be off by O(1) instead
        assertTrue(worst > 1e-4, "largest deviation / bound " + worst + ": the single field is suspiciously exact");
    }

    @Test
    void fastPathGivesTheScalarReferenceTermsSummedInAnotherOrder() {
        FieldScratch scratch = new FieldScratch();
        for (CosNet net : NETS) {
            int dim = net.dimension();
            double[][] pts = points(dim);
            double[] flat = flatten(pts);
            double[] hyper = net.kernelParameters(pts);
            for (int n = 0; n < 20; n++) {
                long stream = EnsembleStreams.stream(n);
                double[] ref = new double[pts.length];
                double[] fast = new double[pts.length];
                CosNetSingle.field(flat, pts.length, hyper, net.width(), dim, 1, net.variant(), 3, stream, ref,
                        scratch);
                CosNetLanesSingle.field(flat, pts.length, hyper, net.width(), dim, 1, net.variant(), 3, stream, fast,
                        scratch);
                for (int p = 0; p < pts.length; p++) {
                    // both sums are within (depth) u sum |a_i| of the exact sum of the same float terms
                    double bound = 2 * U * net.width() * radii(net, hyper, 3, stream);
                    assertTrue(Math.abs(ref[p] - fast[p]) <= bound, net + " network " + n + " point " + p);
                }
            }
        }
    }

    static double[][] points(int dim) {
        double[][] pts = new double[5][dim];
        double[] xs = {0.0, 0.3, -1.1, 2.5, 3.0};
        for (int p = 0; p < pts.length; p++) {
            for (int k = 0; k < dim; k++) {
                pts[p][k] = xs[p] * (k % 2 == 0 ? 1 : -0.7);
            }
        }
        return pts;
    }

    static double[] flatten(double[][] pts) {
        int dim = pts[0].length;
        double[] flat = new double[pts.length * dim];
        for (int p = 0; p < pts.length; p++) {
            System.arraycopy(pts[p], 0, flat, p * dim, dim);
        }
        return flat;
    }

    /** The stated bound at point x for the network of {@code stream}, from its double neurons. */
    static double bound(CosNet net, double[] hyper, long seed, long stream, double[] x, int depth) {
        double norm1 = 0.0;
        for (double c : x) {
            norm1 += Math.abs(c);
        }
        double sum = 0.0;
        double[] nu = new double[CosNet.NEURON_SIZE];
        for (int i = 0; i < net.width(); i++) {
            CosNet.drawNeuron(seed, stream, 2L * i, hyper, net.dimension(), net.variant(), new int[4], new int[4], nu);
            double reach = net.density() == MomentumDensity.CAUCHY ? Math.abs(nu[2]) : hyper[1];
            sum += radius(net, hyper, seed, stream, i, nu) * (C0 + C1 * (Math.PI + reach * norm1) + depth);
        }
        return U * sum;
    }

    /** sum_i R_i of the network. */
    static double radii(CosNet net, double[] hyper, long seed, long stream) {
        double sum = 0.0;
        double[] nu = new double[CosNet.NEURON_SIZE];
        for (int i = 0; i < net.width(); i++) {
            CosNet.drawNeuron(seed, stream, 2L * i, hyper, net.dimension(), net.variant(), new int[4], new int[4], nu);
            sum += radius(net, hyper, seed, stream, i, nu);
        }
        return sum;
    }

    /** R_i = scale sqrt(-2 log u_0 / precision): the amplitude without the Box-Muller cosine. */
    static double radius(CosNet net, double[] hyper, long seed, long stream, int i, double[] nu) {
        int[] r = new int[4];
        RandomStreams.block(seed, stream, 2L * i, r);
        double precision = 1.0;
        if (net.density() == MomentumDensity.UNIFORM_BALL) {
            precision = hyper[0] * hyper[0];
            for (int k = 0; k < net.dimension(); k++) {
                precision += nu[2 + k] * nu[2 + k];
            }
        }
        return hyper[2] * Math.sqrt(-2.0 * PortableMath.log(RandomStreams.toOpenUnit(r[0])) / precision);
    }
}
