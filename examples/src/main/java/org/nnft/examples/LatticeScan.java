package org.nnft.examples;

import org.nnft.engine.Backend;
import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.lattice.measure.Estimate;
import org.nnft.lattice.run.LatticeRun;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A scan of 2D lattice phi^4 across the transition in mu^2 at lambda = 0.7 (continuum-like convention
 * {@code (1/2)(d phi)^2 + (mu^2/2) phi^2 + (lambda/4) phi^4}, {@link HomogeneousTheory#fromMassAndLambda}): one
 * {@link LatticeRun} per mu^2 on the L x L torus, printing {@code <|m|>}, the susceptibility and the Binder
 * cumulant {@code U = 1 - <m^4>/(3<m^2>^2)}, each with its Gamma-method error. U goes from 0 (symmetric phase,
 * Gaussian magnetisation) to 2/3 (broken phase, two sharp peaks); the curves of several L cross near the
 * critical mu^2 (about -0.95 at this lambda).
 *
 * <p>Usage: {@code LatticeScan [L=16] [sweeps=2000] [backend=best] [mu2 ...]}; default mu^2 = -1.3 -1.1 -0.95 -0.8
 * -0.6.
 */
public final class LatticeScan {
    /** The quartic coupling lambda of the scan. */
    public static final double LAMBDA = 0.7;

    /**
     * One point of the scan.
     *
     * @param mu2    the bare mass squared
     * @param absM   {@code <|m|>}, m the mean field
     * @param chi    the susceptibility {@code V <m^2>}
     * @param binder the Binder cumulant
     */
    public record Point(double mu2, Estimate absM, Estimate chi, Estimate binder) {
    }

    private LatticeScan() {
    }

    /** Runs the example; see the class comment for the arguments. */
    public static void main(String[] args) {
        int size = (int) ExampleArgs.count(args, 0, 16);
        int sweeps = (int) ExampleArgs.count(args, 1, 2000);
        List<Double> mu2 = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            mu2.add(Double.parseDouble(args[i]));
        }
        if (mu2.isEmpty()) {
            mu2 = List.of(-1.3, -1.1, -0.95, -0.8, -0.6);
        }
        try (Backend backend = ExampleArgs.backend(ExampleArgs.text(args, 2, "best"))) {
            run(size, sweeps, mu2, backend, System.out);
        }
    }

    /** Runs one chain per mu^2 (sweeps / 10 thermalisation sweeps each), printing a row per point. */
    public static List<Point> run(int size, int sweeps, List<Double> mu2, Backend backend, PrintStream out) {
        out.printf(Locale.ROOT, "lattice scan: 2D L = %d, lambda = %g, %d sweeps per point on %s%n", size, LAMBDA,
                sweeps, backend.name());
        out.println("mu2        <|m|>                 chi                   binder");
        List<Point> points = new ArrayList<>();
        for (double m : mu2) {
            LatticeRun.Config config = LatticeRun.Config.builder(2, size,
                            HomogeneousTheory.fromMassAndLambda(2, m, LAMBDA))
                    .sweeps(sweeps).thermalize(Math.max(1, sweeps / 10)).seed(1).build();
            LatticeRun.Result r = LatticeRun.run(config, backend, LatticeRun.Options.NONE);
            Point p = new Point(m, r.absMagnetisation(), r.susceptibility(), r.binder());
            points.add(p);
            out.printf(Locale.ROOT, "%-9.4f  %s  %s  %s%n", m, text(p.absM()), text(p.chi()), text(p.binder()));
        }
        return points;
    }

    private static String text(Estimate e) {
        return String.format(Locale.ROOT, "%-20s", String.format(Locale.ROOT, "%.4g +- %.2g", e.value(), e.error()));
    }
}
