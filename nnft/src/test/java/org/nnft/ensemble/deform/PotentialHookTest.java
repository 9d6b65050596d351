package org.nnft.ensemble.deform;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.EnsembleSample;
import org.nnft.ensemble.EnsembleSampler;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.stats.JackknifeResult;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Other local potentials plug into the same hook: (g/6!) phi^6 in d = 1 shifts G2 at first order by
 * {@code -(g/6!) int kappa(phi1, phi2, phi(y)^6)}, whose N = infinity part is the two-loop tadpole
 * {@code -(g/8) G(0)^2 int G G} (90 pairings: 6 x 5 ways to join phi1, phi2 to phi(y)^6, 3 to pair the
 * other four; 90/6! = 1/8) and whose O(1/N) part {@link FirstOrderShift} adds. g = 0.2 keeps O(g^2)
 * far below the 7 % statistical error; systematic: the O(1/N^2) remainder,
 * estimated as (O(1/N) part)^2 / (N = infinity part).
 */
class PotentialHookTest {

    @Tag("slow")
    @Test
    void phiSixthShiftMatchesItsFirstOrderDiagrams() {
        CosNet net = CosNet.freeScalar(1, 1.0, 2.0, 1.0, 200);
        double[][] points = {{0}, {0.5}};
        double g = 0.2;
        Deformation def = new Deformation(Potential.phi6(g), IntegrationBox.cube(1, 3.0, 24));
        FirstOrderShift withWidth = FirstOrderShift.of(net, def);
        FirstOrderShift infinite = FirstOrderShift.infiniteWidth(net, def);
        double g0 = net.twoPoint(points[0], 0, points[0], 0);
        double bubble = 0;
        for (int n = 0; n < def.box().nodeCount(); n++) {
            double[] y = def.box().node(n);
            bubble += def.box().cellVolume() * net.twoPoint(points[0], 0, y, 0) * net.twoPoint(y, 0, points[1], 0);
        }
        assertEquals(-g / 8 * g0 * g0 * bubble, infinite.connected(points[0], points[1]), 1e-12 * g * bubble);
        EnsembleConfig config = EnsembleConfig.builder(net, points).maxOrder(2).networks(40_000).blockSize(128)
                .seed(21).jackknifeBins(50).build();
        try (Backend cpu = DeformTesting.cpu()) {
            EnsembleSample free = EnsembleSampler.sample(config, cpu);
            ReweightSample rw = ReweightSampler.sample(config, def, cpu);
            for (int[] p : new int[][]{{0, 0}, {0, 1}}) {
                double[] a = points[p[0]];
                double[] b = points[p[1]];
                double predicted = withWidth.connected(a, b);
                double widthPart = predicted - infinite.connected(a, b);
                JackknifeResult shift = DeformTesting.shift(free, new ReweightSample[]{rw}, new double[]{1},
                        config.tuples().requireIndexOf(p));
                DeformTesting.assertAgrees(shift, predicted, widthPart * widthPart / Math.abs(predicted - widthPart),
                        "phi^6 dG2" + Arrays.toString(p));
            }
        }
    }
}
