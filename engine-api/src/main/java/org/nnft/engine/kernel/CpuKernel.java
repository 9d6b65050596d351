package org.nnft.engine.kernel;

/**
 * The Java body of a {@link Kernel}: runs work items {@code [from, to)}. The CPU backend calls it
 * from several threads on disjoint ranges, so it must write only the outputs of its own work items.
 */
@FunctionalInterface
public interface CpuKernel {
    void run(CpuArgs args, long from, long to);
}
