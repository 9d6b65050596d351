package org.nnft.ensemble.arch;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * Vector API fast path of {@link TrainedEnsembleKernel}: {@link ShallowLanes#L} networks trained at once, one per
 * double lane, each lane repeating the reference's operations in its order (draws, forward pass, residuals,
 * per-neuron gradients, updates), so every parameter and field value is bit-identical to the reference body's.
 * Parameters lane-interleaved: parameter k of neuron i (w_0..w_{d-1}, bias, output weight) at
 * {@code [(i (d + 2) + k) L + n]}, the output bias at {@code [N (d + 2) L + n]}.
 */
final class TrainedEnsembleLanes {
    private static final VectorSpecies<Double> D = ShallowLanes.D;
    private static final int L = ShallowLanes.L;

    private final ShallowLanes draws = new ShallowLanes();
    private double[] params = new double[0];
    private final double[] z = new double[TrainedEnsembleKernel.MAX_POINTS * L];
    /** Activations and derivatives of the last forward pass, neuron by neuron (see {@link #forward}). */
    private double[] acts = new double[0];
    private double[] ders = new double[0];
    private final double[] residual = new double[TrainedEnsembleKernel.MAX_POINTS * L];
    /** The back-propagated r_a v phi'(z_a) of one neuron at the training points. */
    private final double[] backs = new double[TrainedEnsembleKernel.MAX_POINTS * L];

    /** Draws networks {@code first .. first + L - 1} (the sampler's, as the reference's step 0). */
    void draw(double[] hyper, int width, int inDim, long seed, long first) {
        double sigmaB = hyper[0];
        double inScale = hyper[1];
        double outScale = hyper[2];
        int stride = inDim + 2;
        int blocksPerNeuron = (inDim + 1 + 1 + 3) / 4;
        if (params.length < (width * stride + 1) * L) {
            params = new double[(width * stride + 1) * L];
        }
        draws.networks(first);
        for (int i0 = 0; i0 < width; i0 += ShallowLanes.CHUNK) {
            int count = Math.min(ShallowLanes.CHUNK, width - i0);
            draws.normals(seed, (long) i0 * blocksPerNeuron, count * blocksPerNeuron,
                    blocksPerNeuron > 1 ? 4 : inDim + 2);
            double[] normals = draws.normals;
            for (int i = 0; i < count; i++) {
                int k = i * blocksPerNeuron;
                int to = (i0 + i) * stride * L;
                for (int j = 0; j < inDim; j++) {
                    DoubleVector.fromArray(D, normals, draws.at(k, j)).mul(inScale).intoArray(params, to + j * L);
                }
                DoubleVector.fromArray(D, normals, draws.at(k, inDim)).mul(sigmaB).intoArray(params, to + inDim * L);
                DoubleVector.fromArray(D, normals, draws.at(k, inDim + 1)).mul(outScale)
                        .intoArray(params, to + (inDim + 1) * L);
            }
        }
        draws.normals(seed, (long) width * blocksPerNeuron, 1, 1);
        DoubleVector.fromArray(D, draws.normals, 0).mul(sigmaB).intoArray(params, width * stride * L);
    }

    /**
     * The fields at {@code count} points {@code xs} (row-major, d each; pre-activation variances at
     * {@code hyper[ca ..]}, read by the Gauss net) into {@code f[a L + n]}; the activations and
     * their derivatives of neuron i stay in {@link #acts}, {@link #ders} at {@code [(i count + a) L + n]}.
     */
    void forward(double[] xs, double[] hyper, int ca, int count, int width, int inDim, int variant, double[] f) {
        int stride = inDim + 2;
        if (acts.length < width * count * L) {
            acts = new double[width * count * L];
            ders = new double[width * count * L];
        }
        Arrays.fill(f, 0, count * L, 0.0);
        DoubleVector one = DoubleVector.broadcast(D, 1.0);
        DoubleVector zero = DoubleVector.zero(D);
        for (int i = 0; i < width; i++) {
            int nu = i * stride * L;
            int at = i * count * L;
            DoubleVector out = DoubleVector.fromArray(D, params, nu + (inDim + 1) * L);
            if (variant == 1) {
                // ReLU in registers: the same z, max(z, 0) and step as ShallowLanes.activate, without the round trip
                DoubleVector bias = DoubleVector.fromArray(D, params, nu + inDim * L);
                for (int a = 0; a < count; a++) {
                    DoubleVector za = zero;
                    for (int j = 0; j < inDim; j++) {
                        za = za.add(DoubleVector.fromArray(D, params, nu + j * L).mul(xs[a * inDim + j]));
                    }
                    za = za.add(bias);
                    DoubleVector act = za.max(0.0);
                    act.intoArray(acts, at + a * L);
                    zero.blend(one, za.compare(VectorOperators.GT, 0.0)).intoArray(ders, at + a * L);
                    DoubleVector.fromArray(D, f, a * L).add(out.mul(act)).intoArray(f, a * L);
                }
                continue;
            }
            preActivations(nu, xs, count, inDim);
            ShallowLanes.activate(z, count, variant, hyper, ca, acts, ders, at);
            for (int a = 0; a < count; a++) {
                DoubleVector.fromArray(D, f, a * L).add(out.mul(DoubleVector.fromArray(D, acts, at + a * L)))
                        .intoArray(f, a * L);
            }
        }
        DoubleVector b1 = DoubleVector.fromArray(D, params, width * stride * L);
        for (int a = 0; a < count; a++) {
            DoubleVector.fromArray(D, f, a * L).add(b1).intoArray(f, a * L);
        }
    }

