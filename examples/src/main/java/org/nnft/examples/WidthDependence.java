package org.nnft.examples;

import org.nnft.engine.Backend;
import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.WidthScan;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.theory.PowerLawFit;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The approach to the Gaussian process with the width: {@link WidthScan} samples the cos-net at several widths N,
 * measures the non-Gaussianity m_4 (the connected 4-point function relative to the Gaussian one) and fits
 * m_4 = A N^slope; the exact slope is -1.
 *
 * <p>Usage: {@code WidthDependence [networks per width=1e6] [backend=best] [widths ...]}; default widths 10 20 40 80.
 */
public final class WidthDependence {
    private WidthDependence() {
    }

    /** Runs the example; see the class comment for the arguments. */
    public static void main(String[] args) {
        long networks = ExampleArgs.count(args, 0, 1_000_000L);
        List<Integer> widths = args.length > 2
                ? List.of(args).subList(2, args.length).stream().map(Integer::valueOf).toList()
                : List.of(10, 20, 40, 80);
        try (Backend backend = ExampleArgs.backend(ExampleArgs.text(args, 1, "best"))) {
            run(networks, widths, backend, System.out);
        }
    }

    /** Scans the widths on {@code backend}, printing m_4 per width and the fitted slope; returns the fit. */
    public static PowerLawFit run(long networks, List<Integer> widths, Backend backend, PrintStream out) {
        double[][] points = {{0.0}, {0.5}};
        WidthScan.Result scan = WidthScan.run(n -> EnsembleConfig.builder(CosNet.freeScalar(1, 1.0, 2.0, 1.0, n),
                points).maxOrder(4).networks(networks).seed(3).build(), widths, backend, null, null);
        out.println("width   m_4");
        for (WidthScan.WidthRun run : scan.runs()) {
            WidthScan.Mn m4 = run.nonGaussianity().get(0);
            out.printf(Locale.ROOT, "%-6d  %.4e +- %.1e%n", run.width(), m4.value(), m4.error());
        }
        PowerLawFit fit = scan.fits().get(0).fit();
        out.printf(Locale.ROOT, "m_4 ~ N^slope, slope = %.3f +- %.3f (exact: -1)%n", fit.slope(), fit.slopeError());
        return fit;
    }
}
