package org.nnft.lattice.measure;

import org.nnft.lattice.action.Phi4Action;
import org.nnft.lattice.geometry.Lattice;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-configuration observables (docs/physics.md B.3), one row per measurement in the order of {@link #names}:
 * <ul>
 *   <li>{@code m} = (1/V) sum phi, {@code absM} = |m|, {@code m2} = m^2, {@code m4} = m^4;</li>
 *   <li>{@code phi2}, {@code phi4}: site averages of phi^2, phi^4;</li>
 *   <li>{@code action} = S/V, {@code s2} = S2/V, {@code s4} = S4/V, {@code s1} = S1/V (split of
 *       {@link Phi4Action}, so {@code <2 s2 + 4 s4 + s1> = 1}; s1 = 0 without a linear term);</li>
 *   <li>{@code nn}: average of phi_x phi_{x+mu} over the dV links (unweighted);</li>
 *   <li>{@code phiDs}: (1/V) sum_x phi_x dS/dphi_x (expectation 1);</li>
 *   <li>{@code C0..C(L-1)}: zero-momentum correlator along direction d-1 ("time"):
 *       {@code C(t) = (1/V) sum_t0 Sigma(t0) Sigma(t0 + t)}, {@code Sigma(t)} the time-slice sum.</li>
 * </ul>
 */
public final class Observables {
    private final Phi4Action action;
    private final Lattice lattice;
    private final List<String> names;
    private final double[] slices;

    public Observables(Phi4Action action) {
        this.action = action;
        this.lattice = action.lattice();
        List<String> n = new ArrayList<>(List.of("m", "absM", "m2", "m4", "phi2", "phi4", "action", "s2", "s4",
                "nn", "phiDs", "s1"));
        for (int t = 0; t < lattice.size(); t++) {
            n.add("C" + t);
        }
        this.names = List.copyOf(n);
        this.slices = new double[lattice.size()];
    }

    public List<String> names() {
        return names;
    }

    /** The observables of configuration {@code phi}. */
    public double[] measure(double[] phi) {
        int v = lattice.volume();
        int d = lattice.dim();
        double sum = 0;
        double sum2 = 0;
        double sum4 = 0;
        double nn = 0;
        double phiDs = 0;
        Arrays.fill(slices, 0.0);
        int sliceVolume = v / lattice.size();
        for (int x = 0; x < v; x++) {
            double p = phi[x];
            double p2 = p * p;
            sum += p;
            sum2 += p2;
            sum4 += p2 * p2;
            for (int mu = 0; mu < d; mu++) {
                nn += p * phi[lattice.neighbour(x, mu)];
            }
            phiDs += p * action.derivative(phi, x);
            slices[x / sliceVolume] += p;
        }
        double s2 = action.quadraticPart(phi);
        double s4 = action.quarticPart(phi);
        double s1 = action.linearPart(phi);
        double m = sum / v;
        double[] row = new double[names.size()];
        row[0] = m;
        row[1] = Math.abs(m);
        row[2] = m * m;
        row[3] = m * m * m * m;
        row[4] = sum2 / v;
        row[5] = sum4 / v;
        row[6] = (s2 + s4 + s1) / v;
        row[7] = s2 / v;
        row[8] = s4 / v;
        row[9] = nn / ((double) d * v);
        row[10] = phiDs / v;
        row[11] = s1 / v;
        int l = lattice.size();
        for (int t = 0; t < l; t++) {
            double c = 0;
            for (int t0 = 0; t0 < l; t0++) {
                c += slices[t0] * slices[(t0 + t) % l];
            }
            row[12 + t] = c / v;
        }
        return row;
    }
}
