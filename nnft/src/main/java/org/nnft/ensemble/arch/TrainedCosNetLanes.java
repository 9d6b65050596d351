package org.nnft.ensemble.arch;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nnft.engine.simd.VectorRandom;

import java.util.Arrays;

/**
 * Vector API fast path of {@link TrainedEnsembleKernel#COSNET}'s body: {@link #L} cos-nets trained at once, one per
 * double lane, each lane repeating the reference's operations in its order, so parameters and fields are
 * bit-identical to the reference body's. The neurons are drawn by {@link CosNetNtkLanes#draw} (bit for bit
 * {@link CosNet#drawNeuron}); cos and sin are {@link PortableTrig}'s (vector form within its range, scalar form lane
 * by lane beyond it: the same bits); the Vector API never fuses a multiply and an add, as the reference never does.
 * One step computes every neuron's cos and sin at the training points once, in the forward pass, and reuses them
 * for the gradient (the reference recomputes the same argument, hence the same values). Parameters
 * lane-interleaved: amplitude and phase of neuron i at {@code [i L + n]}, momentum component k at
 * {@code [(i d + k) L + n]}. One instance per work-item range (it holds the scratch).
 */
final class TrainedCosNetLanes {
    private static final VectorSpecies<Double> D = VectorRandom.D;
    /** Networks per group: one per double lane. */
    static final int L = CosNetNtkLanes.L;

    private final CosNetNtkLanes neurons = new CosNetNtkLanes();
    private final double[] lane = new double[L];
    private double[] amp = new double[0];
    private double[] phase = new double[0];
    private double[] mom = new double[0];
    private double[] s2 = new double[0];
    /** cos and sin of neuron i at training point a, at {@code [(i T + a) L + n]}. */
    private double[] cs = new double[0];
    private double[] sn = new double[0];
    private final double[] residual = new double[TrainedEnsembleKernel.MAX_POINTS * L];
    private final double[] gMom = new double[TrainedEnsembleKernel.MAX_DIMENSION * L];

    /** Draws the neurons of networks {@code first .. first + L - 1}, as the reference body. */
    void draw(double[] hyper, int width, int dim, int variant, long seed, long first, int trainCount) {
        if (amp.length < width * L) {
            amp = new double[width * L];
            phase = new double[width * L];
            s2 = new double[width * L];
            mom = new double[width * dim * L];
        } else if (mom.length < width * dim * L) {
            mom = new double[width * dim * L];
        }
        if (cs.length < width * trainCount * L) {
            cs = new double[width * trainCount * L];
            sn = new double[width * trainCount * L];
        }
        int chunk = CosNetNtkLanes.CHUNK;
        neurons.streams(first);
        for (int i0 = 0; i0 < width; i0 += chunk) {
            int count = Math.min(chunk, width - i0);
            neurons.draw(seed, i0, count, hyper, dim, variant);
            System.arraycopy(neurons.amp, 0, amp, i0 * L, count * L);
            System.arraycopy(neurons.phase, 0, phase, i0 * L, count * L);
            System.arraycopy(neurons.s2, 0, s2, i0 * L, count * L);
            for (int h = 0; h < count; h++) {
                for (int k = 0; k < dim; k++) {
                    System.arraycopy(neurons.momenta, (k * chunk + h) * L, mom, ((i0 + h) * dim + k) * L, L);
                }
            }
        }
    }

