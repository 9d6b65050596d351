package org.nnft.ensemble.deform;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.Backends;
import org.nnft.engine.Precision;
import org.nnft.engine.conformance.TestBackends;
import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.arch.EnsembleStreams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The deformation kernels on OpenCL (PoCL in CI) against their Java twins on the CPU backend: same
 * seed, same networks and chains, so the reweighted bin sums, weights and MCMC moments agree to the
 * float64 rounding of the library cos/sin/exp (relative 1e-8 of the magnitudes; Metropolis decisions
 * could in principle flip on a last-bit difference, which these short chains do not meet). The single-precision
 * kernels are checked against their twins with the float tolerance 1e-5 of {@code assertSingleAgrees}. Skipped
 * where OpenCL is unavailable, unless NNFT_REQUIRE_OPENCL is set.
 */
class DeformCrossBackendTest {

    @Tag("slow")
    @Test
    void openClGivesTheCpuNumbers() {
        TestBackends.requireOrSkip("opencl");
        try (Backend cpu = Backends.named("cpu"); Backend gpu = Backends.named("opencl");
             Backend scalar = Backends.named("cpu", BackendOptions.of("scalar", "true"))) {
            for (int d = 1; d <= 3; d++) {
                CosNet net = CosNet.freeScalar(d, 1.0, 3.0, 1.0, 12);
                double[][] p = {new double[d], new double[d]};
                p[1][0] = 0.4;
                Deformation def = new Deformation(Potential.phi4(2.0), IntegrationBox.cube(d, 2.0, d == 3 ? 5 : 8));
                EnsembleConfig c = EnsembleConfig.builder(net, p).maxOrder(4).networks(1024).blockSize(32).seed(4)
                        .jackknifeBins(8).build();
                ReweightSample a = ReweightSampler.sample(c, def, cpu);
                ReweightSample b = ReweightSampler.sample(c, def, gpu);
                assertEquals(a.logReference(), b.logReference(), 1e-9 * (1 + Math.abs(a.logReference())));
                for (int bin = 0; bin < a.counts().length; bin++) {
                    assertEquals(a.counts()[bin], b.counts()[bin]);
                    assertEquals(a.weights()[bin], b.weights()[bin], 1e-8 * a.weights()[bin], "d=" + d);
                    for (int t = 0; t < a.sums()[bin].length; t++) {
                        double scale = Math.abs(a.sums()[bin][t]) + a.weights()[bin];
                        assertEquals(a.sums()[bin][t], b.sums()[bin][t], 1e-8 * scale, "d=" + d + " bin " + bin);
                    }
                }
                ReweightSample fs = ReweightSampler.sample(c.withPrecision(Precision.SINGLE), def, scalar);
                ReweightSample gs = ReweightSampler.sample(c.withPrecision(Precision.SINGLE), def, gpu);
                assertSingleAgrees(fs, gs, "single d=" + d);
                assertSingleLogWeightsAgree(net, p, def, scalar, gpu);
                McmcConfig m = McmcConfig.of(net, p, 4, def, 8, 2, 6, 5);
                DeformedResult ma = McmcSampler.sample(m, cpu);
                DeformedResult mb = McmcSampler.sample(m, gpu);
                assertEquals(ma.acceptance(), mb.acceptance(), "d=" + d);
                double[] xa = ma.estimates().moments();
                double[] xb = mb.estimates().moments();
                for (int t = 0; t < xa.length; t++) {
                    assertEquals(xa[t], xb[t], 1e-8 * (1 + Math.abs(xa[t])), "d=" + d + " mcmc tuple " + t);
                }
                DeformedResult msa = McmcSampler.sample(m.withPrecision(Precision.SINGLE), cpu);
                DeformedResult msb = McmcSampler.sample(m.withPrecision(Precision.SINGLE), gpu);
                assertEquals(msa.acceptance(), msb.acceptance(), "single d=" + d);
                double[] sa1 = msa.estimates().moments();
                double[] sb1 = msb.estimates().moments();
                for (int t = 0; t < sa1.length; t++) {
                    assertEquals(sa1[t], sb1[t], 1e-5 * (1 + Math.abs(sa1[t])), "single d=" + d + " mcmc tuple " + t);
                }
                McmcChains sa = McmcSampler.shard(m, 1, 2, cpu).mcmcChains();   // chains 4..7: firstChain = 4
                McmcChains sb = McmcSampler.shard(m, 1, 2, gpu).mcmcChains();
                assertArrayEquals(new long[]{4, 5, 6, 7}, sb.chainIds());
                assertArrayEquals(sa.accepted(), sb.accepted(), "d=" + d);
                for (long chain : sa.chainIds()) {
                    assertArrayEquals(ma.mcmcChains().moments().sums(chain), sa.moments().sums(chain), 0.0);
                    double[] ya = sa.moments().sums(chain);
                    double[] yb = sb.moments().sums(chain);
                    for (int t = 0; t < ya.length; t++) {
                        assertEquals(ya[t], yb[t], 1e-8 * (1 + Math.abs(ya[t])), "d=" + d + " chain " + chain);
                    }
                }
            }
        }
    }

