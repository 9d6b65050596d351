package org.nnft.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Test;

class ShallowNetTheoryTest {

    private static final Activation[] ALL = Activation.values();

    @Test
    void kernelIsSymmetricAndItsGramMatrixPositiveSemidefinite() {
        Random random = new Random(11);
        for (Activation act : ALL) {
            ShallowNetTheory net = new ShallowNetTheory(act, 1.3, 0.7, 3);
            double[][] x = new double[12][3];
            for (double[] p : x) {
                for (int k = 0; k < 3; k++) {
                    p[k] = random.nextGaussian();
                }
            }
            double[][] gram = new double[x.length][x.length];
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < x.length; j++) {
                    gram[i][j] = net.kernel(x[i], x[j]);
                    assertEquals(gram[i][j], net.kernel(x[j], x[i]), 1e-15, act + " symmetry");
                }
            }
            double[] eig = new EigenDecomposition(new Array2DRowRealMatrix(gram)).getRealEigenvalues();
            double max = 0, min = Double.MAX_VALUE;
            for (double v : eig) {
                max = Math.max(max, v);
                min = Math.min(min, v);
            }
            assertTrue(min > -1e-12 * max, act + " Gram matrix min eigenvalue " + min);
        }
    }

    @Test
    void specialValues() {
        double sw = 1.4, sb = 0.6;
        double[] x = {0.3, -1.2};
        // ReLU at x = x': sigma_b^2 + sigma_W^2 <x,x>/2
        ShallowNetTheory relu = new ShallowNetTheory(Activation.RELU, sw, sb, 2);
        double xx = sb * sb + sw * sw * (0.09 + 1.44) / 2;
        assertEquals(sb * sb + sw * sw * xx / 2, relu.kernel(x, x), 1e-14);
        // Erf at x = x' = 0: z = b0, E[erf(b0)^2] = (2/pi) asin(2 sb^2 / (1 + 2 sb^2))
        ShallowNetTheory erf = new ShallowNetTheory(Activation.ERF, sw, sb, 2);
        double[] zero = {0, 0};
        assertEquals(sb * sb + sw * sw * (2 / Math.PI) * Math.asin(2 * sb * sb / (1 + 2 * sb * sb)),
                erf.kernel(zero, zero), 1e-15);
        // Erf with sigma_b = 0 at x = 0: z = 0 identically, K = 0
        assertEquals(0, new ShallowNetTheory(Activation.ERF, sw, 0, 2).kernel(zero, zero), 0);
        // Gauss-net at x = x': sigma_b^2 + sigma_W^2
        ShallowNetTheory gauss = new ShallowNetTheory(Activation.GAUSS, sw, sb, 2);
        assertEquals(sb * sb + sw * sw, gauss.kernel(x, x), 1e-15);
        // ReLU at antipodal inputs with no bias: t = pi, K = sigma_W^2 <x,x> sin(pi)/2pi = 0
        assertEquals(0, new ShallowNetTheory(Activation.RELU, sw, 0, 2).kernel(x, new double[] {-0.3, 1.2}), 1e-15);
    }

    @Test
    void badInputIsRejectedNamingTheParameter() {
        assertThrows(IllegalArgumentException.class, () -> new ShallowNetTheory(Activation.ERF, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ShallowNetTheory(Activation.ERF, Double.NaN, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ShallowNetTheory(Activation.ERF, 1, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ShallowNetTheory(Activation.ERF, 1, 1, 0));
        ShallowNetTheory net = new ShallowNetTheory(Activation.RELU, 1, 1, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.kernel(new double[] {1}, new double[] {1, 2}));
        assertTrue(e.getMessage().contains("dimension 2"));
        assertThrows(IllegalArgumentException.class,
                () -> net.kernel(new double[] {1, Double.NaN}, new double[] {1, 2}));
    }
}
