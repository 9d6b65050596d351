package org.nnft.backend.cpu;

import org.nnft.engine.kernel.CpuArgs;
import org.nnft.engine.kernel.CpuKernel;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelArgs;

/**
 * {@link org.nnft.engine.Backend#launch}: splits the work items into contiguous chunks over the
 * pool; a chunk gets at least the kernel's {@link Kernel#cpuGrain()} items, so small launches stay on
 * the calling thread. Runs the
 * kernel's CPU fast path unless the backend was asked for its scalar reference paths.
 */
final class KernelLauncher {
    private final WorkPool pool;
    private final boolean scalar;

    KernelLauncher(WorkPool pool, boolean scalar) {
        this.pool = pool;
        this.scalar = scalar;
    }

    void launch(Kernel kernel, long globalSize, KernelArgs args) {
        CpuArgs resolved = HostArgs.resolve(args);
        CpuKernel body = kernel.cpu(scalar);
        pool.runRanges(globalSize, pool.tasksFor(globalSize, kernel.cpuGrain()),
                (from, to) -> body.run(resolved, from, to));
    }

    /** Kernel arguments resolved once per launch: buffers as their host arrays, scalars boxed. */
    private record HostArgs(Object[] values) implements CpuArgs {
        static HostArgs resolve(KernelArgs args) {
            Object[] values = new Object[args.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = args.type(i).isBuffer()
                        ? ((CpuBuffer) args.bufferAt(i)).array("kernel argument " + i) : args.value(i);
            }
            return new HostArgs(values);
        }

        @Override
        public float[] floats(int index) {
            return (float[]) values[index];
        }

        @Override
        public double[] doubles(int index) {
            return (double[]) values[index];
        }

        @Override
        public int[] ints(int index) {
            return (int[]) values[index];
        }

        @Override
        public int intArg(int index) {
            return (Integer) values[index];
        }

        @Override
        public long longArg(int index) {
            return (Long) values[index];
        }

        @Override
        public float floatArg(int index) {
            return (Float) values[index];
        }

        @Override
        public double doubleArg(int index) {
            return (Double) values[index];
        }
    }
}
