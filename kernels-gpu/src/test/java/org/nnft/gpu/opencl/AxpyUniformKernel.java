package org.nnft.gpu.opencl;

import org.nnft.engine.kernel.ArgType;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelSource;
import org.nnft.engine.random.RandomStreams;

/**
 * A test domain kernel, C body in {@code axpy_uniform.c}: {@code y = a x + U_double(seed, stream, i)},
 * {@code z = b (float) x + U_float(seed, stream + 1, i)}, {@code w = (word(seed, stream, i) >>> 8) + shift}.
 */
final class AxpyUniformKernel {
    static final Kernel KERNEL = Kernel.of("axpy_uniform",
            KernelSource.resource(AxpyUniformKernel.class, "axpy_uniform.c"),
            (args, from, to) -> {
                double a = args.doubleArg(1);
                double[] x = args.doubles(2);
                double[] y = args.doubles(3);
                float b = args.floatArg(4);
                float[] z = args.floats(5);
                int shift = args.intArg(6);
                int[] w = args.ints(7);
                long seed = args.longArg(8);
                long stream = args.longArg(9);
                long n = args.longArg(0);
                for (long i = from; i < Math.min(to, n); i++) {
                    int j = (int) i;
                    y[j] = a * x[j] + RandomStreams.uniformDouble(seed, stream, i);
                    z[j] = b * (float) x[j] + RandomStreams.uniformFloat(seed, stream + 1, i);
                    w[j] = (RandomStreams.word(seed, stream, i) >>> 8) + shift;
                }
            },
            ArgType.LONG, ArgType.DOUBLE, ArgType.F64_BUFFER, ArgType.F64_BUFFER, ArgType.FLOAT, ArgType.F32_BUFFER,
            ArgType.INT, ArgType.I32_BUFFER, ArgType.LONG, ArgType.LONG);

    private AxpyUniformKernel() {
    }
}
