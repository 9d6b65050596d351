package org.nnft.engine.kernel;

/** Type of one kernel argument, in the order the kernel function declares them. */
public enum ArgType {
    /** {@code GLOBAL float*}: an F32 buffer. */
    F32_BUFFER,
    /** {@code GLOBAL double*}: an F64 buffer. */
    F64_BUFFER,
    /** {@code GLOBAL int*}: an I32 buffer. */
    I32_BUFFER,
    /** {@code int} by value. */
    INT,
    /** {@code long} (64-bit, {@code i64} in the portable dialect) by value. */
    LONG,
    /** {@code float} by value. */
    FLOAT,
    /** {@code double} by value. */
    DOUBLE;

    /** Whether this argument is a buffer. */
    public boolean isBuffer() {
        return this == F32_BUFFER || this == F64_BUFFER || this == I32_BUFFER;
    }
}
