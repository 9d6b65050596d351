package org.nnft.ensemble.deform;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.Backends;
import org.nnft.engine.Precision;
import org.nnft.engine.random.PortableMath;
import org.nnft.engine.random.RandomStreams;
import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.arch.CosNetSingle;
import org.nnft.ensemble.arch.EnsembleStreams;
import org.nnft.ensemble.arch.MomentumDensity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The float grid field of the single-precision deformed kernels (docs/physics.md A.6): (1) it is the float field of
 * {@link CosNetSingle} at the grid's float nodes, bit for bit, on the scalar twin and the vector lanes; (2) each
 * network's log weight -S_int in single precision is within the stated bound B_S of the double one of the same
 * stream (and not equal to it); (3) both CPU paths give the same log weights and the same Metropolis chains, bit for
 * bit (the fast path's vector cosine is exact).
 */
class DeformSingleGridTest {
    private static final double U = 0x1p-24;
    private static final double C0 = 8.0;
    private static final double C1 = 2.0;
    private static final long SEED = 23;
    private static final CosNet[] NETS = {
            CosNet.freeScalar(1, 1.0, 6.0, 1.0, 20), CosNet.freeScalar(2, 0.8, 4.0, 1.0, 12),
            CosNet.freeScalar(3, 1.0, 3.0, 1.0, 9), CosNet.cauchy(1.0, 1.0, 15)};
    private static final double[][][] POINTS = {{{0}, {0.4}}, {{0, 0}, {0.5, -0.3}}, {{0, 0, 0}, {0.2, 0.1, -0.4}},
            {{0}, {0.7}}};

    private static Deformation deformation(CosNet net, double lambda) {
        int d = net.inputDimension();
        return new Deformation(Potential.phi4(lambda), IntegrationBox.cube(d, 3.0, 17));
    }

    /** The float node coordinates fma(j, h, y0) of the kernels, as row-major points. */
    private static double[] floatNodes(IntegrationBox box, double[] deform) {
        int dim = box.dimension();
        int n = box.pointsPerSide();
        double[] points = new double[box.nodeCount() * dim];
        for (int g = 0; g < box.nodeCount(); g++) {
            int rest = g;
            for (int k = dim - 1; k >= 0; k--) {
                int j = rest % n;
                rest /= n;
                points[g * dim + k] = Math.fma((float) j, (float) deform[7 + k], (float) deform[4 + k]);
            }
        }
        return points;
    }

    @Test
    void floatGridIsTheFloatFieldAtTheFloatNodesOnBothPaths() {
        for (CosNet net : NETS) {
            Deformation def = deformation(net, 1.0);
            IntegrationBox box = def.box();
            double[] deform = def.kernelParameters();
            int[] n = box.axisCounts();
            int nodes = box.nodeCount();
            int dim = net.inputDimension();
            double[] hyper = net.kernelParameters(POINTS[0]);
            double[] nodePoints = floatNodes(box, deform);
            float[] nu = new float[CosNet.NEURON_SIZE];
            for (int net0 = 0; net0 < 20; net0++) {
                long stream = EnsembleStreams.stream(net0);
                double[] expected = new double[nodes];
                CosNetSingle.fieldAt(nodePoints, nodes, hyper, net.width(), dim, net.variant(), SEED, stream,
                        expected, new int[4], new int[4], new float[CosNet.NEURON_SIZE], new float[nodes]);
                for (boolean lanes : new boolean[]{false, true}) {
                    float[] grid = new float[nodes];
                    float[] row = new float[GridField.rowSize(n[0], n[1], n[2])];
                    for (int i = 0; i < net.width(); i++) {
                        CosNetSingle.drawNeuron(SEED, stream, 2L * i, hyper, dim, net.variant(), new int[4],
                                new int[4], nu);
                        GridField.addNeuronSingle(grid, 0, nu, dim, deform, n[0], n[1], n[2], lanes, row);
                    }
                    for (int g = 0; g < nodes; g++) {
                        assertEquals(expected[g], grid[g], 0.0, net + " lanes " + lanes + " node " + g);
                    }
                }
            }
        }
    }

    /**
     * Per network (block size 1, one network per bin, so a bin's log reference is its network's log weight): |log
     * w_single - log w_double| <= B_S = cell sum_g [|V'(phi_g)| B_g + max|V''| B_g^2 / 2], with
     * B_g = u sum_i R_i [C0 + C1 (pi + Lambda_i (|y_g|_1 + |L|_1)) + N] (A.6, from the double network's neurons).
     */
    @Test
    void singleLogWeightIsTheDoubleOneWithinTheBound() {
        double worst = 0.0;
        for (int k = 0; k < NETS.length; k++) {
            CosNet net = NETS[k];
            int networks = 48;
            Deformation def = deformation(net, 3.0);
            EnsembleConfig config = EnsembleConfig.builder(net, POINTS[k]).maxOrder(2).networks(networks)
                    .blockSize(1).seed(SEED).jackknifeBins(networks).build();
            try (Backend cpu = DeformTesting.cpu()) {
                double[] logS = ReweightSampler.sample(config.withPrecision(Precision.SINGLE), def, cpu).bins()
                        .logShifts();
                double[] logD = ReweightSampler.sample(config, def, cpu).bins().logShifts();
                for (int net0 = 0; net0 < networks; net0++) {
                    long stream = EnsembleStreams.stream(net0);
                    double bound = logWeightBound(net, net.kernelParameters(POINTS[k]), def, stream, SEED);
                    double dev = Math.abs(logS[net0] - logD[net0]);
                    assertTrue(dev <= bound, net + " network " + net0 + ": |dlog w| = " + dev + " > " + bound);
                    worst = Math.max(worst, dev / bound);
                }
            }
        }
        // the single network really is float: its log weight is not the double one (measured: 5 % of the bound)
        assertTrue(worst > 1e-4, "largest deviation / bound " + worst + ": the single grid looks like double");
    }

    @Test
    void bothCpuPathsGiveTheSameLogWeightsAndChains() {
        try (Backend fast = DeformTesting.cpu();
             Backend scalar = Backends.named("cpu", BackendOptions.of("threads", "2", "scalar", "true"))) {
            for (int k = 0; k < NETS.length; k++) {
                Deformation def = deformation(NETS[k], 2.0);
                EnsembleConfig config = EnsembleConfig.builder(NETS[k], POINTS[k]).maxOrder(2).networks(40)
                        .blockSize(1).seed(SEED).jackknifeBins(40).precision(Precision.SINGLE).build();
                assertArrayEquals(ReweightSampler.sample(config, def, scalar).bins().logShifts(),
                        ReweightSampler.sample(config, def, fast).bins().logShifts(), 0.0, NETS[k].toString());
                McmcConfig m = McmcConfig.of(NETS[k], POINTS[k], 2, def, 4, 2, 6, 3)
                        .withPrecision(Precision.SINGLE);
                DeformedResult a = McmcSampler.sample(m, scalar);
                DeformedResult b = McmcSampler.sample(m, fast);
                assertEquals(a.acceptance(), b.acceptance());
                assertArrayEquals(a.estimates().moments(), b.estimates().moments(), 0.0, NETS[k].toString());
            }
        }
    }

    /** B_S of the network of {@code stream} (seed {@code seed}), from its double neurons. */
    static double logWeightBound(CosNet net, double[] hyper, Deformation def, long stream, long seed) {
        IntegrationBox box = def.box();
        double[] deform = def.kernelParameters();
        int[] n = box.axisCounts();
        int dim = net.inputDimension();
        int nodes = box.nodeCount();
        double[] phi = new double[nodes];
        double[] nu = new double[CosNet.NEURON_SIZE];
        double[] radius = new double[net.width()];
        double[] reach = new double[net.width()];
        for (int i = 0; i < net.width(); i++) {
            CosNet.drawNeuron(seed, stream, 2L * i, hyper, dim, net.variant(), new int[4], new int[4], nu);
            GridField.addNeuron(phi, 0, nu, 1.0, dim, deform, n[0], n[1], n[2]);
            radius[i] = radius(net, hyper, seed, stream, i, nu);
            reach[i] = net.density() == MomentumDensity.CAUCHY ? Math.abs(nu[2]) : hyper[1];
        }
        double sides = 0.0;
        for (double l : box.sides()) {
            sides += l;
        }
        double c2 = deform[0];
        double c4 = deform[1];
        double c6 = deform[2];
        double sum = 0.0;
        for (int g = 0; g < nodes; g++) {
            double norm1 = 0.0;
            for (double y : box.node(g)) {
                norm1 += Math.abs(y);
            }
            double b = 0.0;
            for (int i = 0; i < net.width(); i++) {
                b += radius[i] * (C0 + C1 * (Math.PI + reach[i] * (norm1 + sides)) + net.width());
            }
            b *= U;
            double p = Math.abs(phi[g]);
            double t = p + b;
            double first = Math.abs(p * (2 * c2 + p * p * (4 * c4 + 6 * c6 * p * p)));
            double second = Math.abs(2 * c2) + 12 * Math.abs(c4) * t * t + 30 * Math.abs(c6) * t * t * t * t;
            sum += first * b + 0.5 * second * b * b;
        }
        return deform[3] * sum;
    }

    /** R_i = scale sqrt(-2 log u_0 / precision), the amplitude without the Box-Muller cosine (>= |a_i|). */
    private static double radius(CosNet net, double[] hyper, long seed, long stream, int i, double[] nu) {
        int[] r = new int[4];
        RandomStreams.block(seed, stream, 2L * i, r);
        double precision = 1.0;
        if (net.density() == MomentumDensity.UNIFORM_BALL) {
            precision = hyper[0] * hyper[0];
            for (int k = 0; k < net.inputDimension(); k++) {
                precision += nu[2 + k] * nu[2 + k];
            }
        }
        return hyper[2] * Math.sqrt(-2.0 * PortableMath.log(RandomStreams.toOpenUnit(r[0])) / precision);
    }
}
