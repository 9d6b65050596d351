package org.nnft.ensemble.deform;

import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.Backends;
import org.nnft.engine.Precision;
import org.nnft.ensemble.EnsembleSample;
import org.nnft.stats.Cumulants;
import org.nnft.stats.Jackknife;
import org.nnft.stats.JackknifeResult;
import org.nnft.stats.Tuples;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shared helpers of the deformation tests: CPU backend, shift estimators and stated comparisons. */
final class DeformTesting {
    private DeformTesting() {
    }

    /** Tolerance in jackknife standard errors. */
    static final double SIGMAS = 4.0;

    static Backend cpu() {
        return Backends.named("cpu", BackendOptions.of("threads", "2"));
    }

    /**
     * {@code sum_k c_k (kappa_k - kappa_free)} for the connected correlator of tuple {@code index}:
     * kappa_k from reweighted sample k, kappa_free from the free sample of the same networks (same
     * configuration, so the same jackknife bins), with the delete-one-bin jackknife error of the
     * whole combination (the free fluctuations largely cancel).
     */
    static JackknifeResult shift(EnsembleSample free, ReweightSample[] deformed, double[] c, int index) {
        Tuples tuples = free.config().tuples();
        Cumulants cumulants = Cumulants.forTuples(tuples);
        int t = tuples.size();
        int k = deformed.length;
        long[] counts = free.moments().counts();
        long[] ids = free.moments().blockIds();
        double[][] sums = new double[counts.length][k * (t + 1) + t];
        for (int b = 0; b < counts.length; b++) {
            for (int j = 0; j < k; j++) {
                int bin = (int) (ids[b] - deformed[j].firstBin());
                sums[b][j * (t + 1)] = deformed[j].weights()[bin];
                System.arraycopy(deformed[j].sums()[bin], 0, sums[b], j * (t + 1) + 1, t);
            }
            System.arraycopy(free.moments().sums(ids[b]), 0, sums[b], k * (t + 1), t);
        }
        return Jackknife.ofBlockSums(counts, sums).estimate(m -> {
            double[] moments = new double[t];
            System.arraycopy(m, k * (t + 1), moments, 0, t);
            double freeValue = cumulants.fromMoments(moments)[index];
            double value = 0;
            for (int j = 0; j < k; j++) {
                for (int i = 0; i < t; i++) {
                    moments[i] = m[j * (t + 1) + 1 + i] / m[j * (t + 1)];
                }
                value += c[j] * (cumulants.fromMoments(moments)[index] - freeValue);
            }
            return value;
        });
    }

    /**
     * The rounding systematic of a shift measured in {@code free}'s precision (docs/physics.md A.6, deformed
     * ensembles): 0 in double; in single 2 x 1e-4 of the tuple's natural scale prod_j sqrt(G(x_j, x_j)) (free
     * moments), the worst-case relative moment bound of A.6 for each of the deformed and the free estimate, which
     * also covers the log-weight term there.
     */
    static double rounding(EnsembleSample free, int index) {
        if (free.config().precision() == Precision.DOUBLE) {
            return 0.0;
        }
        Tuples tuples = free.config().tuples();
        long[] ids = free.moments().blockIds();
        double scale = 1.0;
        for (int site : tuples.tuple(index)) {
            int diagonal = tuples.requireIndexOf(new int[]{site, site});
            double sum = 0;
            for (long id : ids) {
                sum += free.moments().sums(id)[diagonal];
            }
            scale *= Math.sqrt(Math.abs(sum) / free.moments().totalCount());
        }
        return 2e-4 * scale;
    }

    /** Asserts |measured - prediction| <= SIGMAS error + systematic, with a readable message. */
    static void assertAgrees(JackknifeResult measured, double prediction, double systematic, String what) {
        assertTrue(measured.error() > 0, what + ": zero error");
        double pull = (measured.value() - prediction) / measured.error();
        assertTrue(Math.abs(measured.value() - prediction) <= SIGMAS * measured.error() + systematic,
                what + ": measured " + measured.value() + " +- " + measured.error() + " vs predicted " + prediction
                        + " (systematic " + systematic + ", " + String.format("%.2f", pull) + " sigma)");
    }
}
