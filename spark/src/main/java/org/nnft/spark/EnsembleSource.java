package org.nnft.spark;

import org.nnft.ensemble.EnsembleConfig;

import java.io.Serializable;

/**
 * A recipe for an {@link EnsembleConfig} that Spark can ship to its tasks: each task calls {@link #config()} and
 * must get the same run (any whole-run config; the job picks the shards). {@link EnsembleSpec} is the command
 * line's; a serialisable lambda does for tests and programs.
 */
@FunctionalInterface
public interface EnsembleSource extends Serializable {
    /** The run (all shards). */
    EnsembleConfig config();
}
