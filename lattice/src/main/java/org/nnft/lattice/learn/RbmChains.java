package org.nnft.lattice.learn;

import org.nnft.engine.Backend;
import org.nnft.engine.DType;
import org.nnft.engine.DeviceBuffer;
import org.nnft.engine.kernel.KernelArgs;

import java.util.ArrayList;
import java.util.List;

/**
 * Persistent block Gibbs chains of an {@link Rbm} on an engine backend ({@link RbmGibbsKernel}, one work item per
 * chain), mirrored in host arrays {@code phi[c]}, {@code h[c]}: {@link #sweep} runs sweeps on the device and
 * copies the states back into those arrays, so callers read and write the chains as plain Java arrays. Without a
 * backend ({@code null}) the sweeps run in the caller's thread through {@link Rbm#gibbsSweep}, the kernel's Java
 * body, with the same numbers. The network's parameters are uploaded when a sweep sees a new network.
 */
public final class RbmChains implements AutoCloseable {
    private final Backend backend;
    private final double[][] phi;
    private final double[][] h;
    private final int nv;
    private final int nh;
    private final double[] flatPhi;
    private final double[] flatH;
    private final List<DeviceBuffer> buffers = new ArrayList<>();
    private DeviceBuffer dPhi;
    private DeviceBuffer dH;
    private DeviceBuffer[] params;
    private Rbm uploaded;
    private boolean hostChanged = true;

    /** Chains with states {@code phi[c]} (nv values) and {@code h[c]} (nh values), on {@code backend} or the host. */
    public RbmChains(Backend backend, double[][] phi, double[][] h) {
        if (phi.length != h.length || phi.length < 1) {
            throw new IllegalArgumentException("need as many hidden as visible chain states, at least one");
        }
        this.backend = backend;
        this.phi = phi;
        this.h = h;
        this.nv = phi[0].length;
        this.nh = h[0].length;
        this.flatPhi = new double[phi.length * nv];
        this.flatH = new double[h.length * nh];
        if (backend != null) {
            dPhi = keep(backend.allocate(DType.F64, flatPhi.length));
            dH = keep(backend.allocate(DType.F64, flatH.length));
        }
    }

    private DeviceBuffer keep(DeviceBuffer b) {
        buffers.add(b);
        return b;
    }

    /** The backend's name, or "host". */
    public String backendName() {
        return backend == null ? "host" : backend.name();
    }

    /**
     * Sweeps {@code first .. first + count - 1} of every chain (chain c with seed {@code seed + c}), leaving the
     * new states in the host arrays. Host arrays changed by the caller since the last call are uploaded first
     * (call {@link #hostChanged} after changing them).
     */
    public void sweep(Rbm net, long seed, long first, int count) {
        if (net.visible() != nv || net.hidden() != nh) {
            throw new IllegalArgumentException("network of " + net.visible() + " x " + net.hidden()
                    + " units on chains of " + nv + " x " + nh);
        }
        if (backend == null) {
            for (int t = 0; t < count; t++) {
                for (int c = 0; c < phi.length; c++) {
                    net.gibbsSweep(phi[c], h[c], seed + c, first + t);
                }
            }
            return;
        }
        if (hostChanged) {
            for (int c = 0; c < phi.length; c++) {
                System.arraycopy(phi[c], 0, flatPhi, c * nv, nv);
                System.arraycopy(h[c], 0, flatH, c * nh, nh);
            }
            dPhi.write(0, flatPhi, 0, flatPhi.length);
            dH.write(0, flatH, 0, flatH.length);
            hostChanged = false;
        }
        if (net != uploaded) {
            upload(net);
        }
        KernelArgs args = RbmGibbsKernel.KERNEL.params().args()
                .set(RbmGibbsKernel.PHI, dPhi).set(RbmGibbsKernel.H, dH)
                .set(RbmGibbsKernel.W, params[0]).set(RbmGibbsKernel.R, params[1]).set(RbmGibbsKernel.A, params[2])
                .set(RbmGibbsKernel.B, params[3]).set(RbmGibbsKernel.S, params[4]).set(RbmGibbsKernel.M, params[5])
                .set(RbmGibbsKernel.N, params[6])
                .set(RbmGibbsKernel.CHAINS, phi.length).set(RbmGibbsKernel.NV, nv).set(RbmGibbsKernel.NH, nh)
                .set(RbmGibbsKernel.VISIBLE_BERNOULLI, net.visibleUnits() == Rbm.Units.BERNOULLI ? 1 : 0)
                .set(RbmGibbsKernel.HIDDEN_BERNOULLI, net.hiddenUnits() == Rbm.Units.BERNOULLI ? 1 : 0)
                .set(RbmGibbsKernel.TRIES, Phi4Network.TRIES).set(RbmGibbsKernel.SEED, seed)
                .set(RbmGibbsKernel.SWEEP, first).set(RbmGibbsKernel.SWEEPS, count);
        backend.launch(RbmGibbsKernel.KERNEL, phi.length, args);
        dPhi.read(0, flatPhi, 0, flatPhi.length);
        dH.read(0, flatH, 0, flatH.length);
        for (int c = 0; c < phi.length; c++) {
            System.arraycopy(flatPhi, c * nv, phi[c], 0, nv);
            System.arraycopy(flatH, c * nh, h[c], 0, nh);
        }
    }

    /** Marks the host arrays as changed by the caller, so the next sweep uploads them. */
    public void hostChanged() {
        hostChanged = true;
    }

    private void upload(Rbm net) {
        double[][] values = {net.w(), net.r(), net.a(), net.b(), net.s(), net.m(), net.n()};
        if (params == null) {
            params = new DeviceBuffer[values.length];
            for (int k = 0; k < values.length; k++) {
                params[k] = keep(backend.allocate(DType.F64, values[k].length));
            }
        }
        for (int k = 0; k < values.length; k++) {
            params[k].write(0, values[k], 0, values[k].length);
        }
        uploaded = net;
    }

    @Override
    public void close() {
        for (DeviceBuffer b : buffers) {
            b.close();
        }
        buffers.clear();
    }
}
