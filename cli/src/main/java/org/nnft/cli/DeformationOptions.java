package org.nnft.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.nnft.cli.io.Json;
import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.deform.Deformation;
import org.nnft.ensemble.deform.DeformedResult;
import org.nnft.ensemble.deform.IntegrationBox;
import org.nnft.ensemble.deform.DeformedRun;
import org.nnft.ensemble.deform.Potential;
import org.nnft.engine.Backend;
import org.nnft.engine.run.ProgressListener;
import picocli.CommandLine.Option;

import java.util.Locale;
import java.util.Map;

/**
 * The options of a deformed cos-net ensemble (docs/physics.md A.3) for {@code nnft ensemble}. Rules: the
 * deformation is on exactly when {@code --lambda} is given; every other deformation option then
 * needs it; {@code --box} is required (the interaction volume is physics, not a default); the
 * architecture must be a cos-net (cos or cauchy) in d = 1..3. A shard {@code i/k} holds jackknife bins
 * (reweighting) or chains (MCMC), at least 2 of them, and merges bit for bit ({@link DeformedShards}).
 */
final class DeformationOptions {
    @Option(names = "--lambda", description = "coupling of the deformation: lambda of (lambda/4!) phi^4 "
            + "(default potential), g of (g/6!) phi^6, or dm^2 of (dm^2/2) phi^2")
    Double lambda;
    @Option(names = "--potential", description = "phi4 | phi6 | mass (default phi4)")
    String potential;
    @Option(names = "--box",
            description = "interaction box side lengths: 'L' (a cube) or 'L1,..,Ld'; centred at the origin")
    String box;
    @Option(names = "--grid", description = "midpoint-rule points per box side (default 32)")
    Integer grid;
    @Option(names = "--sampler", description = "reweight | mcmc (default reweight)")
    String sampler;
    @Option(names = "--chains", description = "mcmc: independent chains (default 64)")
    Integer chains;
    @Option(names = "--sweeps", description = "mcmc: measured sweeps per chain (default 1000)")
    Integer sweeps;
    @Option(names = "--thermalize", description = "mcmc: discarded sweeps per chain (default 100)")
    Integer thermalize;

    /** Whether any deformation option was given (then {@code --lambda} must be). */
    boolean active() {
        if (lambda == null && (potential != null || box != null || grid != null || sampler != null || chains != null
                || sweeps != null || thermalize != null)) {
            throw new IllegalArgumentException("--lambda is required with --potential, --box, --grid, --sampler, "
                    + "--chains, --sweeps and --thermalize");
        }
        return lambda != null;
    }

    String samplerName() {
        String s = sampler == null ? "reweight" : sampler.toLowerCase(Locale.ROOT);
        if (!s.equals("reweight") && !s.equals("mcmc")) {
            throw new IllegalArgumentException("--sampler must be reweight or mcmc, got '" + sampler + "'");
        }
        return s;
    }

