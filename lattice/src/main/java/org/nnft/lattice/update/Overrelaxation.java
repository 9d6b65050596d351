package org.nnft.lattice.update;

/** Checkerboard overrelaxation ({@link OverrelaxationKernel}); not ergodic alone, combine with a local update. */
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
        return Checkerboard.sweep(couplings, field, OverrelaxationKernel.KERNEL, OverrelaxationKernel.TABLES,
                OverrelaxationKernel.LINEAR, seed, step, 1.0, args -> { });
    }
}
