package org.nnft.lattice.update;

import org.nnft.engine.Backend;
import org.nnft.engine.DType;
import org.nnft.engine.DeviceBuffer;
import org.nnft.engine.Precision;

/**
 * The field of a chain, held on a backend with a host mirror. Kernels update the device copy,
 * host algorithms (clusters, HMC, measurements) the mirror; each side is synchronised lazily when the
 * other one was modified last. Not thread-safe. In {@link Precision#DOUBLE} the device copy is float64; in
 * {@link Precision#SINGLE} it is float32 (for the float kernels: {@link SingleMetropolisKernel} and the
 * {@code KERNEL_SINGLE} of the local updates), and the float64 mirror holds its
 * values exactly: whatever is written to the mirror is rounded to float when it goes to the device.
 */
public final class LatticeField implements AutoCloseable {
    private final Precision precision;
    private final DeviceBuffer device;
    private final double[] host;
    /** The float32 copy of the host mirror in single precision (null in double). */
    private final float[] single;
    private boolean hostStale;
    private boolean deviceStale;

    /** A float64 field with the values {@code initial}. */
    public LatticeField(Backend backend, double[] initial) {
        this(backend, initial, Precision.DOUBLE);
    }

    /** A field of {@code precision} with the values {@code initial} (rounded to float in single precision). */
    public LatticeField(Backend backend, double[] initial, Precision precision) {
        this.precision = precision;
        this.host = initial.clone();
        if (precision == Precision.SINGLE) {
            this.single = new float[host.length];
            this.device = backend.allocate(DType.F32, host.length);
        } else {
            this.single = null;
            this.device = backend.allocate(DType.F64, host.length);
        }
        upload();
    }

    /** The precision of the device copy. */
    public Precision precision() {
        return precision;
    }

    private void upload() {
        if (single == null) {
            device.write(host);
            return;
        }
        for (int i = 0; i < host.length; i++) {
            single[i] = (float) host[i];
            host[i] = single[i];
        }
        device.write(single);
    }

    public int volume() {
        return host.length;
    }

    /** The host mirror, up to date. Call {@link #hostModified()} after writing to it. */
    public double[] host() {
        if (hostStale) {
            if (single == null) {
                device.read(0, host, 0, host.length);
            } else {
                device.read(0, single, 0, single.length);
                for (int i = 0; i < host.length; i++) {
                    host[i] = single[i];
                }
            }
            hostStale = false;
        }
        return host;
    }

    /** The device buffer, up to date. Call {@link #deviceModified()} after a kernel wrote to it. */
    public DeviceBuffer device() {
        if (deviceStale) {
            upload();
            deviceStale = false;
        }
        return device;
    }

    public void hostModified() {
        deviceStale = true;
    }

    public void deviceModified() {
        hostStale = true;
    }

    /** A copy of the current field. */
    public double[] snapshot() {
        return host().clone();
    }

    /** Replaces the field (e.g. from a checkpoint). */
    public void set(double[] values) {
        if (values.length != host.length) {
            throw new IllegalArgumentException("field must have " + host.length + " values, got " + values.length);
        }
        System.arraycopy(values, 0, host(), 0, host.length);
        hostModified();
    }

    @Override
    public void close() {
        device.close();
    }
}
