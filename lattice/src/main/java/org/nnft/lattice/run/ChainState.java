package org.nnft.lattice.run;

import java.util.List;

/**
 * Complete state of a {@link MarkovChain}: seed, sweeps and elementary steps done, the field, the tunable
 * parameter of each distinct update (NaN where none), and the measurement rows so far with their names.
 */
public record ChainState(long seed, long sweep, long step, double[] field, double[] tunings,
                         List<String> names, double[][] rows) {
}
