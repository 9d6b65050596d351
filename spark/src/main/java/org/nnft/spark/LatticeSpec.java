package org.nnft.spark;

import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.lattice.run.LatticeRun;

import java.io.Serializable;

/**
 * A lattice run as a serialisable value that Spark ships to a task ({@link LatticeRun.Config} holds records that
 * do not travel; the task rebuilds the same config from this).
 *
 * @param label    groups replicas of one parameter point (e.g. {@code "L=8 mu2=-0.9"}); free text
 * @param schedule the update schedule as {@link LatticeRun.ScheduleSpec#parse} reads it
 */
public record LatticeSpec(String label, int dim, int size, double kappa, double a, double b, String schedule,
                          int sweeps, int thermalize, int measureEvery, long seed) implements Serializable {

    /** The spec of {@code config} under {@code label}. */
    public static LatticeSpec of(String label, LatticeRun.Config c) {
        return new LatticeSpec(label, c.dim(), c.size(), c.theory().kappa(), c.theory().a(), c.theory().b(),
                c.schedule().toString(), c.sweeps(), c.thermalize(), c.measureEvery(), c.seed());
    }

    /** The run's configuration. */
    public LatticeRun.Config config() {
        return new LatticeRun.Config(dim, size, new HomogeneousTheory(kappa, a, b),
                LatticeRun.ScheduleSpec.parse(schedule), sweeps, thermalize, measureEvery, seed);
    }

    /** The same run with another seed (another replica: an independent chain). */
    public LatticeSpec withSeed(long s) {
        return new LatticeSpec(label, dim, size, kappa, a, b, schedule, sweeps, thermalize, measureEvery, s);
    }
}
