package org.nnft.ensemble.arch;

import org.nnft.theory.FiniteWidthCumulants;
import org.nnft.theory.NeuronMoments;
import org.nnft.theory.ShallowNet;
import org.nnft.theory.SingleNeuronExpectations;

/**
 * Finite-width predictions for {@link ShallowNetwork} beyond the closed-form kernel, from the
 * theory module's single-neuron expectations E_S. For outputs f_a = sum_i W1_ai h_i + b1_a with
 * i.i.d. W1 ~ N(0, sigma_W^2/N), one neuron's share of E[f_a f_b f_c f_d] is
 * (sigma_W^4/N^2)(d_ab d_cd + d_ac d_bd + d_ad d_bc) E_1234, so
 * <pre>
 *   G4_c = (sigma_W^4/N) [ (d_ab d_cd + d_ac d_bd + d_ad d_bc) E_1234
 *                          - d_ab d_cd E_12 E_34 - d_ac d_bd E_13 E_24 - d_ad d_bc E_14 E_23 ]
 * </pre>
 * which for one output is docs/physics.md A.1's (sigma_W^4/N)[3 E_1234 - E_12 E_34 - E_13 E_24 - E_14 E_23].
 * NaN where the theory module cannot compute E_S (ReLU and Erf beyond covariance rank 3).
 */
final class ShallowNetworkTheory {
    private ShallowNetworkTheory() {
    }

    /** Exact G4_c of the four sites (points and output components), or NaN where unknown. */
    static double connectedFourPoint(ShallowNetwork net, double[][] points, int[] components) {
        NeuronMoments e = expectations(net, points);
        if (e == null) {
            return Double.NaN;
        }
        int a = components[0], b = components[1], c = components[2], d = components[3];
        double ab = a == b && c == d ? 1 : 0, ac = a == c && b == d ? 1 : 0, ad = a == d && b == c ? 1 : 0;
        double s4 = Math.pow(net.sigmaW(), 4) / net.width();
        return s4 * ((ab + ac + ad) * e.expectation(0, 1, 2, 3)
                - ab * e.expectation(0, 1) * e.expectation(2, 3)
                - ac * e.expectation(0, 2) * e.expectation(1, 3)
                - ad * e.expectation(0, 3) * e.expectation(1, 2));
    }

    /**
     * Exact G6_c of six sites of a scalar network (docs/physics.md A.1, {@link FiniteWidthCumulants#g6Connected}),
     * NaN for vector outputs (their Kronecker structure is not implemented) or where E_S is unknown.
     */
    static double connectedSixPoint(ShallowNetwork net, double[][] points, int[] components) {
        if (net.outputDimension() != 1) {
            return Double.NaN;
        }
        NeuronMoments e = expectations(net, points);
        return e == null ? Double.NaN : FiniteWidthCumulants.g6Connected(e, net.sigmaW(), net.width());
    }

    /** The single-neuron expectations of the points, or null beyond the theory module's reach. */
    private static NeuronMoments expectations(ShallowNetwork net, double[][] points) {
        org.nnft.theory.Activation act = org.nnft.theory.Activation.valueOf(net.activation().name());
        try {
            return SingleNeuronExpectations.compute(new ShallowNet(act, net.sigmaW(), net.sigmaB(), net.inputDimension()), points);
        } catch (IllegalArgumentException beyondTheTheory) {
            return null;
        }
    }
}
