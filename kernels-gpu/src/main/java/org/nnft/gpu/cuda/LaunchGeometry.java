package org.nnft.gpu.cuda;

import org.nnft.engine.EngineException;

/**
 * Grid and block sizes of a one-dimensional launch: {@code globalSize} work items rounded up to whole
 * blocks of the requested size, or of {@link #DEFAULT_BLOCK} (capped by the kernel's limit) when the
 * caller leaves the choice to the driver.
 *
 * @param grid  number of blocks ({@code gridDimX}); 0 for an empty launch
 * @param block threads per block ({@code blockDimX})
 */
record LaunchGeometry(int grid, int block) {
    /** Block size used when the caller does not ask for one. */
    static final int DEFAULT_BLOCK = 256;
    /** Largest {@code gridDimX} of every CUDA device since compute capability 3.0. */
    static final long MAX_GRID = Integer.MAX_VALUE;

    /**
     * The geometry for {@code globalSize} items with blocks of {@code localSize} (0: driver's choice)
     * for a kernel that allows at most {@code kernelMaxThreads} threads per block.
     */
    static LaunchGeometry of(long globalSize, int localSize, int kernelMaxThreads) {
        if (globalSize < 0) {
            throw new EngineException("cuda: global size must be >= 0, got " + globalSize);
        }
        if (localSize < 0) {
            throw new EngineException("cuda: work-group size must be >= 0, got " + localSize);
        }
        int limit = Math.max(1, kernelMaxThreads);
        int block;
        if (localSize == 0) {
            block = Math.min(DEFAULT_BLOCK, limit);
        } else if (localSize > limit) {
            throw new EngineException("cuda: work-group size " + localSize + " exceeds this kernel's limit of "
                    + limit + " threads per block");
        } else {
            block = localSize;
        }
        long grid = (globalSize + block - 1) / block;
        if (grid > MAX_GRID) {
            throw new EngineException("cuda: global size " + globalSize + " needs " + grid
                    + " blocks of " + block + ", more than the grid limit " + MAX_GRID);
        }
        return new LaunchGeometry((int) grid, block);
    }
}
