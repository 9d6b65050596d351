package org.nnft.lattice.learn;

import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.geometry.Lattice;

import java.util.Arrays;

/**
 * The parameters theta of the Markov-random-field model (docs/physics.md B.4) as one vector, and the features
 * {@code dS/dtheta} of a configuration. Layout: {@code [w_0 .. w_{dV-1} | a_0 .. a_{V-1} | b_0 .. b_{V-1}]}
 * with the link numbering of {@link Lattice}. Since S is linear in theta, {@code S(phi; theta) = theta . f(phi)}
 * with {@code f = (-phi_x phi_{x+mu}, phi_x^2, phi_x^4)}. Diagonal couplings and the linear term are not
 * parameters (they stay zero).
 */
public final class CouplingParameters {
    private CouplingParameters() {
    }

    /** Number of parameters {@code dV + 2V}. */
    public static int count(Lattice lattice) {
        return lattice.links() + 2 * lattice.volume();
    }

    /** theta of {@code c} (its w, a, b). */
    public static double[] toVector(Couplings c) {
        Lattice l = c.lattice();
        double[] theta = new double[count(l)];
        System.arraycopy(c.linkWeights(), 0, theta, 0, l.links());
        System.arraycopy(c.quadratic(), 0, theta, l.links(), l.volume());
        System.arraycopy(c.quartic(), 0, theta, l.links() + l.volume(), l.volume());
        return theta;
    }

    /** Nearest-neighbour couplings with the w, a, b of {@code theta}. */
    public static Couplings fromVector(Lattice l, double[] theta) {
        if (theta.length != count(l)) {
            throw new IllegalArgumentException("theta must have " + count(l) + " entries, got " + theta.length);
        }
        int links = l.links();
        int v = l.volume();
        return new Couplings(l, Arrays.copyOfRange(theta, 0, links),
                Arrays.copyOfRange(theta, links, links + v),
                Arrays.copyOfRange(theta, links + v, links + 2 * v));
    }

    /** Writes {@code f = dS/dtheta} of configuration {@code phi} into {@code out}. */
    public static void features(Lattice l, double[] phi, double[] out) {
        int d = l.dim();
        int links = l.links();
        int v = l.volume();
        for (int x = 0; x < v; x++) {
            double p = phi[x];
            for (int mu = 0; mu < d; mu++) {
                out[x * d + mu] = -p * phi[l.neighbour(x, mu)];
            }
            double p2 = p * p;
            out[links + x] = p2;
            out[links + v + x] = p2 * p2;
        }
    }

    /** The features of every sample, {@code [n][count]}. */
    public static double[][] features(Lattice l, double[][] samples) {
        double[][] f = new double[samples.length][count(l)];
        for (int n = 0; n < samples.length; n++) {
            features(l, samples[n], f[n]);
        }
        return f;
    }
}
