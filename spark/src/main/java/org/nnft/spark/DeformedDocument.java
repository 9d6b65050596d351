package org.nnft.spark;

import org.nnft.ensemble.deform.DeformedResult;
import org.nnft.ensemble.deform.McmcChains;
import org.nnft.ensemble.deform.Potential;
import org.nnft.ensemble.deform.ReweightBins;
import org.nnft.stats.BlockMoments;
import org.nnft.stats.CorrelatorEstimates;
import org.nnft.stats.Tuples;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result file of {@code nnft ensemble --lambda} written from a Spark run of a deformed ensemble: {@code config}
 * (the inputs, {@code shard} 0/1, {@code backend}, {@code deformation}), {@code provenance} and {@code results}
 * ({@code points}, {@code correlators}, {@code diagnostics} and the per-bin {@code weightedBinSums} or per-chain
 * {@code chainSums} that {@code nnft merge} and {@code nnft couplings} read). Written field for field as the cli's
 * {@code DeformedShards} and {@code DeformationOptions} write it (the cli is not on this module's class path).
 */
final class DeformedDocument {
    private DeformedDocument() {
    }

    /** The document of a whole deformed run sampled by {@code shards} Spark tasks. */
    static Map<String, Object> of(EnsembleSpec ensemble, DeformedSpec spec, DeformedResult r, Instant start,
                                  double wallSeconds, int shards) {
        Map<String, Object> config = ensemble.toJson();
        config.put("shard", "0/1");
        config.put("backend", r.provenance().backend());
        Potential v = r.deformation().potential();
        Map<String, Object> coefficients = map("phi2", v.quadratic(), "phi4", v.quartic(), "phi6", v.sextic());
        Map<String, Object> deformation = map("potential", spec.potential(), "lambda", spec.lambda(),
                "coefficients", coefficients, "box", r.deformation().box().sides(),
                "pointsPerSide", r.deformation().box().pointsPerSide(),
                "quadrature", "midpoint rule, open box centred at the origin", "sampler", r.sampler());
        if (r.sampler().equals("mcmc")) {
            deformation.put("chains", spec.chains().chains());
            deformation.put("sweeps", spec.chains().sweeps());
            deformation.put("thermalize", spec.chains().thermalize());
        }
        config.put("deformation", deformation);
        Map<String, Object> provenance = map("engine", "nnft " + version(), "backend", r.provenance().backend(),
                "device", r.provenance().device(), "seed", ensemble.seed(), "startTime", start.toString(),
                "wallSeconds", wallSeconds, "samples", r.samples(), "sparkTasks", shards,
                "taskSeconds", r.provenance().wallSeconds(), "java", Runtime.version().toString());
        List<Object> correlators = new ArrayList<>();
        CorrelatorEstimates e = r.estimates();
        Tuples t = r.tuples();
        for (int i = 0; i < t.size(); i++) {
            correlators.add(map("order", t.tuple(i).length, "points", t.tuple(i),
                    "moment", map("value", finite(e.moment(i)), "error", finite(e.momentError(i))),
                    "connected", map("value", finite(e.connected(i)), "error", finite(e.connectedError(i)))));
        }
        Map<String, Object> diagnostics = r.sampler().equals("mcmc")
                ? map("states", r.samples(), "acceptance", finite(r.acceptance()),
                        "tauIntAction", finite(r.tauIntAction()), "tauIntPhi2", finite(r.tauIntPhi2()),
                        "tauIntUnit", "sweeps")
                : map("networks", r.samples(), "effectiveSampleSize", r.effectiveSampleSize(),
                        "essFraction", r.effectiveSampleSize() / r.samples(), "essWarning", r.essCollapsed(),
                        "essWarningBelowFraction", DeformedResult.ESS_WARNING_FRACTION);
        Map<String, Object> results = map("points", r.points(), "correlators", correlators,
                "diagnostics", diagnostics);
        ReweightBins bins = r.reweightBins();
        if (bins != null) {
            results.put("weightedBinSums", map("pointCount", r.points().length, "tuples", t.toArray(),
                    "binIds", bins.binIds(), "counts", bins.counts(), "logShifts", bins.logShifts(),
                    "weights", bins.weights(), "weightSquares", bins.weightSquares(), "sums", bins.sums(),
                    "definition", "per jackknife bin: networks and, with every weight exp(-S_int - logShifts[bin]), "
                            + "the sum of weights, of squared weights and per tuple of weight x product; put bins "
                            + "on one reference by multiplying with exp(logShifts[bin] - max(logShifts))"));
        }
        McmcChains chains = r.mcmcChains();
        if (chains != null) {
            BlockMoments.Data d = chains.moments().toData();
            results.put("chainSums", map("pointCount", d.pointCount(), "tuples", d.tuples(),
                    "chainIds", d.blockIds(), "counts", d.counts(), "sums", d.sums(), "accepted", chains.accepted(),
                    "tauIntAction", finite(chains.tauIntAction()), "tauIntPhi2", finite(chains.tauIntPhi2()),
                    "definition", "per chain: measured states, per tuple the sum of products over them, accepted "
                            + "neuron proposals, tau_int (sweeps) of S_int (null without interaction) and of "
                            + "phi(x_0)^2"));
        }
        return map("config", config, "provenance", provenance, "results", results, "formatVersion", 1);
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** JSON has no NaN: non-finite values become null, as in the command line's files. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static List<Double> finite(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double x : v) {
            out.add(finite(x));
        }
        return out;
    }

    private static String version() {
        String v = DeformedDocument.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }
}
