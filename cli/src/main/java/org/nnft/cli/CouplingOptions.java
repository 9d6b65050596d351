package org.nnft.cli;

import org.nnft.lattice.action.HomogeneousTheory;
import picocli.CommandLine.Option;

/**
 * The homogeneous lattice phi^4 couplings of {@code nnft lattice} and {@code nnft learn}: the hopping coupling
 * kappa with either (mu^2, lambda), converted as a = (mu^2 + 2 d kappa)/2 and b = lambda/4 (docs/physics.md
 * Part B), or the action's own coefficients (a, b). Without either pair: the seed's near-critical
 * mu^2 = -0.9515, lambda = 0.7.
 */
final class CouplingOptions {
    @Option(names = "--kappa", defaultValue = "1.0", description = "hopping coupling kappa")
    double kappa;
    @Option(names = "--mu2", description = "bare mass squared mu^2 (a = (mu^2 + 2 d kappa)/2)")
    Double mu2;
    @Option(names = "--lambda", description = "quartic coupling lambda (b = lambda/4)")
    Double lambda;
    @Option(names = "--a", description = "coefficient a of phi^2 (instead of --mu2)")
    Double a;
    @Option(names = "--b", description = "coefficient b of phi^4 (instead of --lambda)")
    Double b;

    /** The theory on a {@code dim}-dimensional lattice; a bad combination or a non-finite value names its option. */
    HomogeneousTheory theory(int dim) {
        requireFinite("--kappa", kappa);
        if ((mu2 != null || lambda != null) && (a != null || b != null)) {
            throw new IllegalArgumentException("give --mu2/--lambda or --a/--b, not both");
        }
        if (a != null || b != null) {
            if (a == null || b == null) {
                throw new IllegalArgumentException("--a and --b go together");
            }
            requireFinite("--a", a);
            requireFinite("--b", b);
            return new HomogeneousTheory(kappa, a, b);
        }
        double m2 = mu2 == null ? -0.9515 : mu2;
        double l = lambda == null ? 0.7 : lambda;
        requireFinite("--mu2", m2);
        requireFinite("--lambda", l);
        return new HomogeneousTheory(kappa, (m2 + 2 * dim * kappa) / 2, l / 4);
    }

    static void requireFinite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be finite, got " + v);
        }
    }
}
