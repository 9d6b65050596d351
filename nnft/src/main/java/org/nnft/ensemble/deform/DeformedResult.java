package org.nnft.ensemble.deform;

import org.nnft.ensemble.Correlator;
import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.Provenance;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.stats.CorrelatorEstimates;
import org.nnft.stats.CorrelatorEstimator;
import org.nnft.stats.Cumulants;
import org.nnft.stats.Tuples;
import org.nnft.stats.ValueWithError;

/**
 * Moments and connected correlators of a deformed cos-net ensemble with jackknife errors, and the
 * sampler's diagnostics. Reweighting: ratio estimators over the jackknife bins, and the effective
 * sample size (flagged when below {@link #ESS_WARNING_FRACTION} of the networks). MCMC: means over
 * the measured sweeps of every chain, errors by the jackknife over independent chains (valid
 * whatever the autocorrelation), the acceptance rate and the chains' mean integrated
 * autocorrelation times (Gamma method, in sweeps) of S_int and of phi(x_0)^2. No exact theory is
 * attached: {@link Correlator#theory()} is NaN; {@link #firstOrder} gives the first-order prediction instead.
 */
public final class DeformedResult {

    /** ESS / networks below which a reweighted result is flagged as unreliable (1 %). */
    public static final double ESS_WARNING_FRACTION = 0.01;

    /** Sampler name: "reweight" or "mcmc". */
    private final String sampler;
    private final CosNet architecture;
    private final double[][] points;
    private final Deformation deformation;
    private final CorrelatorEstimates estimates;
    private final long samples;
    private final double effectiveSampleSize;
    private final double acceptance;
    private final double tauIntAction;
    private final double tauIntPhi2;
    private final Provenance provenance;
    private final BinSums binSums;
    private final ReweightBins reweightBins;
    private final McmcChains mcmcChains;

    DeformedResult(String sampler, CosNet architecture, double[][] points, Deformation deformation,
                   CorrelatorEstimates estimates, long samples, double effectiveSampleSize, double acceptance,
                   double tauIntAction, double tauIntPhi2, Provenance provenance) {
        this(sampler, architecture, points, deformation, estimates, samples, effectiveSampleSize, acceptance,
                tauIntAction, tauIntPhi2, provenance, null, null, null);
    }

    DeformedResult(String sampler, CosNet architecture, double[][] points, Deformation deformation,
                   CorrelatorEstimates estimates, long samples, double effectiveSampleSize, double acceptance,
                   double tauIntAction, double tauIntPhi2, Provenance provenance, BinSums binSums,
                   ReweightBins reweightBins, McmcChains mcmcChains) {
        this.binSums = binSums;
        this.reweightBins = reweightBins;
        this.mcmcChains = mcmcChains;
        this.sampler = sampler;
        this.architecture = architecture;
        this.points = points;
        this.deformation = deformation;
        this.estimates = estimates;
        this.samples = samples;
        this.effectiveSampleSize = effectiveSampleSize;
        this.acceptance = acceptance;
        this.tauIntAction = tauIntAction;
        this.tauIntPhi2 = tauIntPhi2;
        this.provenance = provenance;
    }

    static DeformedResult reweighted(ReweightSample s) {
        Cumulants cumulants = Cumulants.forTuples(s.config().tuples());
        CorrelatorEstimates e = CorrelatorEstimator.estimateWeighted(cumulants, s.counts(), s.weights(), s.sums());
        return new DeformedResult("reweight", (CosNet) s.config().architecture(), s.config().points(),
                s.deformation(), e, s.networks(), s.effectiveSampleSize(), Double.NaN, Double.NaN, Double.NaN,
                s.provenance(), new BinSums(s.counts(), s.weights(), s.sums()), s.bins(), null);
    }

    /** The result of reweighted bins of {@code config}'s run (all of them, or the bins of some shards). */
    public static DeformedResult ofBins(EnsembleConfig config, Deformation deformation, ReweightBins bins,
                                        Provenance provenance) {
        ReweightSampler.requireCosNet(config, deformation);
        return bins.sample(config, deformation, provenance).result();
    }

    /**
     * The per-bin sums of a reweighted run before the common reference (null for MCMC): what a shard writes and
     * {@link ReweightBins#concat} merges bit for bit.
     */
    public ReweightBins reweightBins() {
        return reweightBins;
    }

