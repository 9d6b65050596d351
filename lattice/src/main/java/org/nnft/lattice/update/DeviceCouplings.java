package org.nnft.lattice.update;

import org.nnft.engine.Backend;
import org.nnft.engine.DType;
import org.nnft.engine.DeviceBuffer;
import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.lattice.geometry.Lattice;

/**
 * What the local-update kernels read, uploaded once: the interaction neighbour table
 * {@code [x*c+k]} and the aligned hopping weights ({@link Couplings#neighbourTable()},
 * {@link Couplings#hoppingTable()}, c = {@link Couplings#coordination()}), a_x, b_x, the linear term h_x,
 * the site lists of every colour and a per-work-item acceptance buffer.
 *
 * <p>Colouring: with nearest-neighbour couplings only, the two checkerboard colours (parity of
 * {@code sum x_mu}); with diagonal (next-nearest-neighbour) couplings, whose ends share the checkerboard colour,
 * the 2^d parity classes of {@link Lattice#parityClass}. Either way no two coupled sites share a colour, and L
 * must be even.
 */
public final class DeviceCouplings implements AutoCloseable {
    private final Backend backend;
    private final Couplings couplings;
    final DeviceBuffer neighbours;
    final DeviceBuffer hopping;
    final DeviceBuffer quadratic;
    final DeviceBuffer quartic;
    final DeviceBuffer linear;
    final DeviceBuffer[] sites;
    final int[] parities;
    final DeviceBuffer accepted;
    final int sitesPerColour;
    private final HomogeneousTheory homogeneous;

    public DeviceCouplings(Backend backend, Couplings couplings) {
        Lattice lattice = couplings.lattice();
        lattice.requireCheckerboard();
        this.backend = backend;
        this.couplings = couplings;
        this.neighbours = backend.upload(couplings.neighbourTable());
        this.hopping = backend.upload(couplings.hoppingTable());
        this.quadratic = backend.upload(couplings.quadratic());
        this.quartic = backend.upload(couplings.quartic());
        this.linear = backend.upload(couplings.linear());
        int colours = couplings.hasDiagonal() ? 1 << lattice.dim() : 2;
        this.sites = new DeviceBuffer[colours];
        this.parities = new int[colours];
        for (int c = 0; c < colours; c++) {
            sites[c] = backend.upload(couplings.hasDiagonal() ? lattice.sitesOfParityClass(c)
                    : lattice.sitesOfColour(c));
            parities[c] = Integer.bitCount(c) & 1;
        }
        this.sitesPerColour = lattice.volume() / colours;
        this.accepted = backend.allocate(DType.F64, sitesPerColour);
        this.homogeneous = homogeneousOf(couplings);
    }

    /**
     * (kappa, a, b) when every link weight, every a_x and every b_x are equal and there is neither a
     * linear term nor a diagonal coupling, else null.
     */
    private static HomogeneousTheory homogeneousOf(Couplings c) {
        if (c.hasDiagonal() || c.hasLinear()) {
            return null;
        }
        double[] w = c.linkWeights();
        double[] a = c.quadratic();
        double[] b = c.quartic();
        return allEqual(w) && allEqual(a) && allEqual(b) ? new HomogeneousTheory(w[0], a[0], b[0]) : null;
    }

    private static boolean allEqual(double[] v) {
        for (double x : v) {
            if (Double.compare(x, v[0]) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The homogeneous couplings (kappa, a, b) if the theory is homogeneous, for the index-arithmetic kernels; else
     * null.
     */
    HomogeneousTheory homogeneous() {
        return homogeneous;
    }

    public Backend backend() {
        return backend;
    }

    public Couplings couplings() {
        return couplings;
    }

    /** Number of colours updated one after the other in a sweep (2, or 2^d with diagonal couplings). */
    public int colours() {
        return sites.length;
    }

    /** Sum of the acceptance buffer after a launch over one colour. */
    double acceptedSum() {
        return backend.sum(accepted);
    }

    @Override
    public void close() {
        for (DeviceBuffer b : new DeviceBuffer[] {neighbours, hopping, quadratic, quartic, linear, accepted}) {
            b.close();
        }
        for (DeviceBuffer b : sites) {
            b.close();
        }
    }
}
