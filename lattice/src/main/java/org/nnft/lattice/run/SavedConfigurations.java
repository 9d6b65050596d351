package org.nnft.lattice.run;

import java.util.Arrays;
import java.util.Locale;

/**
 * The measured field configurations of a lattice run, kept for the caller: measurement i (0-based, in the order of
 * the measurement series) is kept when {@code i % every == 0}, as the lattice's site vector (site index
 * {@code x = x_0 + L x_1 + ...}, so a C-order array of shape {@link #shape()} = [kept, L, ..., L] is indexed
 * {@code [i, x_{d-1}, ..., x_1, x_0]}). The run's size is checked before it starts: at most {@link #MAX_BYTES}
 * (512 MiB) of doubles and an eighth of the Java heap (the values, their file bytes and an export copy are held at
 * once).
 */
public final class SavedConfigurations {
    /** The largest total of kept configurations, in bytes of float64 values: 512 MiB. */
    public static final long MAX_BYTES = 512L << 20;

    private final int every;
    private final int volume;
    private final int[] shape;
    private final double[] values;
    private int kept;

    private SavedConfigurations(LatticeRun.Config c, int every, int count) {
        this.every = every;
        this.volume = (int) Math.pow(c.size(), c.dim());
        this.shape = new int[c.dim() + 1];
        Arrays.fill(shape, c.size());
        shape[0] = count;
        this.values = new double[count * volume];
    }

    /** Measurements of the run {@code c}: one every {@code measureEvery} of its sweeps. */
    public static long measurements(LatticeRun.Config c) {
        return c.sweeps() / c.measureEvery();
    }

    /** Configurations kept of the run {@code c} with one every {@code every} measurements. */
    public static long count(LatticeRun.Config c, int every) {
        return (measurements(c) + every - 1) / every;
    }

    /** Bytes (float64) of the configurations kept of the run {@code c}. */
    public static double bytes(LatticeRun.Config c, int every) {
        return count(c, every) * Math.pow(c.size(), c.dim()) * Double.BYTES;
    }

    /**
     * Checks the size before the run and allocates the store.
     *
     * @param every    keep one every this many measurements, >= 1
     * @param heapLimit the Java heap's maximum (bytes); at most an eighth of it is used
     */
    public static SavedConfigurations of(LatticeRun.Config c, int every, long heapLimit) {
        if (every < 1) {
            throw new IllegalArgumentException("save-configs-every must be >= 1 measurement, got " + every);
        }
        double need = bytes(c, every);
        double limit = Math.min(MAX_BYTES, heapLimit / 8.0);
        if (need > limit) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "save-configs: %d configurations"
                    + " of %d^%d sites need %.1f MiB, more than the limit of %.1f MiB (512 MiB and an eighth of the"
                    + " Java heap); keep fewer (save-configs-every) or run fewer sweeps", count(c, every), c.size(),
                    c.dim(), need / (1 << 20), limit / (1 << 20)));
        }
        return new SavedConfigurations(c, every, (int) count(c, every));
    }

    /** Called for measurement {@code index} with the field then (site vector; not kept). */
    void measured(long index, double[] field) {
        if (index % every != 0) {
            return;
        }
        int slot = (int) (index / every);
        if (slot >= shape[0] || field.length != volume) {
            throw new IllegalStateException("configuration " + slot + " does not fit the store of " + shape[0]);
        }
        System.arraycopy(field, 0, values, slot * volume, volume);
        kept = Math.max(kept, slot + 1);
    }

    /** Keep one every this many measurements. */
    public int every() {
        return every;
    }

    /** Configurations kept so far. */
    public int kept() {
        return kept;
    }

    /** [kept configurations, L, ..., L] once the run is done. */
    public int[] shape() {
        return shape.clone();
    }

    /** The kept configurations, one site vector after another (shared: read only). */
    public double[] values() {
        return values;
    }
}
