package org.nnft.engine.kernel;

/**
 * The arguments of a kernel as its CPU body sees them: buffers as the CPU backend's host arrays,
 * scalars by value. Indices are argument positions in the kernel signature.
 */
public interface CpuArgs {
    float[] floats(int index);

    double[] doubles(int index);

    int[] ints(int index);

    int intArg(int index);

    long longArg(int index);

    float floatArg(int index);

    double doubleArg(int index);
}
