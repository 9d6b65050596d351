package org.nnft.ensemble;

/**
 * Where and how a sample was produced.
 *
 * @param backend     backend name ("cpu", "cuda", ...); for a merged result, the distinct names joined by '+'
 * @param device      device description
 * @param seed        Philox seed
 * @param networks    networks sampled (all shards included)
 * @param blockSize   networks per kernel work item
 * @param shards      shard indices included, as "i/k" or "all k"
 * @param wallSeconds wall-clock seconds spent sampling (summed over shards)
 */
public record Provenance(String backend, String device, long seed, long networks, int blockSize, String shards,
                        double wallSeconds) {
}
