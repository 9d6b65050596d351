package org.nnft.spark;

import java.io.Serializable;

/**
 * What a task sends back to the driver for one jackknife bin: the bin's block sums as plain arrays (the
 * {@link org.nnft.stats.BlockMoments.Data} of the bin) and where and how long it ran.
 *
 * @param bin     the global jackknife bin index
 * @param blockIds the bin's block ids (one: the bin index)
 * @param counts  networks per block
 * @param sums    tuple sums per block
 * @param backend the backend's name
 * @param device  the device it ran on
 * @param seconds the bin's wall time
 */
record BinSums(int bin, long[] blockIds, long[] counts, double[][] sums, String backend, String device,
               double seconds) implements Serializable {
}
