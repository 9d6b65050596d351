package org.nnft.ensemble.arch;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.Backends;
import org.nnft.engine.Precision;
import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.EnsembleResult;
import org.nnft.ensemble.EnsembleRun;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The moment bound of docs/physics.md (A.6): a single-precision ensemble and the double ensemble of the same seed
 * (the same networks) differ in every raw moment E[phi_1 .. phi_n] by at most the mean over networks of
 * {@code prod_j (|phi_j| + B_j) - prod_j |phi_j|}, B_j the per-field bound of {@link SinglePrecisionFieldTest}, on the
 * CPU fast path and on the scalar reference; and they do differ (the single kernel really runs in float).
 */
class SinglePrecisionMomentTest {

    @Test
    void singleMomentsAreWithinTheRoundingBoundOfTheDoubleMoments() {
        for (CosNet net : new CosNet[]{CosNet.freeScalar(1, 1.0, 10.0, 1.0, 40), CosNet.freeScalar(2, 0.5, 4.0,
                1.0, 9), CosNet.cauchy(1.0, 1.0, 11)}) {
            double[][] pts = SinglePrecisionFieldTest.points(net.dimension());
            int networks = 128;
            EnsembleConfig config = EnsembleConfig.builder(net, pts).maxOrder(4).networks(networks).blockSize(16)
                    .seed(7).jackknifeBins(8).build();
            double[] flat = SinglePrecisionFieldTest.flatten(pts);
            double[] hyper = net.kernelParameters(pts);
            double[][] phi = new double[networks][pts.length];
            double[][] bound = new double[networks][pts.length];
            for (int n = 0; n < networks; n++) {
                long stream = EnsembleStreams.stream(n);
                CosNet.fieldAt(flat, pts.length, hyper, net.width(), net.dimension(), net.variant(), 7, stream,
                        phi[n], new int[4], new int[4], new double[CosNet.NEURON_SIZE]);
                for (int p = 0; p < pts.length; p++) {
                    bound[n][p] = SinglePrecisionFieldTest.bound(net, hyper, 7, stream, pts[p], net.width());
                }
            }
            for (String scalar : new String[]{"false", "true"}) {
                EnsembleResult dbl = run(config, scalar);
                EnsembleResult single = run(config.withPrecision(Precision.SINGLE), scalar);
                assertNotEquals(dbl.moments(), single.moments(), net + ": single must not be the double kernel");
                for (int t = 0; t < config.tuples().size(); t++) {
                    int[] sites = config.tuples().tuple(t);
                    double allowed = 0.0;
                    for (int n = 0; n < networks; n++) {
                        double upper = 1.0;
                        double exact = 1.0;
                        for (int s : sites) {
                            upper *= Math.abs(phi[n][s]) + bound[n][s];
                            exact *= Math.abs(phi[n][s]);
                        }
                        allowed += (upper - exact) / networks;
                    }
                    double dev = Math.abs(single.correlator(sites).moment() - dbl.correlator(sites).moment());
                    assertTrue(dev <= allowed, net + " scalar=" + scalar + " tuple " + Arrays.toString(sites)
                            + ": |single - double| = " + dev + " > bound " + allowed);
                }
            }
        }
    }

    private static EnsembleResult run(EnsembleConfig config, String scalar) {
        try (Backend cpu = Backends.named("cpu", BackendOptions.of("threads", "2", "scalar", scalar))) {
            return EnsembleRun.run(config, cpu);
        }
    }
}
