package org.nnft.engine;

/**
 * Argument checks shared by every backend's buffers and operations, so that every backend reports
 * misuse with the same message.
 */
public final class Buffers {
    private Buffers() {
    }

    /** Largest element count a host array may hold. */
    public static final int MAX_HOST_ARRAY = Integer.MAX_VALUE - 8;

    /** Throws unless {@code length} is a valid buffer length. */
    public static void checkLength(long length) {
        if (length < 0) {
            throw new EngineException("buffer length must be >= 0, got " + length);
        }
    }

    /** Throws unless the buffer is open and of the expected type. */
    public static void checkType(DeviceBuffer buffer, DType expected, String what) {
        checkOpen(buffer, what);
        if (buffer.dtype() != expected) {
            throw new EngineException(what + ": expected a " + expected + " buffer, got " + buffer.dtype());
        }
    }

    /** Throws if the buffer is closed. */
    public static void checkOpen(DeviceBuffer buffer, String what) {
        if (buffer == null) {
            throw new EngineException(what + ": buffer is null");
        }
        if (buffer.isClosed()) {
            throw new EngineException(what + ": buffer is closed");
        }
    }

    /** Throws unless {@code [offset, offset+count)} lies inside the buffer. */
    public static void checkRange(DeviceBuffer buffer, long offset, long count, String what) {
        if (offset < 0 || count < 0 || offset > buffer.length() - count) {
            throw new EngineException(what + ": range [" + offset + ", " + offset + "+" + count
                    + ") is outside a buffer of length " + buffer.length());
        }
    }

    /** Throws unless {@code [offset, offset+count)} lies inside a host array of length {@code length}. */
    public static void checkHostRange(int length, int offset, int count, String what) {
        if (offset < 0 || count < 0 || offset > length - count) {
            throw new EngineException(what + ": host range [" + offset + ", " + offset + "+" + count
                    + ") is outside an array of length " + length);
        }
    }

    /** Full check of a host transfer: open, dtype, device range and host range. */
    public static void checkTransfer(DeviceBuffer buffer, DType hostType, long offset, int hostLength,
                                     int hostOffset, int count, String what) {
        checkType(buffer, hostType, what);
        checkRange(buffer, offset, count, what);
        checkHostRange(hostLength, hostOffset, count, what);
    }

    /** The buffer length as a host array length, or an error if it does not fit one. */
    public static int hostLength(DeviceBuffer buffer) {
        long n = buffer.length();
        if (n > MAX_HOST_ARRAY) {
            throw new EngineException("buffer of " + n + " elements does not fit a Java array; read it in ranges");
        }
        return (int) n;
    }

    /** Throws unless the buffer belongs to {@code owner}. */
    public static void checkOwner(DeviceBuffer buffer, Backend owner, String what) {
        checkOpen(buffer, what);
        if (buffer.backend() != owner) {
            throw new EngineException(what + ": buffer belongs to backend '" + buffer.backend().name()
                    + "', not '" + owner.name() + "'");
        }
    }
}
