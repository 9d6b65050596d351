package org.nnft.ensemble.arch;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;
import org.nnft.theory.Activation;
import org.nnft.theory.ContinuumPropagator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The numerical pieces behind the kernels and the theory values, against closed forms:
 * the portable erf against commons-math, the cos-net G2 against docs/physics.md A.2's G(0) in d = 1..4 and its
 * Lambda -> infinity limits (the continuum propagator, K0 by {@code ModifiedBesselK} in d = 2), and the kernel
 * sources' structure.
 */
class ArchitectureMathTest {

    @Test
    void portableErfIsAccurateToAFewUlp() {
        for (double x = -7; x <= 7; x += 0.001) {
            double expect = Erf.erf(x);
            assertEquals(expect, PortableErf.erf(x), 4e-15 * Math.max(Math.abs(expect), 1e-300) + 1e-300,
                    "erf(" + x + ")");
        }
        assertEquals(0.0, PortableErf.erf(0.0));
        assertEquals(1.0, PortableErf.erf(40.0));
    }

    @Test
    void propagatorAtCoincidentPointsMatchesClosedForms() {
        double m = 0.7;
        double lam = 3.5;
        double[] expected = {
            Math.atan(lam / m) / (Math.PI * m),
            Math.log(1 + lam * lam / (m * m)) / (4 * Math.PI),
            (lam - m * Math.atan(lam / m)) / (2 * Math.PI * Math.PI),
            (lam * lam - m * m * Math.log(1 + lam * lam / (m * m))) / (16 * Math.PI * Math.PI)};
        for (int d = 1; d <= 4; d++) {
            double[] origin = new double[d];
            assertEquals(expected[d - 1], CosNet.freeScalar(d, m, lam, 1, 3).twoPoint(origin, 0, origin, 0), 1e-13);
        }
    }

    @Test
    void propagatorApproachesTheContinuumAtLargeCutoff() {
        double m = 1.1;
        double lam = 2000;
        for (double r : new double[]{0.5, 1.3, 2.0}) {
            // tails: d = 1 |sin(Lambda r)| / (pi Lambda^2 r); d = 3 1 / (2 pi^2 r^2 Lambda)
            assertEquals(ContinuumPropagator.value(1, m, r), g(1, m, lam, r), 1 / (Math.PI * lam * lam * r));
            assertEquals(ContinuumPropagator.value(3, m, r), g(3, m, lam, r),
                    1 / (2 * Math.PI * Math.PI * r * r * lam));
            assertEquals(ContinuumPropagator.value(2, m, r), g(2, m, lam, r), 2e-4);
        }
    }

    /** The cos-net G2 at distance r along the last axis. */
    private static double g(int d, double m, double cutoff, double r) {
        double[] x = new double[d];
        x[d - 1] = r;
        return CosNet.freeScalar(d, m, cutoff, 1, 3).twoPoint(new double[d], 0, x, 0);
    }

    @Test
    void cosNetFourPointReducesToTheGaussianPartAtCoincidentPoints() {
        // d = 1 Cauchy: G4_c(x,x,x,x) = (1/N)[(3/2) 3 / (4 m^2) - 3 / (4 m^2)] = 9 / (8 N m^2) - 3 / (4 N m^2)
        CosNet net = CosNet.cauchy(2.0, 1.0, 5);
        double[][] x = {{0.3}, {0.3}, {0.3}, {0.3}};
        assertEquals((1.5 * 3 / 16.0 - 3 / 16.0) / 5, net.connectedFourPoint(x, new int[4]), 1e-15);
    }

    @Test
    void kernelSourcesDefineTheirEntryPoints() {
        for (Architecture a : new Architecture[]{CosNet.freeScalar(1, 1, 1, 1, 1),
                ShallowNetwork.scalar(Activation.RELU, 1, 1, 1, 1)}) {
            String src = a.kernel().source();
            assertTrue(src.contains("#define ENSEMBLE_KERNEL " + a.kernel().name()), a.kernel().name());
            assertTrue(src.contains("DEVICE void ens_field("));
            assertTrue(src.contains("KERNEL void ENSEMBLE_KERNEL("));
            assertTrue(src.indexOf("ens_erf") < src.indexOf("ens_field"), "helpers come first");
        }
    }
}
