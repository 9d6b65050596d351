package org.nnft.ensemble.arch;

import org.junit.jupiter.api.Test;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.nnft.theory.Activation;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The lane fast paths of the shallow-network field ({@link ShallowFieldLanes}, {@link ShallowFieldLanesSingle})
 * against their scalar references ({@link ShallowNetwork#field}, {@link ShallowNetworkSingle#field}), network by
 * network: each lane repeats the reference's operations in its order, so every field value is the same double, bit for
 * bit (tolerance 0). The cases cover erf, ReLU and Gauss, d = 1, 2, 3, vector outputs, one and two Philox blocks per
 * neuron and odd widths (the last draw chunk partial).
 */
class ShallowFieldLanesTest {
    static final ShallowNetwork[] NETS = {
            new ShallowNetwork(Activation.ERF, 1, 1, 7, 1.3, 0.2),
            new ShallowNetwork(Activation.RELU, 2, 2, 13, 1.1, 0.3),
            new ShallowNetwork(Activation.GAUSS, 3, 1, 9, 0.9, 0.2),
            new ShallowNetwork(Activation.RELU, 3, 2, 33, 1.2, 0.4),
            new ShallowNetwork(Activation.ERF, 2, 2, 19, 1.6, 0.5),
            new ShallowNetwork(Activation.GAUSS, 1, 2, 5, 1.0, 0.1),
            new ShallowNetwork(Activation.ERF, 3, 1, 1, 2.0, 0.0)};

    @Test
    void laneFieldsAreTheReferenceFieldsBitForBit() {
        int l = ShallowLanes.L;
        for (boolean single : new boolean[] {false, true}) {
            FieldScratch scratch = new FieldScratch();
            NetworkLanes lanes = single ? new ShallowFieldLanesSingle() : new ShallowFieldLanes();
            for (ShallowNetwork net : NETS) {
                int d = net.inputDimension();
                int outDim = net.outputDimension();
                double[][] pts = points(d);
                double[] flat = new double[pts.length * d];
                for (int p = 0; p < pts.length; p++) {
                    System.arraycopy(pts[p], 0, flat, p * d, d);
                }
                double[] hyper = net.kernelParameters(pts);
                int sites = pts.length * outDim;
                double[] fast = new double[EnsembleKernel.MAX_SITES * l];
                double[] ref = new double[EnsembleKernel.MAX_SITES];
                for (long first : new long[] {0, 3, 1000}) {
                    lanes.evaluate(flat, pts.length, hyper, net.width(), d, outDim, net.variant(), 17, first, fast);
                    for (int n = 0; n < l; n++) {
                        long stream = EnsembleStreams.stream(first + n);
                        if (single) {
                            ShallowNetworkSingle.field(flat, pts.length, hyper, net.width(), d, outDim, net.variant(),
                                    17, stream, ref, scratch);
                        } else {
                            ShallowNetwork.field(flat, pts.length, hyper, net.width(), d, outDim, net.variant(), 17,
                                    stream, ref, scratch);
                        }
                        for (int s = 0; s < sites; s++) {
                            assertEquals(ref[s], fast[s * l + n], (single ? "single " : "double ") + net
                                    + " network " + (first + n) + " site " + s);
                        }
                    }
                }
            }
        }
    }

    @Test
    void erfLanesAreTheScalarErfBitForBit() {
        int l = ShallowLanes.L;
        double[] special = {0.0, -0.0, 6.0, -6.0, Math.nextDown(6.0), 4.5, -4.5, Math.nextDown(4.5f), 1e-300,
                Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-8, 3.0, -0.3};
        Random random = new Random(5);
        int count = (special.length + 400 + l - 1) / l * l;
        double[] x = new double[count];
        for (int q = 0; q < count; q++) {
            x[q] = q < special.length ? special[q] : 7 * random.nextGaussian() * Math.pow(10, -random.nextInt(4));
        }
        double[] fast = x.clone();
        ErfLanes.erf(ShallowLanes.D, fast, 0, count, new double[l]);
        VectorSpecies<Float> f = VectorSpecies.of(float.class, VectorShape.forBitSize(32 * l));
        float[] fastSingle = new float[count];
        for (int q = 0; q < count; q++) {
            fastSingle[q] = (float) x[q];
        }
        ErfLanes.erf(f, fastSingle, 0, count, new float[l]);
        for (int q = 0; q < count; q++) {
            assertEquals(PortableErf.erf(x[q]), fast[q], "erf(" + x[q] + ")");
            assertEquals(ShallowNetworkSingle.erf((float) x[q]), fastSingle[q], "single erf(" + x[q] + ")");
        }
    }

    /** Five points of dimension d, with a negative, a zero and a large coordinate (ReLU and erf's far branch). */
    static double[][] points(int d) {
        double[] first = {-0.7, 0.0, 0.4, 1.1, 3.5};
        double[][] pts = new double[first.length][d];
        for (int p = 0; p < first.length; p++) {
            for (int k = 0; k < d; k++) {
                pts[p][k] = first[p] * (1 + 0.3 * k) - 0.1 * k;
            }
        }
        return pts;
    }
}
