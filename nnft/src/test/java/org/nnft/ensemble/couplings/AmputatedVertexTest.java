package org.nnft.ensemble.couplings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.Backends;
import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.EnsembleResult;
import org.nnft.ensemble.EnsembleRun;
import org.nnft.theory.Activation;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.arch.ShallowNetwork;
import org.nnft.stats.Tuples;

import java.util.Arrays;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The amputated vertex against an independent amputation of the exact finite-width cos-net G4_c (ball, Cauchy). */
class AmputatedVertexTest {

    private static final CosNet COS = CosNet.freeScalar(1, 1.0, 10.0, 1.0, 4);

    /** -sum G4_c(x1..x4) prod K^-1(x_i, y_i) / prod v_y by Gauss-Jordan and nested loops. */
    private static double[][][][] directAmputation(CosNet net, double[][] p, double[] cell) {
        int m = p.length;
        double[][] a = new double[m][2 * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                a[i][j] = net.twoPoint(p[i], 0, p[j], 0);
            }
            a[i][m + i] = 1;
        }
        for (int c = 0; c < m; c++) {
            double pivot = a[c][c];
            for (int j = 0; j < 2 * m; j++) {
                a[c][j] /= pivot;
            }
            for (int r = 0; r < m; r++) {
                if (r != c) {
                    double f = a[r][c];
                    for (int j = 0; j < 2 * m; j++) {
                        a[r][j] -= f * a[c][j];
                    }
                }
            }
        }
        double[][][][] g4 = new double[m][m][m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                for (int k = 0; k < m; k++) {
                    for (int l = 0; l < m; l++) {
                        g4[i][j][k][l] = net.connectedFourPoint(new double[][]{p[i], p[j], p[k], p[l]}, new int[4]);
                    }
                }
            }
        }
        double[][][][] v = new double[m][m][m][m];
        for (int y1 = 0; y1 < m; y1++) {
            for (int y2 = 0; y2 < m; y2++) {
                for (int y3 = 0; y3 < m; y3++) {
                    for (int y4 = 0; y4 < m; y4++) {
                        double s = 0;
                        for (int i = 0; i < m; i++) {
                            for (int j = 0; j < m; j++) {
                                for (int k = 0; k < m; k++) {
                                    for (int l = 0; l < m; l++) {
                                        s += g4[i][j][k][l] * a[i][m + y1] * a[j][m + y2] * a[k][m + y3] * a[l][m + y4];
                                    }
                                }
                            }
                        }
                        v[y1][y2][y3][y4] = -s / (cell[y1] * cell[y2] * cell[y3] * cell[y4]);
                    }
                }
            }
        }
        return v;
    }

    /** The ball cos-net and the Cauchy cos-net (d = 1, G2 = exp(-m|t|)/(2m), finite-N G4_c in closed form). */
    static Stream<CosNet> cosNets() {
        return Stream.of(COS, CosNet.cauchy(1.0, 1.0, 4));
    }

    @ParameterizedTest
    @MethodSource("cosNets")
    void cosNetVertexEqualsTheAmputationOfTheExactFiniteWidthFourPointFunction(CosNet net) {
        double[][] p = {{0.0}, {0.5}, {1.0}, {1.5}, {2.0}};
        Tuples tuples = Tuples.allUpToOrder(p.length, 4);
        AmputatedVertex vertex = new AmputatedVertex(new double[]{0, 0.5, 1, 1.5, 2}, tuples);
        assertEquals(0.5, vertex.cellVolumes()[0], 0);
        AmputatedVertex.Result r = vertex.exact(QuarticCouplingsTest.exactMoments(net, p, tuples));
        assertNull(r.refusal());
        double[][][][] direct = directAmputation(net, p, vertex.cellVolumes());
        double scale = 0;
        for (QuarticCouplings.TupleCoupling t : r.vertex()) {
            int[] s = t.points();
            scale = Math.max(scale, Math.abs(direct[s[0]][s[1]][s[2]][s[3]]));
        }
        for (QuarticCouplings.TupleCoupling t : r.vertex()) {
            int[] s = t.points();
            assertEquals(direct[s[0]][s[1]][s[2]][s[3]], t.lambda().value(), 1e-9 * scale,
                    Arrays.toString(s));
        }
        assertTrue(r.locality().value() > 0 && r.locality().value() <= 1, "locality " + r.locality());
        assertTrue(r.condition() > 1 && r.condition() < 1e3, "condition " + r.condition());
    }

    @Test
    void sampledCosNetVertexAgreesWithinItsJackknifeErrors() {
        double[][] p = {{0.0}, {1.0}, {2.0}};
        EnsembleConfig config = EnsembleConfig.builder(COS, p).maxOrder(4).networks(80_000).seed(13).build();
        EnsembleResult ensemble;
        try (Backend cpu = Backends.named("cpu", BackendOptions.of("threads", "2"))) {
            ensemble = EnsembleRun.run(config, cpu);
        }
        AmputatedVertex vertex = new AmputatedVertex(new double[]{0, 1, 2}, ensemble.tuples());
        AmputatedVertex.Result measured = vertex.analyse(ensemble.moments());
        AmputatedVertex.Result exact = vertex.exact(QuarticCouplingsTest.exactMoments(COS, p, ensemble.tuples()));
        assertNull(measured.refusal());
        for (int k = 0; k < measured.vertex().size(); k++) {
            QuarticCouplings.Estimate e = measured.vertex().get(k).lambda();
            double x = exact.vertex().get(k).lambda().value();
            assertTrue(e.error() > 0 && Math.abs(e.value() - x) <= 5 * e.error(),
                    Arrays.toString(measured.vertex().get(k).points()) + ": " + e + " vs " + x);
        }
        QuarticCouplings.Estimate zero = measured.zeroMomentum();
        assertTrue(Math.abs(zero.value() - exact.zeroMomentum().value()) <= 5 * zero.error(),
                zero + " vs " + exact.zeroMomentum().value());
        // 80,000 networks: about -45.9 +- 2.0 against the exact -44.46 (locality 0.554 +- 0.007, exact 0.566)
        assertTrue(Math.abs(zero.value()) > 10 * zero.error(), "the zero-momentum vertex must be resolved: " + zero);
        assertTrue(Math.abs(measured.locality().value() - exact.locality().value()) <= 5 * measured.locality().error(),
                measured.locality() + " vs " + exact.locality().value());
    }

    @Test
    void rankOneTwoPointMatrixIsRefusedWithTheReason() {
        ShallowNetwork relu = ShallowNetwork.scalar(Activation.RELU, 1, 20, 1.0, 0.0);
        double[][] p = {{0.5}, {1.0}, {2.0}};
        Tuples tuples = Tuples.allUpToOrder(p.length, 4);
        AmputatedVertex.Result r = new AmputatedVertex(new double[]{0.5, 1, 2}, tuples)
                .exact(QuarticCouplingsTest.exactMoments(relu, p, tuples));
        assertNotNull(r.refusal());
        assertTrue(r.refusal().contains("rank 1"), r.refusal());
        assertTrue(r.vertex().isEmpty());
    }
}
