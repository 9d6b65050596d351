package org.nnft.lattice.update;

import org.nnft.engine.Precision;

/**
 * Checkerboard heat bath ({@link HeatBathKernel}; {@link HeatBathKernel#KERNEL_SINGLE} on a single-precision
 * field); every a_x must be positive.
 */
public final class HeatBath implements Update {
    private final DeviceCouplings couplings;
    private final int tries;

    public HeatBath(DeviceCouplings couplings, int tries) {
        if (!(couplings.couplings().minQuadratic() > 0)) {
            throw new IllegalArgumentException("a must be positive for the heat bath, min a = "
                    + couplings.couplings().minQuadratic());
        }
        if (tries < 1) {
            throw new IllegalArgumentException("tries must be >= 1, got " + tries);
        }
        this.couplings = couplings;
        this.tries = tries;
    }

    @Override
    public String name() {
        return "heatbath";
    }

    @Override
    public double apply(LatticeField field, long seed, long step) {
        if (field.precision() == Precision.SINGLE) {
            return Checkerboard.sweep(couplings, field, HeatBathKernel.KERNEL_SINGLE, HeatBathKernel.TABLES_SINGLE,
                    HeatBathKernel.LINEAR_SINGLE, seed, step, 1.0,
                    args -> args.set(HeatBathKernel.TRIES_SINGLE, tries));
        }
        return Checkerboard.sweep(couplings, field, HeatBathKernel.KERNEL, HeatBathKernel.TABLES,
                HeatBathKernel.LINEAR, seed, step, 1.0, args -> args.set(HeatBathKernel.TRIES, tries));
    }
}
