package org.nnft.lattice.update;

/**
 * Stream map of the lattice module. Every elementary update of a chain has a step number
 * {@code step = 0, 1, 2, ...} (the chain counts updates, not sweeps), and owns the two Philox streams
 * {@code 2 step} and {@code 2 step + 1}:
 * <ul>
 *   <li>checkerboard kernels: stream {@code 2 step + colour}; block {@code MetropolisKernel.firstBlock(x, hits)
 *       + 16 h}, words {@code MetropolisKernel.firstWord(x)} and the next (Metropolis: sites x and x + 32 of a colour
 *       share a block), the second of those words at hit 0 (overrelaxation), block {@code x * tries + t} (heat
 *       bath); with the 2^d parity classes of diagonal couplings, class c uses stream
 *       {@code 2 step + (parity of c)}, i.e. every site draws from the same (stream, block, words) as in the
 *       two-colour checkerboard (addressed by site, so classes of equal parity never share them);</li>
 *   <li>Wolff clusters: stream {@code 2 step} block {@code c} picks the seed site of cluster c (words 0,1) and,
 *       with a linear term, gives the accept variate of its flip (words 2,3); stream {@code 2 step + 1} block
 *       {@code c * pairs + pair} decides bond {@code pair} ({@code Couplings.pairIndex}; pairs = links without
 *       diagonal couplings) in cluster c;</li>
 *   <li>Swendsen-Wang: uniform double {@code link} of stream {@code 2 step} decides bond {@code link}, uniform double
 *       {@code x0} of stream {@code 2 step + 1} flips the cluster whose smallest site is x0;</li>
 *   <li>HMC: stream {@code 2 step} normal {@code x} is momentum x, stream {@code 2 step + 1} block 0 the accept
 *       variate;</li>
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
