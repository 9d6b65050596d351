package org.nnft.engine;

/** Element type of a {@link DeviceBuffer}. */
public enum DType {
    /** IEEE-754 binary32. */
    F32(4),
    /** IEEE-754 binary64. */
    F64(8),
    /** Two's-complement 32-bit integer. */
    I32(4);

    private final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }
}