    /**
     * Single precision, network by network (block size 1: a bin's log reference is its network's log weight): the
     * float grid field of {@code deform_reweight_f32} (def_add_neuron_f32) against its Java twin
     * ({@link GridField#addNeuronSingle}). Both evaluate the float network of the same Philox words, which agree to a
     * few float ulps across backends (on PoCL: bit for bit, and so are the log weights), so the log weights agree to
     * 1e-3 of the single-vs-double bound B_S of docs/physics.md A.6 ({@link DeformSingleGridTest}, measured 5 % of
     * it); a grid evaluated otherwise (in double, at other nodes or in another order) would leave this margin.
     */
    private static void assertSingleLogWeightsAgree(CosNet net, double[][] p, Deformation def, Backend twin,
                                                    Backend gpu) {
        int networks = 32;
        EnsembleConfig c = EnsembleConfig.builder(net, p).maxOrder(2).networks(networks).blockSize(1).seed(4)
                .jackknifeBins(networks).precision(Precision.SINGLE).build();
        double[] a = ReweightSampler.sample(c, def, twin).bins().logShifts();
        double[] b = ReweightSampler.sample(c, def, gpu).bins().logShifts();
        for (int n = 0; n < networks; n++) {
            double bound = DeformSingleGridTest.logWeightBound(net, net.kernelParameters(p), def,
                    EnsembleStreams.stream(n), 4);
            assertEquals(a[n], b[n], 1e-3 * bound, "single log weight of network " + n + " d=" + net.inputDimension());
        }
    }

    /**
     * Single precision ({@code deform_reweight_f32} against its scalar Java twin): the float networks agree to a few
     * float ulps (OpenCL's float division and square root, library tan/pow rounded to float; see
     * SinglePrecisionCrossBackendTest), so the fields at the points and on the grid, S_int and each weight agree to
     * about 1e-6 relative; 1e-5 bounds that, while a different network would change the sums at order one.
     */
    private static void assertSingleAgrees(ReweightSample a, ReweightSample b, String what) {
        assertEquals(a.logReference(), b.logReference(), 1e-5 * (1 + Math.abs(a.logReference())), what);
        for (int bin = 0; bin < a.counts().length; bin++) {
            assertEquals(a.counts()[bin], b.counts()[bin]);
            assertEquals(a.weights()[bin], b.weights()[bin], 1e-5 * a.weights()[bin], what + " bin " + bin);
            for (int t = 0; t < a.sums()[bin].length; t++) {
                double scale = Math.abs(a.sums()[bin][t]) + a.weights()[bin];
                assertEquals(a.sums()[bin][t], b.sums()[bin][t], 1e-5 * scale, what + " bin " + bin + " tuple " + t);
            }
        }
    }
}