    /**
     * One gradient-descent step on the summed loss (1/2) sum_a (f(x_a) - y_a)^2; {@code etaIn, etaBias, etaOut} are
     * eta times the squared NTK scales of the input weights, biases and output weights (as in the reference). The
     * backward pass reuses the forward pass's activations (the reference recomputes the same values).
     */
    void step(double[] train, double[] targets, double[] hyper, int pointCount, int trainCount, int width, int inDim,
              int variant, double etaIn, double etaBias, double etaOut) {
        int stride = inDim + 2;
        forward(train, hyper, 3 + pointCount, trainCount, width, inDim, variant, residual);
        DoubleVector rsum = DoubleVector.zero(D);
        for (int a = 0; a < trainCount; a++) {
            DoubleVector r = DoubleVector.fromArray(D, residual, a * L).sub(targets[a]);
            r.intoArray(residual, a * L);
            rsum = rsum.add(r);
        }
        for (int i = 0; i < width; i++) {
            int nu = i * stride * L;
            int at = i * trainCount * L;
            DoubleVector out = DoubleVector.fromArray(D, params, nu + (inDim + 1) * L);
            DoubleVector gOut = DoubleVector.zero(D);
            DoubleVector gBias = DoubleVector.zero(D);
            for (int a = 0; a < trainCount; a++) {
                DoubleVector r = DoubleVector.fromArray(D, residual, a * L);
                gOut = gOut.add(r.mul(DoubleVector.fromArray(D, acts, at + a * L)));
                DoubleVector back = r.mul(out).mul(DoubleVector.fromArray(D, ders, at + a * L));
                back.intoArray(backs, a * L);
                gBias = gBias.add(back);
            }
            // the input-weight gradients summed over the training points in increasing order, as in the reference,
            // but in a register per weight (a load-add-store chain through memory would serialise the points)
            for (int j = 0; j < inDim; j++) {
                DoubleVector gIn = DoubleVector.zero(D);
                for (int a = 0; a < trainCount; a++) {
                    gIn = gIn.add(DoubleVector.fromArray(D, backs, a * L).mul(train[a * inDim + j]));
                }
                DoubleVector.fromArray(D, params, nu + j * L).sub(gIn.mul(etaIn)).intoArray(params, nu + j * L);
            }
            DoubleVector.fromArray(D, params, nu + inDim * L).sub(gBias.mul(etaBias))
                    .intoArray(params, nu + inDim * L);
            out.sub(gOut.mul(etaOut)).intoArray(params, nu + (inDim + 1) * L);
        }
        int last = width * stride * L;
        DoubleVector.fromArray(D, params, last).sub(rsum.mul(etaBias)).intoArray(params, last);
    }

    /** z of neuron {@code nu} (its offset) at the points into {@link #z}: 0 + w.x in input order, plus the bias. */
    private void preActivations(int nu, double[] xs, int count, int inDim) {
        DoubleVector bias = DoubleVector.fromArray(D, params, nu + inDim * L);
        for (int a = 0; a < count; a++) {
            DoubleVector za = DoubleVector.zero(D);
            for (int j = 0; j < inDim; j++) {
                za = za.add(DoubleVector.fromArray(D, params, nu + j * L).mul(xs[a * inDim + j]));
            }
            za.add(bias).intoArray(z, a * L);
        }
    }
}
