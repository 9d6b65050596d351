package org.nnft.lattice.update;

import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelArgs;
import org.nnft.engine.kernel.Param;
import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.lattice.geometry.Lattice;

import java.util.function.Consumer;

import static org.nnft.lattice.update.HypercubicMetropolisKernel.ACCEPTED;
import static org.nnft.lattice.update.HypercubicMetropolisKernel.COLOUR;
import static org.nnft.lattice.update.HypercubicMetropolisKernel.DIM;
import static org.nnft.lattice.update.HypercubicMetropolisKernel.FIELD;
import static org.nnft.lattice.update.HypercubicMetropolisKernel.KAPPA;
import static org.nnft.lattice.update.HypercubicMetropolisKernel.N;
import static org.nnft.lattice.update.HypercubicMetropolisKernel.QA;
import static org.nnft.lattice.update.HypercubicMetropolisKernel.QB;
import static org.nnft.lattice.update.HypercubicMetropolisKernel.SEED;
import static org.nnft.lattice.update.HypercubicMetropolisKernel.SIZE;
import static org.nnft.lattice.update.HypercubicMetropolisKernel.STREAM;

/** Launches a local-update kernel on every colour in turn; shared by the checkerboard updates. */
final class Checkerboard {
    private Checkerboard() {
    }

    /**
     * Runs table kernel {@code kernel} (shared parameters {@code tables}, linear-term buffer {@code linear}) on each
     * colour of {@code dc} in order; {@code own} sets the kernel's own arguments. Returns the accepted count per site
     * divided by {@code perSite}. Colour c draws from stream {@code StreamMap.stream(step, parity of c)}
     * ({@link StreamMap}).
     */
    static double sweep(DeviceCouplings dc, LatticeField field, Kernel kernel, TableParams tables,
                        Param.F64Buffer linear, long seed, long step, double perSite, Consumer<KernelArgs> own) {
        double accepted = 0.0;
        for (int colour = 0; colour < dc.colours(); colour++) {
            KernelArgs args = kernel.params().args()
                    .set(tables.accepted(), dc.accepted)
                    .set(tables.sites(), dc.sites[colour]).set(tables.nbr(), dc.neighbours)
                    .set(tables.hop(), dc.hopping).set(tables.qa(), dc.quadratic).set(tables.qb(), dc.quartic)
                    .set(tables.n(), dc.sitesPerColour).set(tables.coord(), dc.couplings().coordination())
                    .set(tables.seed(), seed).set(tables.stream(), StreamMap.stream(step, dc.parities[colour]))
                    .set(linear, dc.linear);
            tables.setField(args, field.device());
            own.accept(args);
            dc.backend().launch(kernel, dc.sitesPerColour, args);
            field.deviceModified();
            accepted += dc.acceptedSum();
        }
        return accepted / ((double) dc.colours() * dc.sitesPerColour * perSite);
    }

    /**
     * {@link #sweep} for {@link HypercubicMetropolisKernel} (or a copy of it) on a homogeneous theory
     * (dc.homogeneous() != null), with step size {@code delta} and {@code hits} hits per site.
     */
    static double sweepHypercubic(DeviceCouplings dc, LatticeField field, Kernel kernel, long seed, long step,
                                  double delta, int hits) {
        HomogeneousTheory t = dc.homogeneous();
        Lattice lattice = dc.couplings().lattice();
        double accepted = 0.0;
        for (int colour = 0; colour < 2; colour++) {
            KernelArgs args = kernel.params().args()
                    .set(FIELD, field.device()).set(ACCEPTED, dc.accepted)
                    .set(N, dc.sitesPerColour).set(SIZE, lattice.size()).set(DIM, lattice.dim()).set(COLOUR, colour)
                    .set(SEED, seed).set(STREAM, StreamMap.stream(step, colour))
                    .set(KAPPA, t.kappa()).set(QA, t.a()).set(QB, t.b())
                    .set(HypercubicMetropolisKernel.DELTA, delta).set(HypercubicMetropolisKernel.HITS, hits);
            dc.backend().launch(kernel, dc.sitesPerColour, args);
            field.deviceModified();
            accepted += dc.acceptedSum();
        }
        return accepted / (2.0 * dc.sitesPerColour * hits);
    }

    /**
     * {@link #sweepHypercubic} in single precision: {@link SingleMetropolisKernel} on the float32 field, with the
     * couplings and {@code delta} rounded to float.
     */
    static double sweepSingle(DeviceCouplings dc, LatticeField field, long seed, long step, double delta, int hits) {
        return sweepSingle(dc, field, SingleMetropolisKernel.KERNEL, seed, step, delta, hits);
    }

    /** {@link #sweepSingle} with {@code kernel} (a copy of {@link SingleMetropolisKernel#KERNEL}). */
    static double sweepSingle(DeviceCouplings dc, LatticeField field, Kernel kernel, long seed, long step,
                              double delta, int hits) {
        HomogeneousTheory t = dc.homogeneous();
        Lattice lattice = dc.couplings().lattice();
        double accepted = 0.0;
        for (int colour = 0; colour < 2; colour++) {
            KernelArgs args = kernel.params().args()
                    .set(SingleMetropolisKernel.FIELD, field.device()).set(SingleMetropolisKernel.ACCEPTED, dc.accepted)
                    .set(SingleMetropolisKernel.N, dc.sitesPerColour).set(SingleMetropolisKernel.SIZE, lattice.size())
                    .set(SingleMetropolisKernel.DIM, lattice.dim()).set(SingleMetropolisKernel.COLOUR, colour)
                    .set(SingleMetropolisKernel.SEED, seed).set(SingleMetropolisKernel.STREAM,
                            StreamMap.stream(step, colour))
                    .set(SingleMetropolisKernel.KAPPA, (float) t.kappa()).set(SingleMetropolisKernel.QA, (float) t.a())
                    .set(SingleMetropolisKernel.QB, (float) t.b()).set(SingleMetropolisKernel.DELTA, (float) delta)
                    .set(SingleMetropolisKernel.HITS, hits);
            dc.backend().launch(kernel, dc.sitesPerColour, args);
            field.deviceModified();
            accepted += dc.acceptedSum();
        }
        return accepted / (2.0 * dc.sitesPerColour * hits);
    }
}
