package org.nnft.lattice.update;

import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelArgs;

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
}
