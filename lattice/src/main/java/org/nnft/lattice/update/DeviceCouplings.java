package org.nnft.lattice.update;

import org.nnft.engine.Backend;
import org.nnft.engine.DType;
import org.nnft.engine.DeviceBuffer;
import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.lattice.geometry.Lattice;

/**
 * What the checkerboard kernels read, uploaded once: neighbour table {@code [x*2d+k]}, the aligned
 * hopping weights, a_x, b_x, the site lists of both colours and a per-work-item acceptance buffer.
 */
public final class DeviceCouplings implements AutoCloseable {
    private final Backend backend;
    private final Couplings couplings;
    final DeviceBuffer neighbours;
    final DeviceBuffer hopping;
    final DeviceBuffer quadratic;
    final DeviceBuffer quartic;
    final DeviceBuffer[] sites = new DeviceBuffer[2];
    final DeviceBuffer accepted;
    final int halfVolume;
    private final HomogeneousTheory homogeneous;

    public DeviceCouplings(Backend backend, Couplings couplings) {
        Lattice lattice = couplings.lattice();
        lattice.requireCheckerboard();
        this.backend = backend;
        this.couplings = couplings;
        this.neighbours = backend.upload(lattice.neighbourTable());
        this.hopping = backend.upload(couplings.hoppingTable());
        this.quadratic = backend.upload(couplings.quadratic());
        this.quartic = backend.upload(couplings.quartic());
        this.sites[0] = backend.upload(lattice.sitesOfColour(0));
        this.sites[1] = backend.upload(lattice.sitesOfColour(1));
        this.halfVolume = lattice.volume() / 2;
        this.accepted = backend.allocate(DType.F64, halfVolume);
        this.homogeneous = homogeneousOf(couplings);
    }

    /** (kappa, a, b) when every link weight, every a_x and every b_x are equal, else null. */
    private static HomogeneousTheory homogeneousOf(Couplings c) {
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

    /** The homogeneous couplings (kappa, a, b) if the theory is homogeneous, for the index-arithmetic kernels; else null. */
    HomogeneousTheory homogeneous() {
        return homogeneous;
    }

    public Backend backend() {
        return backend;
    }

    public Couplings couplings() {
        return couplings;
    }

    /** Sum of the acceptance buffer after a launch over one colour. */
    double acceptedSum() {
        return backend.summarize(accepted).sum();
    }

    @Override
    public void close() {
        for (DeviceBuffer b : new DeviceBuffer[] {neighbours, hopping, quadratic, quartic, sites[0], sites[1], accepted}) {
            b.close();
        }
    }
}
