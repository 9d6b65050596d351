package org.nnft.lattice.update;

import org.nnft.engine.Precision;

/**
 * Checkerboard multi-hit Metropolis ({@link MetropolisKernel}; {@link HypercubicMetropolisKernel}, the same
 * chain with less memory traffic, when the couplings are homogeneous). The step size delta adapts during
 * thermalisation towards an acceptance in [{@value #LOW}, {@value #HIGH}] (multiplied by 1.1 above the
 * window, by 0.9 below); it is frozen afterwards so the measured chain is a fixed Markov kernel. A single-precision
 * field ({@link LatticeField#precision}) takes {@link SingleMetropolisKernel} (homogeneous couplings) or
 * {@link MetropolisKernel#KERNEL_SINGLE}.
 */
public final class Metropolis implements Update {
    static final double LOW = 0.4;
    static final double HIGH = 0.6;
    private final DeviceCouplings couplings;
    private final int hits;
    private double delta;

    public Metropolis(DeviceCouplings couplings, double delta, int hits) {
        if (!(delta > 0) || !Double.isFinite(delta)) {
            throw new IllegalArgumentException("delta must be positive and finite, got " + delta);
        }
        if (hits < 1) {
            throw new IllegalArgumentException("hits must be >= 1, got " + hits);
        }
        this.couplings = couplings;
        this.hits = hits;
        this.delta = delta;
    }

    @Override
    public String name() {
        return "metropolis";
    }

    @Override
    public double apply(LatticeField field, long seed, long step) {
        if (field.precision() == Precision.SINGLE) {
            if (couplings.homogeneous() != null) {
                return Checkerboard.sweepSingle(couplings, field, seed, step, delta, hits);
            }
            return Checkerboard.sweep(couplings, field, MetropolisKernel.KERNEL_SINGLE, MetropolisKernel.TABLES_SINGLE,
                    MetropolisKernel.LINEAR_SINGLE, seed, step, hits, args -> args
                            .set(MetropolisKernel.DELTA_SINGLE, delta).set(MetropolisKernel.HITS_SINGLE, hits));
        }
        if (couplings.homogeneous() != null) {
            return Checkerboard.sweepHypercubic(couplings, field, HypercubicMetropolisKernel.KERNEL, seed, step, delta,
                    hits);
        }
        return Checkerboard.sweep(couplings, field, MetropolisKernel.KERNEL, MetropolisKernel.TABLES,
                MetropolisKernel.LINEAR, seed, step, hits,
                args -> args.set(MetropolisKernel.DELTA, delta).set(MetropolisKernel.HITS, hits));
    }

    @Override
    public void adapt(double acceptance) {
        if (acceptance > HIGH) {
            delta *= 1.1;
        } else if (acceptance < LOW) {
            delta *= 0.9;
        }
    }

    @Override
    public double tuning() {
        return delta;
    }

    @Override
    public void restoreTuning(double value) {
        delta = value;
    }
}
