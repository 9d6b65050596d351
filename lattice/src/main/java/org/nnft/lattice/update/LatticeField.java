package org.nnft.lattice.update;

import org.nnft.engine.Backend;
import org.nnft.engine.DType;
import org.nnft.engine.DeviceBuffer;

/**
 * The float64 field of a chain, held on a backend with a host mirror. Kernels update the device copy,
 * host algorithms (clusters, HMC, measurements) the mirror; each side is synchronised lazily when the
 * other one was modified last. Not thread-safe.
 */
public final class LatticeField implements AutoCloseable {
    private final DeviceBuffer device;
    private final double[] host;
    private boolean hostStale;
    private boolean deviceStale;

    public LatticeField(Backend backend, double[] initial) {
        this.host = initial.clone();
        this.device = backend.allocate(DType.F64, host.length);
        device.write(host);
    }

    public int volume() {
        return host.length;
    }

    /** The host mirror, up to date. Call {@link #hostModified()} after writing to it. */
    public double[] host() {
        if (hostStale) {
            device.read(0, host, 0, host.length);
            hostStale = false;
        }
        return host;
    }

    /** The device buffer, up to date. Call {@link #deviceModified()} after a kernel wrote to it. */
    public DeviceBuffer device() {
        if (deviceStale) {
            device.write(host);
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
