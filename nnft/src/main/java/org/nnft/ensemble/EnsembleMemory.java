package org.nnft.ensemble;

import java.util.Locale;

/**
 * Memory an ensemble run needs, estimated before the tuple set is built or anything is sampled, so that a run that
 * cannot fit (64 points to order 6 are 1.3e8 tuples) is refused at once with the estimate and the limit instead of
 * failing after minutes with an {@link OutOfMemoryError}.
 *
 * <p>Per tuple on the host: the tuple set itself (the sites, the index map, the prefix tables and the kernel's tuple
 * table: {@value #TUPLE_BYTES} bytes), the per-bin sums of the sampled bins, their merged copy, the file form and its
 * JSON text ({@code 4 J} doubles), and the estimates ({@value #ESTIMATE_BYTES} bytes). On the backend: the kernel's
 * tuple table ({@code 4 maxOrder} bytes per tuple) and one launch's output ({@code launchBlocks (tuples + 1)}
 * doubles).
 */
public final class EnsembleMemory {
    /** Host bytes of one tuple of the tuple set (an upper estimate). */
    static final int TUPLE_BYTES = 200;
    /** Host bytes of one tuple's estimates (moments, connected parts, errors, jackknife accumulators). */
    static final int ESTIMATE_BYTES = 128;

    private EnsembleMemory() {
    }

    /** The number of sorted tuples {@code i1 <= .. <= in} of orders 1..maxOrder over {@code sites} sites. */
    public static double tupleCount(int sites, int maxOrder) {
        double total = 0;
        double c = 1;
        for (int n = 1; n <= maxOrder; n++) {
            c = c * (sites + n - 1) / n;
            total += c;
        }
        return total;
    }

    /** Host bytes of a run with {@code tuples} tuples and {@code bins} jackknife bins (an upper estimate). */
    public static double hostBytes(double tuples, int bins) {
        return tuples * (TUPLE_BYTES + ESTIMATE_BYTES + 4.0 * Double.BYTES * bins);
    }

    /** Backend bytes of a launch of {@code launchBlocks} blocks over {@code tuples} tuples of order maxOrder. */
    public static double deviceBytes(double tuples, int maxOrder, int launchBlocks) {
        return tuples * Integer.BYTES * maxOrder + (double) launchBlocks * (tuples + 1) * Double.BYTES;
    }

    /** Refuses a run whose host estimate exceeds {@code hostLimit} bytes (the Java heap limit). */
    public static void requireHost(int sites, int maxOrder, double tuples, int bins, long hostLimit) {
        double bytes = hostBytes(tuples, bins);
        if (bytes > hostLimit) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%d sites up to order %d are %.3g tuples;"
                    + " with %d jackknife bins they need about %s of memory, more than the %s the Java heap may use"
                    + " (-Xmx): use fewer points, a lower order or fewer bins", sites, maxOrder, tuples, bins,
                    human(bytes), human(hostLimit)));
        }
    }

    /** Refuses a run whose backend estimate exceeds {@code deviceLimit} bytes (0 or less: unknown, not checked). */
    public static void requireDevice(EnsembleConfig c, long deviceLimit) {
        double bytes = deviceBytes(c.tuples().size(), c.tuples().maxOrder(), c.launchBlocks());
        if (deviceLimit > 0 && bytes > deviceLimit) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%d tuples need about %s of backend memory,"
                    + " more than the device's %s", c.tuples().size(), human(bytes), human(deviceLimit)));
        }
    }

    static String human(double bytes) {
        return bytes >= 1e9 ? String.format(Locale.ROOT, "%.3g GB", bytes / 1e9)
                : String.format(Locale.ROOT, "%.3g MB", bytes / 1e6);
    }
}
