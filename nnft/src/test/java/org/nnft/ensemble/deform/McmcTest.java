package org.nnft.ensemble.deform;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nnft.engine.Backend;
import org.nnft.engine.Precision;
import org.nnft.ensemble.Correlator;
import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.arch.CosNet;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parameter-space Metropolis sampler. (1) Without interaction every proposal is accepted, each
 * sweep is a fresh free network, and G2 and G4_c are the free cos-net's exact values (4 sigma).
 * (2) At lambda = 2 in d = 1 (a 20 % shift of G2, ESS above 90 %) reweighting and MCMC, two
 * independent estimates of the same deformed ensemble, agree within 4 combined sigma, and both
 * differ from the free values. (3) Results depend on the seed only, not on the launch chunking.
 */
class McmcTest {

    private static final double[][] POINTS = {{0}, {0.5}};

    @ParameterizedTest
    @EnumSource(Precision.class)
    void withoutInteractionChainsSampleTheFreeEnsemble(Precision precision) {
        CosNet net = CosNet.freeScalar(1, 1.0, 2.0, 1.0, 20);
        Deformation zero = new Deformation(Potential.phi4(0), IntegrationBox.cube(1, 3.0, 24));
        try (Backend cpu = DeformTesting.cpu()) {
            DeformedResult r = McmcSampler.sample(McmcConfig.of(net, POINTS, 4, zero, 16, 0, 1000, 5)
                    .withPrecision(precision), cpu);
            assertEquals(1.0, r.acceptance());
            assertTrue(Math.abs(r.tauIntPhi2() - 0.5) < 0.1, "tau_int " + r.tauIntPhi2());
            double g0 = net.twoPoint(POINTS[0], 0, POINTS[0], 0);
            int[][] tuples = {{0, 0}, {0, 1}, {0, 0, 0, 0}, {0, 0, 1, 1}};
            for (int[] t : tuples) {
                Correlator c = r.atPoints(t);
                double[][] x = new double[t.length][];
                for (int j = 0; j < t.length; j++) {
                    x[j] = POINTS[t[j]];
                }
                double exact = t.length == 2 ? net.twoPoint(x[0], 0, x[1], 0) : net.connectedFourPoint(x, new int[4]);
                double rounding = precision == Precision.SINGLE ? 2e-4 * (t.length == 2 ? g0 : g0 * g0) : 0.0;
                assertTrue(Math.abs(c.connected() - exact) <= DeformTesting.SIGMAS * c.connectedError() + rounding,
                        precision.label() + " " + Arrays.toString(t) + ": " + c.connected() + " +- "
                                + c.connectedError() + " vs " + exact);
            }
        }
    }

    @Tag("slow")
    @ParameterizedTest
    @EnumSource(Precision.class)
    void mcmcAgreesWithReweighting(Precision precision) {
        CosNet net = CosNet.freeScalar(1, 1.0, 2.0, 1.0, 50);
        Deformation def = new Deformation(Potential.phi4(2.0), IntegrationBox.cube(1, 3.0, 24));
        EnsembleConfig config = EnsembleConfig.builder(net, POINTS).maxOrder(4).networks(20_000).blockSize(100)
                .seed(12).jackknifeBins(40).precision(precision).build();
        try (Backend cpu = DeformTesting.cpu()) {
            DeformedResult rw = ReweightSampler.sample(config, def, cpu).result();
            DeformedResult mc = McmcSampler.sample(McmcConfig.of(net, POINTS, 4, def, 32, 20, 400, 13)
                    .withPrecision(precision), cpu);
            assertTrue(rw.effectiveSampleSize() > 0.9 * rw.samples(), "ESS " + rw.effectiveSampleSize());
            assertTrue(mc.acceptance() > 0.5 && mc.acceptance() < 1, "acceptance " + mc.acceptance());
            assertTrue(mc.tauIntAction() > 0.3 && mc.tauIntAction() < 20, "tau_int " + mc.tauIntAction());
            int[][] tuples = {{0, 0}, {0, 1}, {0, 0, 0, 0}, {0, 0, 1, 1}};
            for (int[] t : tuples) {
                Correlator a = rw.atPoints(t);
                Correlator b = mc.atPoints(t);
                double sigma = Math.hypot(a.connectedError(), b.connectedError());
                String what = Arrays.toString(t) + ": reweight " + a.connected() + " +- " + a.connectedError()
                        + ", mcmc " + b.connected() + " +- " + b.connectedError();
                assertTrue(Math.abs(a.connected() - b.connected()) <= DeformTesting.SIGMAS * sigma, what);
            }
            double free = net.twoPoint(POINTS[0], 0, POINTS[0], 0);
            Correlator g2 = mc.atPoints(0, 0);
            assertTrue(free - g2.connected() > 10 * g2.connectedError(), "the deformation must move G2: " + g2);
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void resultsDependOnTheSeedNotOnLaunchChunks(Precision precision) {
        CosNet net = CosNet.freeScalar(2, 1.0, 3.0, 1.0, 10);
        Deformation def = new Deformation(Potential.phi4(1.0), IntegrationBox.cube(2, 2.0, 5));
        double[][] p = {{0, 0}, {0.3, 0.1}};
        McmcConfig a = McmcConfig.of(net, p, 2, def, 4, 3, 10, 9).withPrecision(precision);
        McmcConfig b = new McmcConfig(net, p, a.tuples(), def, 4, 3, 10, 9, 4, precision);
        try (Backend cpu = DeformTesting.cpu()) {
            DeformedResult ra = McmcSampler.sample(a, cpu);
            DeformedResult rb = McmcSampler.sample(b, cpu);
            assertArrayEquals(ra.estimates().moments(), rb.estimates().moments(), 0.0);
            assertEquals(ra.acceptance(), rb.acceptance());
        }
    }
}
