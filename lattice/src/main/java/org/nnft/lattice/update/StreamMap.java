package org.nnft.lattice.update;

/**
 * Stream map of the lattice module. Every elementary update of a chain has a step number
 * {@code step = 0, 1, 2, ...} (the chain counts updates, not sweeps), and owns the two Philox streams
 * {@code 2 step} and {@code 2 step + 1}:
 * <ul>
 *   <li>checkerboard kernels: stream {@code 2 step + colour}, block {@code x * hits + h} (Metropolis),
 *       {@code x} (overrelaxation), {@code x * tries + t} (heat bath);</li>
 *   <li>Wolff clusters: stream {@code 2 step} block {@code c} picks the seed site of cluster c,
 *       stream {@code 2 step + 1} block {@code c * links + link} decides bond {@code link} in cluster c;</li>
 *   <li>Swendsen-Wang: uniform double {@code link} of stream {@code 2 step} decides bond {@code link}, uniform double
 *       {@code x0} of stream {@code 2 step + 1} flips the cluster whose smallest site is x0;</li>
 *   <li>HMC: stream {@code 2 step} normal {@code x} is momentum x, stream {@code 2 step + 1} block 0 the accept variate;</li>
 *   <li>random start: stream {@link #INITIAL} (never produced by a step, steps are non-negative).</li>
 * </ul>
 */
public final class StreamMap {
    /** Stream of the random start configuration. */
    public static final long INITIAL = -1L;

    private StreamMap() {
    }

    /** Stream of colour or slot {@code slot} (0 or 1) of elementary update {@code step}. */
    public static long stream(long step, int slot) {
        return 2L * step + slot;
    }
}