    Deformation deformation(int dim) {
        if (!Double.isFinite(lambda)) {
            throw new IllegalArgumentException("--lambda must be finite, got " + lambda);
        }
        String kind = potential == null ? "phi4" : potential.toLowerCase(Locale.ROOT);
        Potential v = switch (kind) {
            case "phi4" -> Potential.phi4(lambda);
            case "phi6" -> Potential.phi6(lambda);
            case "mass" -> Potential.massShift(lambda);
            default -> throw new IllegalArgumentException("--potential must be phi4, phi6 or mass, got '"
                    + potential + "'");
        };
        if (box == null) {
            throw new IllegalArgumentException("--box is required with --lambda (the interaction volume)");
        }
        if (dim > 3) {
            throw new IllegalArgumentException("--dim: deformed ensembles need d <= 3, got " + dim);
        }
        String[] parts = box.split(",");
        if (parts.length != 1 && parts.length != dim) {
            throw new IllegalArgumentException("--box needs " + (dim == 1 ? "1 side length" : "1 or " + dim
                    + " side lengths") + " for --dim " + dim + ", got " + parts.length + " in '" + box + "'");
        }
        double[] sides = new double[dim];
        for (int k = 0; k < dim; k++) {
            try {
                sides[k] = Double.parseDouble(parts[parts.length == 1 ? 0 : k].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--box: not a number in '" + box + "'");
            }
        }
        try {
            return new Deformation(v, new IntegrationBox(sides, grid == null ? 32 : grid));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--box/--grid: " + e.getMessage());
        }
    }

    /**
     * Checks every deformation option against {@code config} before any work starts (the sampler would
     * otherwise find a bad value only after opening the backend; {@code --chains 0} divided by zero).
     */
    void validate(EnsembleConfig config) {
        if (!(config.architecture() instanceof CosNet net)) {
            throw new IllegalArgumentException("--lambda: deformed ensembles need --arch cos or cauchy");
        }
        deformation(net.inputDimension());
        if (samplerName().equals("mcmc")) {
            requireAtLeast("--chains", chains, 2);
            requireAtLeast("--sweeps", sweeps, 2);
            requireAtLeast("--thermalize", thermalize, 0);
        } else if (chains != null || sweeps != null || thermalize != null) {
            throw new IllegalArgumentException("--chains, --sweeps and --thermalize need --sampler mcmc");
        }
    }

    private static void requireAtLeast(String option, Integer value, int least) {
        if (value != null && value < least) {
            throw new IllegalArgumentException(option + " must be at least " + least + ", got " + value);
        }
    }

    /**
     * Samples shard {@code shard[0]} of {@code shard[1]} of the deformed ensemble of {@code config}'s architecture,
     * points, tuple order and seed ({@link DeformedRun}): its jackknife bins (reweighting) or its chains (MCMC).
     */
    DeformedResult sample(EnsembleConfig config, int[] shard, Backend backend, ProgressListener progress) {
        validate(config);
        Deformation def = deformation(config.architecture().inputDimension());
        if (samplerName().equals("mcmc")) {
            return DeformedRun.mcmc(config, def, chains(), shard[0], shard[1], backend, progress, null);
        }
        return DeformedRun.reweight(config.shard(shard[0], shard[1]), def, backend, progress, null);
    }

    /**
     * Parses {@code --shard i/k} (null: 0/1) of a deformed run: k at most half the jackknife bins (reweighting)
     * or half the chains (MCMC), so every shard holds the 2 bins or chains its own jackknife needs.
     */
    int[] shard(String text, EnsembleConfig config) {
        boolean mcmc = samplerName().equals("mcmc");
        int units = mcmc ? chains().chains() : config.jackknifeBins();
        int[] sh;
        try {
            sh = EnsembleCommand.parseShard(text, Integer.MAX_VALUE);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--shard must be i/k with 0 <= i < k, got '" + text + "'");
        }
        if (sh[1] > units / 2) {
            throw new IllegalArgumentException("--shard: a deformed run splits its " + units + (mcmc ? " chains"
                    : " jackknife bins") + " into at most " + (units / 2) + " shards of >= 2, got " + text);
        }
        return sh;
    }

    /** The options of a result's "deformation" config block (what {@link #toJson} wrote). */
    static DeformationOptions fromJson(JsonNode d) {
        DeformationOptions o = new DeformationOptions();
        if (!d.path("lambda").isNumber() || !d.path("box").isArray() || !d.path("pointsPerSide").isInt()) {
            throw new IllegalArgumentException("config.deformation lacks lambda, box or pointsPerSide");
        }
        o.lambda = d.get("lambda").asDouble();
        o.potential = d.path("potential").asText("phi4");
        StringBuilder box = new StringBuilder();
        for (JsonNode side : d.get("box")) {
            box.append(box.isEmpty() ? "" : ",").append(side.asDouble());
        }
        o.box = box.toString();
        o.grid = d.get("pointsPerSide").asInt();
        o.sampler = d.path("sampler").asText("reweight");
        if (o.samplerName().equals("mcmc")) {
            o.chains = d.path("chains").asInt();
            o.sweeps = d.path("sweeps").asInt();
            o.thermalize = d.path("thermalize").asInt();
        }
        return o;
    }

    /** The MCMC chains of the options, {@link DeformedRun.Chains#DEFAULTS} where not given. */
    DeformedRun.Chains chains() {
        DeformedRun.Chains d = DeformedRun.Chains.DEFAULTS;
        return new DeformedRun.Chains(chains == null ? d.chains() : chains,
                thermalize == null ? d.thermalize() : thermalize, sweeps == null ? d.sweeps() : sweeps);
    }

    /** The "deformation" block of the JSON config. */
    Map<String, Object> toJson(DeformedResult r) {
        Deformation d = r.deformation();
        Potential v = d.potential();
        Map<String, Object> m = Json.object("potential", potential == null ? "phi4"
                : potential.toLowerCase(Locale.ROOT),
                "lambda", lambda,
                "coefficients", Json.object("phi2", v.quadratic(), "phi4", v.quartic(), "phi6", v.sextic()),
                "box", d.box().sides(), "pointsPerSide", d.box().pointsPerSide(),
                "quadrature", "midpoint rule, open box centred at the origin", "sampler", r.sampler());
        if (r.sampler().equals("mcmc")) {
            DeformedRun.Chains c = chains();
            m.put("chains", c.chains());
            m.put("sweeps", c.sweeps());
            m.put("thermalize", c.thermalize());
        }
        return m;
    }

    /** Sampler diagnostics for the JSON results. */
    static Map<String, Object> diagnostics(DeformedResult r) {
        if (r.sampler().equals("mcmc")) {
            return Json.object("states", r.samples(), "acceptance", r.acceptance(),
                    "tauIntAction", r.tauIntAction(), "tauIntPhi2", r.tauIntPhi2(), "tauIntUnit", "sweeps");
        }
        return Json.object("networks", r.samples(), "effectiveSampleSize", r.effectiveSampleSize(),
                "essFraction", r.effectiveSampleSize() / r.samples(), "essWarning", r.essCollapsed(),
                "essWarningBelowFraction", DeformedResult.ESS_WARNING_FRACTION);
    }
}
