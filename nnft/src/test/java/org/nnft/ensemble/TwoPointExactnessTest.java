package org.nnft.ensemble;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nnft.theory.Activation;
import org.nnft.ensemble.arch.Architecture;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.arch.ShallowNetwork;

import java.util.ArrayList;
import java.util.List;

import static org.nnft.ensemble.EnsembleTesting.assertMatchesTheory;
import static org.nnft.ensemble.EnsembleTesting.points;
import static org.nnft.ensemble.EnsembleTesting.run;

/**
 * G2 is exact at every width (docs/physics.md A.1, A.2): the measured connected 2-point function equals
 * the closed-form kernel / cutoff propagator at N = 3 and N = 100 within 5 jackknife errors, for
 * every architecture and several input dimensions; odd correlators vanish. Systematic: the
 * quadrature of the propagator, < 1e-9.
 */
class TwoPointExactnessTest {

    private static List<Architecture> architectures(int width) {
        List<Architecture> a = new ArrayList<>();
        for (int d = 1; d <= 3; d++) {
            a.add(CosNet.freeScalar(d, 1.0, 4.0, 0.7, width));
            a.add(ShallowNetwork.scalar(Activation.ERF, d, width, 1.3, 0.4));
            a.add(ShallowNetwork.scalar(Activation.RELU, d, width, 1.0, 0.5));
        }
        a.add(CosNet.freeScalar(4, 0.8, 3.0, 1.0, width));
        a.add(CosNet.cauchy(1.5, 1.0, width));
        a.add(ShallowNetwork.scalar(Activation.GAUSS, 2, width, 0.9, 0.3));
        a.add(ShallowNetwork.scalar(Activation.ERF, 5, width, 1.0, 0.2));
        return a;
    }

    @Tag("slow")
    @Test
    void twoPointFunctionIsTheKernelAtEveryWidth() {
        long seed = 11;
        for (int width : new int[]{3, 100}) {
            for (Architecture arch : architectures(width)) {
                double[][] pts = points(arch.inputDimension(), 0.0, 0.35, 1.1, -0.8);
                EnsembleResult r = run(arch, pts, 3, width == 3 ? 12_000 : 3_000, seed++);
                for (int i = 0; i < pts.length; i++) {
                    assertMatchesTheory(r.atPoints(i), 0, arch + " G1 at " + i);
                    for (int j = i; j < pts.length; j++) {
                        assertMatchesTheory(r.atPoints(i, j), 1e-9, arch + " G2(" + i + "," + j + ")");
                    }
                }
                assertMatchesTheory(r.atPoints(0, 1, 2), 0, arch + " G3");
            }
        }
    }
}