    /** One gradient-descent step of every lane's network, as the reference body's. */
    void step(double[] train, double[] targets, int trainCount, int width, int dim, double eta) {
        Arrays.fill(residual, 0, trainCount * L, 0.0);
        for (int i = 0; i < width; i++) {
            DoubleVector c = DoubleVector.fromArray(D, phase, i * L);
            DoubleVector a0 = DoubleVector.fromArray(D, amp, i * L);
            for (int a = 0; a < trainCount; a++) {
                DoubleVector arg = c;
                for (int k = 0; k < dim; k++) {
                    arg = arg.add(DoubleVector.fromArray(D, mom, (i * dim + k) * L).mul(train[a * dim + k]));
                }
                int at = (i * trainCount + a) * L;
                if (arg.abs().compare(VectorOperators.LE, PortableTrig.RANGE).allTrue()) {
                    PortableTrig.cos(arg).intoArray(cs, at);
                    PortableTrig.sin(arg).intoArray(sn, at);
                } else {
                    arg.intoArray(lane, 0);
                    for (int n = 0; n < L; n++) {
                        cs[at + n] = PortableTrig.cos(lane[n]);
                        sn[at + n] = PortableTrig.sin(lane[n]);
                    }
                }
                DoubleVector.fromArray(D, residual, a * L).add(a0.mul(DoubleVector.fromArray(D, cs, at)))
                        .intoArray(residual, a * L);
            }
        }
        for (int a = 0; a < trainCount; a++) {
            DoubleVector.fromArray(D, residual, a * L).sub(targets[a]).intoArray(residual, a * L);
        }
        for (int i = 0; i < width; i++) {
            DoubleVector a0 = DoubleVector.fromArray(D, amp, i * L);
            DoubleVector gAmp = DoubleVector.zero(D);
            DoubleVector gPhase = DoubleVector.zero(D);
            Arrays.fill(gMom, 0, dim * L, 0.0);
            for (int a = 0; a < trainCount; a++) {
                int at = (i * trainCount + a) * L;
                DoubleVector r = DoubleVector.fromArray(D, residual, a * L);
                gAmp = gAmp.add(r.mul(DoubleVector.fromArray(D, cs, at)));
                DoubleVector back = r.mul(a0).mul(DoubleVector.fromArray(D, sn, at));
                gPhase = gPhase.add(back);
                for (int k = 0; k < dim; k++) {
                    DoubleVector.fromArray(D, gMom, k * L).add(back.mul(train[a * dim + k])).intoArray(gMom, k * L);
                }
            }
            DoubleVector rate = DoubleVector.fromArray(D, s2, i * L).mul(eta);
            a0.sub(rate.mul(gAmp)).intoArray(amp, i * L);
            DoubleVector.fromArray(D, phase, i * L).add(gPhase.mul(eta)).intoArray(phase, i * L);
            for (int k = 0; k < dim; k++) {
                int at = (i * dim + k) * L;
                DoubleVector.fromArray(D, mom, at).add(DoubleVector.fromArray(D, gMom, k * L).mul(eta))
                        .intoArray(mom, at);
            }
        }
    }

    /** Every lane's field at the points, lane-interleaved {@code f[p L + n]}, as the reference's forward pass. */
    void forward(double[] points, int pointCount, int width, int dim, double[] f) {
        Arrays.fill(f, 0, pointCount * L, 0.0);
        for (int i = 0; i < width; i++) {
            DoubleVector c = DoubleVector.fromArray(D, phase, i * L);
            DoubleVector a0 = DoubleVector.fromArray(D, amp, i * L);
            for (int p = 0; p < pointCount; p++) {
                DoubleVector arg = c;
                for (int k = 0; k < dim; k++) {
                    arg = arg.add(DoubleVector.fromArray(D, mom, (i * dim + k) * L).mul(points[p * dim + k]));
                }
                if (arg.abs().compare(VectorOperators.LE, PortableTrig.RANGE).allTrue()) {
                    PortableTrig.cos(arg).intoArray(lane, 0);
                } else {
                    arg.intoArray(lane, 0);
                    for (int n = 0; n < L; n++) {
                        lane[n] = PortableTrig.cos(lane[n]);
                    }
                }
                DoubleVector.fromArray(D, f, p * L).add(a0.mul(DoubleVector.fromArray(D, lane, 0)))
                        .intoArray(f, p * L);
            }
        }
    }
}
