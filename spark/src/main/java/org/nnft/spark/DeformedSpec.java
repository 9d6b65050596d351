package org.nnft.spark;

import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.deform.Deformation;
import org.nnft.ensemble.deform.DeformedRun;
import org.nnft.ensemble.deform.IntegrationBox;
import org.nnft.ensemble.deform.McmcConfig;
import org.nnft.ensemble.deform.Potential;

import java.io.Serializable;
import java.util.Locale;

/**
 * A deformed cos-net run (docs/physics.md A.3) as a serialisable value Spark ships to its tasks: the ensemble
 * (architecture, points, tuple order, networks, bins, seed), the potential, its coupling, the box and grid of
 * {@code nnft ensemble --lambda}, and the sampler with its chains. Each task rebuilds the same run from it.
 *
 * @param ensemble   the free run (a cos-net)
 * @param potential  phi4 | phi6 | mass
 * @param lambda     the coupling (lambda, g or dm^2)
 * @param box        side lengths, one per input dimension
 * @param grid       midpoint-rule points per side
 * @param sampler    reweight | mcmc
 * @param chains     the MCMC chains (ignored when reweighting)
 */
public record DeformedSpec(EnsembleSource ensemble, String potential, double lambda, double[] box, int grid,
                           DeformedRun.Sampler sampler, DeformedRun.Chains chains) implements Serializable {

    /** The free run (all shards). */
    public EnsembleConfig config() {
        return ensemble.config();
    }

    /** The deformation. */
    public Deformation deformation() {
        Potential v = switch (potential.toLowerCase(Locale.ROOT)) {
            case "phi4" -> Potential.phi4(lambda);
            case "phi6" -> Potential.phi6(lambda);
            case "mass" -> Potential.massShift(lambda);
            default -> throw new IllegalArgumentException("potential must be phi4, phi6 or mass, got '" + potential
                    + "'");
        };
        return new Deformation(v, new IntegrationBox(box, grid));
    }

    /** The chain run (MCMC). */
    public McmcConfig mcmc() {
        return DeformedRun.mcmcConfig(config(), deformation(), chains);
    }

    /** Shards a run can take: at most half its jackknife bins (reweighting) or chains (MCMC). */
    public int maxShards() {
        return (sampler == DeformedRun.Sampler.MCMC ? chains.chains() : config().jackknifeBins()) / 2;
    }
}
