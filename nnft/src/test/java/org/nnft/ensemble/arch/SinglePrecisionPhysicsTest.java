package org.nnft.ensemble.arch;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.Backends;
import org.nnft.engine.Precision;
import org.nnft.ensemble.Correlator;
import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.EnsembleResult;
import org.nnft.ensemble.EnsembleRun;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cos-net physics checks in single precision: G2 equals the cutoff propagator (ball) or exp(-m|t|)/(2m)
 * (Cauchy) at every width, and the connected 4-point function equals the exact finite-N prediction, with tolerance 5
 * jackknife errors plus the rounding systematic of docs/physics.md (A.6): twice the mean, over the first 64
 * networks, of the moment bound {@code prod_j (|phi_j| + B_j) - prod_j |phi_j|} (for G4_c also that of the G2 G2
 * products it subtracts). The statistical errors here are 1e2 to 1e4 times that systematic, as they are in any
 * ensemble: single precision changes no physics a run can resolve.
 */
class SinglePrecisionPhysicsTest {
    private static final double SIGMAS = 5.0;
    private static final int BOUND_NETWORKS = 64;

    @Test
    void twoPointFunctionIsThePropagatorInSinglePrecision() {
        // widths 40 and 70 take the float lanes on vectors up to 2048 bits (CosNetLanesSingle from W/8 <= 32 up)
        for (CosNet net : new CosNet[]{CosNet.freeScalar(1, 1.0, 10.0, 1.0, 50), CosNet.freeScalar(2, 1.0, 4.0,
                0.7, 5), CosNet.freeScalar(3, 1.0, 3.0, 1.0, 70), CosNet.cauchy(1.5, 1.0, 20),
                CosNet.cauchy(0.8, 1.0, 40)}) {
            double[][] pts = SinglePrecisionFieldTest.points(net.dimension());
            EnsembleResult r = run(net, pts, 2, 20_000, 11);
            for (int i = 0; i < pts.length; i++) {
                for (int j = i; j < pts.length; j++) {
                    double systematic = 2 * momentBound(net, pts, new int[]{i, j}) + 1e-9;
                    check(r.atPoints(i, j), systematic, net + " G2(" + i + "," + j + ")");
                }
            }
        }
    }

    @Test
    void connectedFourPointIsTheExactFiniteWidthValueInSinglePrecision() {
        for (CosNet net : new CosNet[]{CosNet.freeScalar(1, 1.0, 3.0, 1.0, 3), CosNet.cauchy(1.2, 0.8, 2)}) {
            double[][] pts = {{0.0}, {0.4}, {1.1}, {-0.7}};
            EnsembleResult r = run(net, pts, 4, 100_000, 5);
            int[][] tuples = {{0, 0, 0, 0}, {0, 0, 1, 1}, {0, 1, 2, 3}, {0, 0, 1, 2}, {1, 2, 2, 3}};
            for (int[] t : tuples) {
                double systematic = momentBound(net, pts, t);
                int[][][] pairings = {{{t[0], t[1]}, {t[2], t[3]}}, {{t[0], t[2]}, {t[1], t[3]}},
                        {{t[0], t[3]}, {t[1], t[2]}}};
                for (int[][] pq : pairings) {
                    double a = Math.abs(r.atPoints(pq[0]).moment());
                    double b = Math.abs(r.atPoints(pq[1]).moment());
                    double da = momentBound(net, pts, pq[0]);
                    double db = momentBound(net, pts, pq[1]);
                    systematic += a * db + b * da + da * db;
                }
                check(r.atPoints(t), 2 * systematic + 1e-9, net + " G4_c" + Arrays.toString(t));
            }
            Correlator diagonal = r.atPoints(0, 0, 0, 0);
            assertTrue(Math.abs(diagonal.connected()) > 10 * diagonal.connectedError(),
                    net + ": the test needs a clearly non-zero G4_c, got " + diagonal);
        }
    }

    private static void check(Correlator c, double systematic, String what) {
        assertTrue(Double.isFinite(c.theory()) && c.connectedError() > 0, what + ": no theory value or error");
        double deviation = Math.abs(c.connected() - c.theory());
        assertTrue(deviation <= SIGMAS * c.connectedError() + systematic, what + ": measured " + c.connected()
                + " +- " + c.connectedError() + " (systematic " + systematic + ") vs theory " + c.theory());
    }

    /** Mean over the first networks of the single-vs-double bound on the product of the fields at {@code sites}. */
    static double momentBound(CosNet net, double[][] pts, int[] sites) {
        double[] flat = SinglePrecisionFieldTest.flatten(pts);
        double[] hyper = net.kernelParameters(pts);
        double[] phi = new double[pts.length];
        double sum = 0.0;
        for (int n = 0; n < BOUND_NETWORKS; n++) {
            long stream = EnsembleStreams.stream(n);
            CosNet.fieldAt(flat, pts.length, hyper, net.width(), net.dimension(), net.variant(), 7, stream, phi,
                    new int[4], new int[4], new double[CosNet.NEURON_SIZE]);
            double upper = 1.0;
            double exact = 1.0;
            for (int s : sites) {
                double b = SinglePrecisionFieldTest.bound(net, hyper, 7, stream, pts[s], net.width());
                upper *= Math.abs(phi[s]) + b;
                exact *= Math.abs(phi[s]);
            }
            sum += upper - exact;
        }
        return sum / BOUND_NETWORKS;
    }

    private static EnsembleResult run(CosNet net, double[][] pts, int maxOrder, long networks, long seed) {
        EnsembleConfig config = EnsembleConfig.builder(net, pts).maxOrder(maxOrder).networks(networks).seed(seed)
                .precision(Precision.SINGLE).build();
        try (Backend cpu = Backends.named("cpu", BackendOptions.of("threads", "2"))) {
            return EnsembleRun.run(config, cpu);
        }
    }
}
