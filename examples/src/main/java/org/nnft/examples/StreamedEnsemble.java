package org.nnft.examples;

import org.nnft.engine.Backend;
import org.nnft.engine.io.JsonWriter;
import org.nnft.engine.run.ProgressListener;
import org.nnft.ensemble.Correlator;
import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.EnsembleResult;
import org.nnft.ensemble.EnsembleRun;
import org.nnft.ensemble.arch.CosNet;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A large ensemble streamed bin by bin: 10^8 cos-networks (d = 1 free scalar, width 100) measured at two points,
 * all tuples up to order 4, with a progress line per jackknife bin. Memory stays O(bins x tuples) whatever the
 * number of networks, so 10^8 networks need no more than 10^4. Prints every connected correlator against the
 * exact finite-width theory (G2 and the 1/N connected 4-point function) with its pull.
 *
 * <p>Usage: {@code StreamedEnsemble [networks=1e8] [backend=best] [result.json]}. On two CPU cores 10^8 networks
 * take a few minutes; a GPU backend is much faster.
 */
public final class StreamedEnsemble {
    /** Hidden-layer width of the cos-net: the connected 4-point function is O(1/width). */
    public static final int WIDTH = 100;
    /** The two measurement points. */
    static final double[][] POINTS = {{0.0}, {0.5}};

    private StreamedEnsemble() {
    }

    /** Runs the example; see the class comment for the arguments. */
    public static void main(String[] args) {
        long networks = ExampleArgs.count(args, 0, 100_000_000L);
        String backendName = ExampleArgs.text(args, 1, "best");
        try (Backend backend = ExampleArgs.backend(backendName)) {
            EnsembleResult result = run(networks, backend, System.out);
            if (args.length > 2) {
                Path file = Path.of(args[2]);
                JsonWriter.write(file, document(result));
                System.out.println("results: " + file);
            }
        }
    }

    /** The configuration: m = 1, Lambda = 2, sigma_a = 1, width {@value #WIDTH}, orders 1..4, seed 1. */
    public static EnsembleConfig config(long networks) {
        CosNet net = CosNet.freeScalar(1, 1.0, 2.0, 1.0, WIDTH);
        return EnsembleConfig.builder(net, POINTS).maxOrder(4).networks(networks).seed(1).build();
    }

    /** Samples {@link #config} on {@code backend}, printing progress and the correlators to {@code out}. */
    public static EnsembleResult run(long networks, Backend backend, PrintStream out) {
        EnsembleConfig config = config(networks);
        out.printf(Locale.ROOT, "ensemble: %d networks in %d bins on %s%n", networks, config.jackknifeBins(),
                backend.name());
        ProgressListener progress = (done, total) -> out.printf(Locale.ROOT, "  %,d / %,d networks (%.0f %%)%n",
                done, total, 100.0 * done / total);
        EnsembleResult result = EnsembleRun.sample(config, backend, progress, null);
        out.println("tuple        connected        error           theory          pull");
        for (Correlator c : correlators(result)) {
            out.printf(Locale.ROOT, "%-12s %+.6e  %.3e  %+.6e  %+.2f%n", ExampleArgs.tuple("G", c.sites()),
                    c.connected(), c.connectedError(), c.theory(), c.pull());
        }
        double seconds = result.provenance().wallSeconds();
        out.printf(Locale.ROOT, "%.1f s, %.3e networks/s%n", seconds, networks / seconds);
        return result;
    }

    /** The correlators the example prints: the even orders, whose theory is known (odd orders vanish). */
    public static List<Correlator> correlators(EnsembleResult result) {
        List<Correlator> out = new ArrayList<>();
        for (int[] t : new int[][]{{0, 0}, {0, 1}, {1, 1}, {0, 0, 0, 0}, {0, 0, 1, 1}, {0, 1, 1, 1}}) {
            out.add(result.atPoints(t));
        }
        return out;
    }

    /** A JSON-ready summary: configuration, provenance and the printed correlators. */
    static Map<String, Object> document(EnsembleResult result) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("networks", result.config().networks());
        doc.put("width", WIDTH);
        doc.put("points", result.points());
        doc.put("provenance", result.provenance());
        doc.put("correlators", correlators(result));
        return doc;
    }
}