    /** The per-chain sums and diagnostics of an MCMC run (null for reweighting): what a shard of the chains writes. */
    public McmcChains mcmcChains() {
        return mcmcChains;
    }

    /**
     * The per-jackknife-bin weighted sums of a reweighted run (null for MCMC): what {@code nnft couplings}
     * needs to redo any function of the moments with jackknife errors (e.g. the closed loop,
     * {@code org.nnft.ensemble.couplings.ClosedLoop}). Bin j holds {@code counts[j]} networks, the sum of
     * their weights {@code weights[j]} and per tuple the sum of weight x product {@code sums[j]}; all
     * weights relative to one common reference, so only ratios are meaningful. Shared, not copied.
     */
    public record BinSums(long[] counts, double[] weights, double[][] sums) {
    }

    /** The per-bin weighted sums (reweighting), or null (MCMC). */
    public BinSums binSums() {
        return binSums;
    }

    public String sampler() {
        return sampler;
    }

    public CosNet architecture() {
        return architecture;
    }

    /** The measurement points (a copy). */
    public double[][] points() {
        double[][] c = new double[points.length][];
        for (int p = 0; p < points.length; p++) {
            c[p] = points[p].clone();
        }
        return c;
    }

    public Deformation deformation() {
        return deformation;
    }

    public Tuples tuples() {
        return estimates.tuples();
    }

    public CorrelatorEstimates estimates() {
        return estimates;
    }

    /** Networks (reweighting) or measured chain states (MCMC, all chains). */
    public long samples() {
        return samples;
    }

    /** Kish ESS of the weights (reweighting); NaN for MCMC. */
    public double effectiveSampleSize() {
        return effectiveSampleSize;
    }

    /** Whether ESS / networks fell below {@link #ESS_WARNING_FRACTION} (never for MCMC). */
    public boolean essCollapsed() {
        return effectiveSampleSize < ESS_WARNING_FRACTION * samples;
    }

    /** Fraction of accepted neuron proposals (MCMC); NaN for reweighting. */
    public double acceptance() {
        return acceptance;
    }

    /** Mean over chains of tau_int of S_int, in sweeps (MCMC; NaN for reweighting or without interaction). */
    public double tauIntAction() {
        return tauIntAction;
    }

    /** Mean over chains of tau_int of phi(x_0)^2, in sweeps (MCMC; NaN for reweighting). */
    public double tauIntPhi2() {
        return tauIntPhi2;
    }

    public Provenance provenance() {
        return provenance;
    }

    /**
     * The estimate of the tuple of points with a first-order theory column: the exact free (undeformed) connected
     * correlator of the cos-net plus its {@link FirstOrderShift} under this result's deformation (exact in the
     * coupling to first order, through O(1/N)). So {@link Correlator#pull()} tests first-order perturbation
     * theory; expect O(coupling^2) deviations at strong deformations. Orders 1..6; odd orders are 0.
     */
    public Correlator firstOrder(int... sites) {
        Correlator c = atPoints(sites);
        int[] t = c.sites();
        double[][] x = new double[t.length][];
        for (int j = 0; j < t.length; j++) {
            x[j] = points[t[j]];
        }
        int[] components = new int[t.length];
        double free = switch (t.length) {
            case 2 -> architecture.twoPoint(x[0], 0, x[1], 0);
            case 4 -> architecture.connectedFourPoint(x, components);
            case 6 -> architecture.connectedSixPoint(x, components);
            default -> 0.0;
        };
        double theory = t.length % 2 == 1 ? 0.0 : free + FirstOrderShift.of(architecture, deformation).connected(x);
        return new Correlator(t, c.momentEstimate(), c.connectedEstimate(), theory);
    }

    /** The estimate of the tuple of points (any order; it must be in the tuple set); theory NaN. */
    public Correlator atPoints(int... sites) {
        int i = tuples().requireIndexOf(sites);
        return new Correlator(tuples().tuple(i), new ValueWithError(estimates.moment(i), estimates.momentError(i)),
                new ValueWithError(estimates.connected(i), estimates.connectedError(i)), Double.NaN);
    }
}
