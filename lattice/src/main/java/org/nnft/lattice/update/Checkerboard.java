package org.nnft.lattice.update;

import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelArgs;
import org.nnft.lattice.action.HomogeneousTheory;

/** Launches a local-update kernel on both colours in turn; shared by the checkerboard updates. */
final class Checkerboard {
    private Checkerboard() {
    }

    /**
     * Runs {@code kernel} on colour 0 then colour 1 with the common arguments followed by {@code extra},
     * and returns the accepted count per site divided by {@code perSite}.
     */
    static double sweep(DeviceCouplings dc, LatticeField field, Kernel kernel, long seed, long step,
                        double perSite, java.util.function.Consumer<KernelArgs> extra) {
        double accepted = 0.0;
        for (int colour = 0; colour < 2; colour++) {
            KernelArgs args = new KernelArgs()
                    .buffer(field.device()).buffer(dc.accepted).buffer(dc.sites[colour]).buffer(dc.neighbours)
                    .buffer(dc.hopping).buffer(dc.quadratic).buffer(dc.quartic)
                    .i32(dc.halfVolume).i32(dc.couplings().lattice().coordination())
                    .i64(seed).i64(StreamMap.stream(step, colour));
            extra.accept(args);
            dc.backend().launch(kernel, dc.halfVolume, args);
            field.deviceModified();
            accepted += dc.acceptedSum();
        }
        return accepted / (2.0 * dc.halfVolume * perSite);
    }

    /**
     * {@link #sweep} for the index-arithmetic kernels of homogeneous theories (dc.homogeneous() != null): common
     * arguments field, accepted, n, L, d, colour, seed, stream, kappa, a, b, then {@code extra}.
     */
    static double sweepHypercubic(DeviceCouplings dc, LatticeField field, Kernel kernel, long seed, long step,
                                  double perSite, java.util.function.Consumer<KernelArgs> extra) {
        HomogeneousTheory t = dc.homogeneous();
        var lattice = dc.couplings().lattice();
        double accepted = 0.0;
        for (int colour = 0; colour < 2; colour++) {
            KernelArgs args = new KernelArgs()
                    .buffer(field.device()).buffer(dc.accepted)
                    .i32(dc.halfVolume).i32(lattice.size()).i32(lattice.dim()).i32(colour)
                    .i64(seed).i64(StreamMap.stream(step, colour))
                    .f64(t.kappa()).f64(t.a()).f64(t.b());
            extra.accept(args);
            dc.backend().launch(kernel, dc.halfVolume, args);
            field.deviceModified();
            accepted += dc.acceptedSum();
        }
        return accepted / (2.0 * dc.halfVolume * perSite);
    }
}
