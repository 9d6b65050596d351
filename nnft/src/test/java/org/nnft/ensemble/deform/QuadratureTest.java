package org.nnft.ensemble.deform;

import org.junit.jupiter.api.Test;
import org.nnft.ensemble.arch.CosNet;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The grid action against the analytic box integral of a small cos-net. For
 * {@code phi = sum_i A_i cos(w_i.y + c_i)}, {@code int_box phi^4} is the sum over 4-tuples of neurons
 * of {@code (1/8) sum_{s in {+-1}^3} A_i A_j A_k A_l cos(C_s) prod_k L_k sinc(K_s,k L_k / 2)} with
 * {@code K_s = w_i + s_1 w_j + s_2 w_k + s_3 w_l}, C_s likewise (the box is centred, so the sine
 * parts vanish). The midpoint rule converges as h^2: the error must shrink about fourfold when n doubles.
 */
class QuadratureTest {

    @Test
    void gridActionConvergesToTheSincForm() {
        for (int d = 1; d <= 3; d++) {
            CosNet net = CosNet.freeScalar(d, 1.0, 3.0, 1.0, 4);
            double[] sides = {2.0, 1.5, 1.2};
            double[] box = Arrays.copyOf(sides, d);
            double[][] neurons = neurons(net, 21);
            double exact = sincQuartic(neurons, box, d);
            int n = d == 3 ? 24 : 48;
            double coarse = gridQuartic(neurons, new IntegrationBox(box, n), d);
            double fine = gridQuartic(neurons, new IntegrationBox(box, 2 * n), d);
            double errCoarse = Math.abs(coarse - exact);
            double errFine = Math.abs(fine - exact);
            assertTrue(errFine < 2e-3 * Math.abs(exact), "d=" + d + ": grid " + fine + " vs sinc " + exact);
            double ratio = errCoarse / errFine;
            assertTrue(ratio > 3.5 && ratio < 4.5, "d=" + d + ": midpoint error ratio " + ratio + ", expected ~4");
        }
    }

    @Test
    void potentialsAndBoxesValidateTheirInputs() {
        assertEquals(2.0 / 24.0, Potential.phi4(2.0).quartic());
        assertEquals(0.5 * 0.3, Potential.massShift(0.3).quadratic());
        assertEquals(1.0 / 720.0, Potential.phi6(1.0).sextic());
        assertEquals(0.5 * 4 + 2.0 / 24 * 16, new Potential(0.5, 2.0 / 24, 0).value(2.0), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Potential.phi4(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> IntegrationBox.cube(4, 1.0, 8));
        assertThrows(IllegalArgumentException.class, () -> IntegrationBox.cube(1, -1.0, 8));
        assertThrows(IllegalArgumentException.class, () -> IntegrationBox.cube(2, 1.0, 0));
        assertThrows(IllegalArgumentException.class, () -> IntegrationBox.cube(3, 1.0, 200));
        IntegrationBox b = IntegrationBox.cube(2, 2.0, 4);
        assertEquals(16, b.nodeCount());
        assertEquals(0.25, b.cellVolume());
        assertEquals(-0.75, b.node(0)[0]);
        assertEquals(0.75, b.node(15)[1]);
        assertEquals(-0.25, b.node(6)[0]);
        assertEquals(0.25, b.node(6)[1]);
    }

    private static double[][] neurons(CosNet net, long seed) {
        double[] hyper = net.kernelParameters(new double[][]{new double[net.inputDimension()]});
        double[][] nu = new double[net.width()][CosNet.NEURON_SIZE];
        for (int i = 0; i < net.width(); i++) {
            CosNet.drawNeuron(seed, 5, 2L * i, hyper, net.inputDimension(), net.variant(),
                    new int[4], new int[4], nu[i]);
        }
        return nu;
    }

    private static double gridQuartic(double[][] neurons, IntegrationBox box, int d) {
        Deformation def = new Deformation(Potential.phi4(24.0), box);
        double[] grid = new double[box.nodeCount()];
        int[] n = box.axisCounts();
        for (double[] nu : neurons) {
            GridField.addNeuron(grid, 0, nu, 1.0, d, def.kernelParameters(), n[0], n[1], n[2]);
        }
        return def.action(grid);
    }

    private static double sincQuartic(double[][] nu, double[] box, int d) {
        int n = nu.length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    for (int l = 0; l < n; l++) {
                        double amp = nu[i][0] * nu[j][0] * nu[k][0] * nu[l][0] / 8;
                        for (int s = 0; s < 8; s++) {
                            double s1 = (s & 1) == 0 ? 1 : -1, s2 = (s & 2) == 0 ? 1 : -1, s3 = (s & 4) == 0 ? 1 : -1;
                            double c = nu[i][1] + s1 * nu[j][1] + s2 * nu[k][1] + s3 * nu[l][1];
                            double term = amp * Math.cos(c);
                            for (int a = 0; a < d; a++) {
                                double kk = nu[i][2 + a] + s1 * nu[j][2 + a] + s2 * nu[k][2 + a] + s3 * nu[l][2 + a];
                                term *= box[a] * sinc(kk * box[a] / 2);
                            }
                            sum += term;
                        }
                    }
                }
            }
        }
        return sum;
    }

    private static double sinc(double z) {
        return Math.abs(z) < 1e-8 ? 1 - z * z / 6 : Math.sin(z) / z;
    }
}
