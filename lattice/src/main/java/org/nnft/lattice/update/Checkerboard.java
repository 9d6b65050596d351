package org.nnft.lattice.update;

import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelArgs;
import org.nnft.lattice.action.HomogeneousTheory;

/** Launches a local-update kernel on every colour in turn; shared by the checkerboard updates. */
final class Checkerboard {
    private Checkerboard() {
    }

    /**
     * Runs {@code kernel} on each colour of {@code dc} in order with the common arguments, then {@code extra},
     * then the linear-term buffer (the last kernel argument), and returns the accepted count per site divided
     * by {@code perSite}. Colour c draws from stream {@code StreamMap.stream(step, parity of c)}
     * ({@link StreamMap}).
     */
    static double sweep(DeviceCouplings dc, LatticeField field, Kernel kernel, long seed, long step,
                        double perSite, java.util.function.Consumer<KernelArgs> extra) {
        double accepted = 0.0;
        for (int colour = 0; colour < dc.colours(); colour++) {
            KernelArgs args = new KernelArgs()
                    .buffer(field.device()).buffer(dc.accepted).buffer(dc.sites[colour]).buffer(dc.neighbours)
                    .buffer(dc.hopping).buffer(dc.quadratic).buffer(dc.quartic)
                    .i32(dc.sitesPerColour).i32(dc.couplings().coordination())
                    .i64(seed).i64(StreamMap.stream(step, dc.parities[colour]));
            extra.accept(args);
            args.buffer(dc.linear);
            dc.backend().launch(kernel, dc.sitesPerColour, args);
            field.deviceModified();
            accepted += dc.acceptedSum();
        }
        return accepted / ((double) dc.colours() * dc.sitesPerColour * perSite);
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
                    .i32(dc.sitesPerColour).i32(lattice.size()).i32(lattice.dim()).i32(colour)
                    .i64(seed).i64(StreamMap.stream(step, colour))
                    .f64(t.kappa()).f64(t.a()).f64(t.b());
            extra.accept(args);
            dc.backend().launch(kernel, dc.sitesPerColour, args);
            field.deviceModified();
            accepted += dc.acceptedSum();
        }
        return accepted / (2.0 * dc.sitesPerColour * perSite);
    }
}
