package org.nnft.ensemble.arch;

import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The numerical pieces behind the kernels and the theory values, against closed forms:
 * the portable erf against commons-math, the momentum quadrature against docs/physics.md A.2's G(0)
 * in d = 1..4 and its Lambda -> infinity limits, and the kernel sources' structure.
 */
class ArchitectureMathTest {

    @Test
    void portableErfIsAccurateToAFewUlp() {
        for (double x = -7; x <= 7; x += 0.001) {
            double expect = Erf.erf(x);
            assertEquals(expect, PortableErf.erf(x), 4e-15 * Math.max(Math.abs(expect), 1e-300) + 1e-300, "erf(" + x + ")");
        }
        assertEquals(0.0, PortableErf.erf(0.0));
        assertEquals(1.0, PortableErf.erf(40.0));
    }

    @Test
    void propagatorAtCoincidentPointsMatchesClosedForms() {
        double m = 0.7;
        double lam = 3.5;
        java.util.function.DoubleUnaryOperator prop = p -> 1 / (p * p + m * m);
        assertEquals(Math.atan(lam / m) / (Math.PI * m), RadialIntegral.ofBall(1, lam, 0, prop), 1e-13);
        assertEquals(Math.log(1 + lam * lam / (m * m)) / (4 * Math.PI), RadialIntegral.ofBall(2, lam, 0, prop), 1e-13);
        assertEquals((lam - m * Math.atan(lam / m)) / (2 * Math.PI * Math.PI), RadialIntegral.ofBall(3, lam, 0, prop), 1e-13);
        double d4 = (lam * lam - m * m * Math.log(1 + lam * lam / (m * m))) / (16 * Math.PI * Math.PI);
        assertEquals(d4, RadialIntegral.ofBall(4, lam, 0, prop), 1e-13);
    }

    @Test
    void propagatorApproachesTheContinuumAtLargeCutoff() {
        double m = 1.1;
        double lam = 2000;
        java.util.function.DoubleUnaryOperator prop = p -> 1 / (p * p + m * m);
        for (double r : new double[]{0.5, 1.3, 2.0}) {
            // tails: d = 1 |sin(Lambda r)| / (pi Lambda^2 r); d = 3 1 / (2 pi^2 r^2 Lambda)
            assertEquals(Math.exp(-m * r) / (2 * m), RadialIntegral.ofBall(1, lam, r, prop), 1 / (Math.PI * lam * lam * r));
            assertEquals(Math.exp(-m * r) / (4 * Math.PI * r), RadialIntegral.ofBall(3, lam, r, prop),
                    1 / (2 * Math.PI * Math.PI * r * r * lam));
            assertEquals(besselK0(m * r) / (2 * Math.PI),
                    RadialIntegral.ofBall(2, lam, r, prop), 2e-4);
        }
    }

    /** K0(x) = int_0^inf exp(-x cosh t) dt by the trapezoid rule. */
    private static double besselK0(double x) {
        double h = 1e-3;
        double s = 0.5 * Math.exp(-x);
        for (double t = h; t < 20; t += h) {
            s += Math.exp(-x * Math.cosh(t));
        }
        return s * h;
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
