package org.nnft.lattice.learn;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.Backends;
import org.nnft.engine.conformance.TestBackends;
import org.nnft.engine.random.RandomStreams;
import org.nnft.lattice.measure.ErrorAnalysis;
import org.nnft.lattice.measure.Estimate;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The block Gibbs kernel of the RBM chains ({@link RbmGibbsKernel}): on the CPU backend it is the host code
 * ({@link Rbm#gibbsSweep}) bit for bit, independent of how the sweeps are grouped into launches; on OpenCL (PoCL
 * here) the same chains up to the rounding of exp (Bernoulli states identical: a flipped draw needs a uniform
 * within an ulp of the logistic probability, ~1e-16 per draw; continuous units to 1e-9); and the stationary
 * feature means of a 10 x 4 Bernoulli-Bernoulli RBM on the kernel path equal exact enumeration within 5 sigma.
 * OpenCL parts skip where OpenCL is unavailable, unless NNFT_REQUIRE_OPENCL is set (CI).
 */
class RbmGibbsKernelTest {
    private static final int CHAINS = 7;
    private static final int NV = 10;
    private static final int NH = 4;

    /** Every unit kind on each side: Bernoulli, Gaussian (a > 0, b = 0), phi^4 (double well a < 0, b > 0). */
    private static Rbm net(Rbm.Units vis, Rbm.Units hid, boolean quartic) {
        double[] w = new double[NV * NH];
        for (int k = 0; k < w.length; k++) {
            w[k] = 0.6 * (2 * RandomStreams.uniformDouble(3, 0, k) - 1);
        }
        double[] r = new double[NV];
        double[] a = new double[NV];
        double[] b = new double[NV];
        for (int i = 0; i < NV; i++) {
            r[i] = 0.4 * Math.sin(i);
            if (vis == Rbm.Units.CONTINUOUS) {
                a[i] = quartic ? -0.5 : 1.5;
                b[i] = quartic ? 0.3 : 0;
            }
        }
        double[] s = new double[NH];
        double[] m = new double[NH];
        double[] n = new double[NH];
        for (int j = 0; j < NH; j++) {
            s[j] = 0.3 * Math.cos(j);
            if (hid == Rbm.Units.CONTINUOUS) {
                m[j] = quartic ? 0.2 : 2.0;
                n[j] = quartic ? 0.5 : 0;
            }
        }
        return new Rbm(vis, hid, w, r, a, b, s, m, n);
    }

    private static Rbm[] nets() {
        return new Rbm[]{
            net(Rbm.Units.BERNOULLI, Rbm.Units.BERNOULLI, false),
            net(Rbm.Units.CONTINUOUS, Rbm.Units.BERNOULLI, false),
            net(Rbm.Units.CONTINUOUS, Rbm.Units.CONTINUOUS, false),
            net(Rbm.Units.BERNOULLI, Rbm.Units.CONTINUOUS, false),
            net(Rbm.Units.CONTINUOUS, Rbm.Units.BERNOULLI, true),
            net(Rbm.Units.CONTINUOUS, Rbm.Units.CONTINUOUS, true)};
    }

    /** The chains' final states [phi..., h...] after sweeps 5 .. 5 + total - 1, launched {@code per} at a time. */
    private static double[] chains(Backend backend, Rbm net, int total, int per) {
        double[][] phi = new double[CHAINS][NV];
        double[][] h = new double[CHAINS][NH];
        for (int c = 0; c < CHAINS; c++) {
            for (int i = 0; i < NV; i++) {
                phi[c][i] = net.visibleUnits() == Rbm.Units.BERNOULLI ? (c + i) % 2 : 0.1 * (c - i);
            }
        }
        try (RbmChains chains = new RbmChains(backend, phi, h)) {
            for (int t = 0; t < total; t += per) {
                chains.sweep(net, 42, 5 + t, per);
            }
        }
        double[] out = new double[CHAINS * (NV + NH)];
        for (int c = 0; c < CHAINS; c++) {
            System.arraycopy(phi[c], 0, out, c * NV, NV);
            System.arraycopy(h[c], 0, out, CHAINS * NV + c * NH, NH);
        }
        return out;
    }

    @Test
    void cpuBackendIsTheHostCodeBitForBit() {
        try (Backend cpu = Backends.named("cpu")) {
            for (Rbm net : nets()) {
                double[] host = chains(null, net, 12, 1);
                assertArrayEquals(host, chains(cpu, net, 12, 1));
                assertArrayEquals(host, chains(cpu, net, 12, 4));
                assertArrayEquals(host, chains(cpu, net, 12, 12));
            }
        }
    }

    @Test
    void openClRunsTheSameChains() {
        TestBackends.requireOrSkip("opencl");
        try (Backend cpu = Backends.named("cpu"); Backend gpu = Backends.named("opencl")) {
            for (Rbm net : nets()) {
                double[] a = chains(cpu, net, 30, 30);
                double[] b = chains(gpu, net, 30, 10);
                String kind = net.visibleUnits() + "-" + net.hiddenUnits() + " b=" + net.b()[0] + " n=" + net.n()[0];
                for (int k = 0; k < a.length; k++) {
                    if (net.visibleUnits() == Rbm.Units.BERNOULLI && net.hiddenUnits() == Rbm.Units.BERNOULLI) {
                        assertEquals(a[k], b[k], 0.0, kind + " entry " + k);
                    } else {
                        assertEquals(a[k], b[k], 1e-9, kind + " entry " + k);
                    }
                }
            }
        }
    }

    /** Stationary means of every dS/dtheta on the kernel path (CPU and OpenCL) against enumeration, 5 sigma. */
    @Test
    void bernoulliChainsOnTheCpuKernelMatchEnumeration() {
        try (Backend cpu = Backends.named("cpu")) {
            enumerationCheck(cpu);
        }
    }

    @Test
    void bernoulliChainsOnTheOpenClKernelMatchEnumeration() {
        TestBackends.requireOrSkip("opencl");
        try (Backend gpu = Backends.named("opencl")) {
            enumerationCheck(gpu);
        }
    }

    private static void enumerationCheck(Backend backend) {
        Rbm net = RbmTest.randomBernoulli(5, 0.5);
        double[] exact = RbmTest.Enumeration.of(net).featureMean();
        int chains = 16;
        int sweeps = 2000;
        int p = RbmTrainer.count(net);
        double[][] series = new double[p][sweeps];
        double[][] phi = new double[chains][NV];
        double[][] h = new double[chains][NH];
        double[] f = new double[p];
        try (RbmChains model = new RbmChains(backend, phi, h)) {
            model.sweep(net, 11, 0, 100);
            for (int t = 0; t < sweeps; t++) {
                model.sweep(net, 11, 100 + t, 1);
                Arrays.fill(f, 0);
                for (int c = 0; c < chains; c++) {
                    RbmTrainer.accumulate(net, phi[c], h[c], f, 1.0 / chains);
                }
                for (int k = 0; k < p; k++) {
                    series[k][t] = f[k];
                }
            }
        }
        double worst = 0;
        for (int k = 0; k < p; k++) {
            Estimate est = ErrorAnalysis.mean(series[k]);
            worst = Math.max(worst, Math.abs(est.value() - exact[k]) / est.error());
            assertEquals(exact[k], est.value(), 5 * est.error(), backend.name() + " feature " + k);
        }
        System.out.printf("RBM 10x4 Gibbs kernel on %s: %d feature means vs enumeration, largest deviation %.2f"
                + " sigma%n", backend.name(), p, worst);
    }
}
