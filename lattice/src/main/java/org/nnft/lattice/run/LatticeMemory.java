package org.nnft.lattice.run;

import org.nnft.lattice.geometry.Lattice;

import java.util.Locale;

/**
 * Memory a {@link LatticeRun} needs, estimated from its configuration before anything is allocated, so that a run
 * that cannot fit is refused at once with the estimate and the limit instead of failing late with an
 * {@link OutOfMemoryError}.
 *
 * <p>Per site: the neighbour table, the link weights and per-site couplings, the neighbour and hopping tables the
 * updates read (host copies and backend copies), the field (host, backend, start and snapshot), the cluster work
 * arrays: {@code 64 d + 160} bytes, an upper estimate. Per measurement: one row of {@code 17 + L} doubles (the
 * observables, the time slices, at most five acceptances), held by the series, by its copies for the analysis and,
 * with checkpoints, by the checkpoint's state and bytes: {@code 4 (24 + 8 (17 + L))} bytes. The backend holds the
 * tables and the field: {@code 24 d + 48} bytes per site, checked against its reported memory.
 */
public final class LatticeMemory {
    private LatticeMemory() {
    }

    /** Host bytes a run of {@code c} needs (an upper estimate); the volume check of {@link Lattice} comes first. */
    public static double hostBytes(LatticeRun.Config c, boolean checkpoints) {
        double sites = Math.pow(c.size(), c.dim());
        double measurements = Math.floor((double) c.sweeps() / c.measureEvery());
        double row = 24 + 8.0 * (17 + c.size());
        return sites * (64.0 * c.dim() + 160) + measurements * row * (checkpoints ? 4 : 2);
    }

    /** Backend bytes a run of {@code c} needs (an upper estimate). */
    public static double deviceBytes(LatticeRun.Config c) {
        return Math.pow(c.size(), c.dim()) * (24.0 * c.dim() + 48);
    }

    /**
     * Refuses a run that does not fit: the lattice too large for its site tables, or the estimate above
     * {@code hostLimit} (the Java heap limit) or above {@code deviceLimit} (the backend's memory; 0 or less when
     * unknown).
     */
    public static void require(LatticeRun.Config c, boolean checkpoints, long hostLimit, long deviceLimit) {
        Lattice.requireTableable(c.dim(), c.size());
        double host = hostBytes(c, checkpoints);
        if (host > hostLimit) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "lattice %d^%d with %d measurements needs"
                    + " about %s of memory, more than the %s the Java heap may use (-Xmx)", c.size(), c.dim(),
                    c.sweeps() / c.measureEvery(), human(host), human(hostLimit)));
        }
        double device = deviceBytes(c);
        if (deviceLimit > 0 && device > deviceLimit) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "lattice %d^%d needs about %s of backend"
                    + " memory, more than the device's %s", c.size(), c.dim(), human(device), human(deviceLimit)));
        }
    }

    static String human(double bytes) {
        if (bytes >= 1e9) {
            return String.format(Locale.ROOT, "%.3g GB", bytes / 1e9);
        }
        return String.format(Locale.ROOT, "%.3g MB", bytes / 1e6);
    }
}
