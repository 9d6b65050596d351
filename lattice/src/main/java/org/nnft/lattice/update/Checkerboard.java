package org.nnft.lattice.update;

import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelArgs;

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
}
