package org.nnft.lattice.update;

import org.nnft.engine.Precision;

/**
 * Checkerboard overrelaxation ({@link OverrelaxationKernel}; {@link OverrelaxationKernel#KERNEL_SINGLE} on a
 * single-precision field); not ergodic alone, combine with a local update.
 */
public final class Overrelaxation implements Update {
    private final DeviceCouplings couplings;

    public Overrelaxation(DeviceCouplings couplings) {
        this.couplings = couplings;
    }

    @Override
    public String name() {
        return "overrelaxation";
    }

    @Override
    public double apply(LatticeField field, long seed, long step) {
        if (field.precision() == Precision.SINGLE) {
            return Checkerboard.sweep(couplings, field, OverrelaxationKernel.KERNEL_SINGLE,
                    OverrelaxationKernel.TABLES_SINGLE, OverrelaxationKernel.LINEAR_SINGLE, seed, step, 1.0,
                    args -> { });
        }
        return Checkerboard.sweep(couplings, field, OverrelaxationKernel.KERNEL, OverrelaxationKernel.TABLES,
                OverrelaxationKernel.LINEAR, seed, step, 1.0, args -> { });
    }
}
