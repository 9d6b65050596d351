package org.nnft.lattice.learn;

import org.nnft.engine.kernel.CpuArgs;
import org.nnft.engine.kernel.Kernel;
import org.nnft.engine.kernel.KernelParams;
import org.nnft.engine.kernel.KernelSource;
import org.nnft.engine.kernel.Param;
import org.nnft.engine.random.RandomStreams;

/**
 * Block Gibbs sweeps of persistent {@link Rbm} chains, one work item per chain (docs/learn.md, L.5). Chain c
 * ({@code phi[c nv ..]}, {@code h[c nh ..]}) uses seed {@code seed + c}; sweep t draws every h_j from
 * {@code p(h_j | phi)} (stream {@code 2 t}, block j), then every phi_i from {@code p(phi_i | h)} (stream
 * {@code 2 t + 1}, block i), for {@code t = sweep .. sweep + sweeps - 1}, so the chains depend on the seed and the
 * sweep numbers only. A Bernoulli unit is 1 where the uniform {@code RandomStreams.uniformDouble(seed, stream, j)}
 * is below the logistic function of its field; a continuous unit is a {@link QuarticDensity#sample} draw with
 * {@code tries} attempts (Gaussian units accept the first). This class's Java body is the reference: the host
 * path ({@link Rbm#gibbsSweep}, {@link Rbm#sampleHidden}, {@link Rbm#sampleVisible}) runs the same code. C twin:
 * {@code rbm_gibbs.c}; it assumes finite fields (a non-finite one keeps the old value there, where the Java body
 * throws).
 */
public final class RbmGibbsKernel {
    private static final KernelParams PARAMS = new KernelParams();
    /** Visible states, chain-major (chains x nv), updated in place. */
    static final Param.F64Buffer PHI = PARAMS.f64Buffer("phi");
    /** Hidden states, chain-major (chains x nh), updated in place. */
    static final Param.F64Buffer H = PARAMS.f64Buffer("h");
    /** Weights {@code w[i nh + j]}. */
    static final Param.F64Buffer W = PARAMS.f64Buffer("w");
    /** Visible linear, quadratic and quartic coefficients r, a, b. */
    static final Param.F64Buffer R = PARAMS.f64Buffer("r");
    static final Param.F64Buffer A = PARAMS.f64Buffer("a");
    static final Param.F64Buffer B = PARAMS.f64Buffer("b");
    /** Hidden linear, quadratic and quartic coefficients s, m, n. */
    static final Param.F64Buffer S = PARAMS.f64Buffer("s");
    static final Param.F64Buffer M = PARAMS.f64Buffer("m");
    static final Param.F64Buffer N = PARAMS.f64Buffer("n");
    static final Param.I32 CHAINS = PARAMS.i32("chains");
    static final Param.I32 NV = PARAMS.i32("nv");
    static final Param.I32 NH = PARAMS.i32("nh");
    /** 1 where the visible (hidden) units are Bernoulli, 0 where continuous. */
    static final Param.I32 VISIBLE_BERNOULLI = PARAMS.i32("visBernoulli");
    static final Param.I32 HIDDEN_BERNOULLI = PARAMS.i32("hidBernoulli");
    /** Attempts of a continuous draw before the old value is kept. */
    static final Param.I32 TRIES = PARAMS.i32("tries");
    static final Param.I64 SEED = PARAMS.i64("seed");
    /** Number of the first sweep. */
    static final Param.I64 SWEEP = PARAMS.i64("sweep");
    static final Param.I32 SWEEPS = PARAMS.i32("sweeps");

    /** A chain is heavy (nv nh multiply-adds per half-sweep): a few per CPU task. */
    public static final Kernel KERNEL = Kernel.of("rbm_gibbs",
            KernelSource.assemble(RbmGibbsKernel.class, "rbm_gibbs.c"), RbmGibbsKernel::run, PARAMS)
            .withCpuGrain(4);

    private RbmGibbsKernel() {
    }

    static void run(CpuArgs args, long from, long to) {
        double[] phi = PHI.of(args);
        double[] h = H.of(args);
        double[] w = W.of(args);
        int chains = CHAINS.of(args);
        int nv = NV.of(args);
        int nh = NH.of(args);
        boolean visBern = VISIBLE_BERNOULLI.of(args) != 0;
        boolean hidBern = HIDDEN_BERNOULLI.of(args) != 0;
        int tries = TRIES.of(args);
        long seed = SEED.of(args);
        long sweep = SWEEP.of(args);
        int sweeps = SWEEPS.of(args);
        for (long gid = from; gid < to && gid < chains; gid++) {
            int c = (int) gid;
            for (int t = 0; t < sweeps; t++) {
                long stream = 2 * (sweep + t);
                half(w, nh, 1, phi, c * nv, nv, S.of(args), M.of(args), N.of(args), hidBern, h, c * nh, nh,
                        seed + c, stream, tries);
                half(w, 1, nh, h, c * nh, nh, R.of(args), A.of(args), B.of(args), visBern, phi, c * nv, nv,
                        seed + c, stream + 1, tries);
            }
        }
    }

    /**
     * The field of output unit o given the other layer {@code in[inOff .. inOff + nIn)}:
     * {@code -bias[o] + sum_k w[k strideIn + o strideOut] in_k} (hidden: strides nh, 1; visible: 1, nh).
     */
    static double field(double[] w, int strideIn, int strideOut, double[] in, int inOff, int nIn, double[] bias,
                        int o) {
        double field = -bias[o];
        for (int k = 0; k < nIn; k++) {
            field += w[k * strideIn + o * strideOut] * in[inOff + k];
        }
        return field;
    }

    /** Half a sweep: every output unit o drawn from its conditional given {@code in}, block o of {@code stream}. */
    static void half(double[] w, int strideIn, int strideOut, double[] in, int inOff, int nIn, double[] bias,
                     double[] quadratic, double[] quartic, boolean bernoulli, double[] out, int outOff, int nOut,
                     long seed, long stream, int tries) {
        for (int o = 0; o < nOut; o++) {
            double j = field(w, strideIn, strideOut, in, inOff, nIn, bias, o);
            out[outOff + o] = bernoulli
                    ? (RandomStreams.uniformDouble(seed, stream, o) < Rbm.logistic(j) ? 1.0 : 0.0)
                    : QuarticDensity.sample(quartic[o], quadratic[o], j, out[outOff + o], seed, stream, o, tries);
        }
    }
}
