package org.nnft.ensemble;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.Backends;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.arch.TrainedEnsembleKernel;
import org.nnft.stats.BlockMoments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trained cos-net CPU fast path ({@code TrainedCosNetLanes}) against its scalar reference body
 * ({@code scalar=true}), bit for bit: the lanes draw the reference's neurons (the cos-net NTK lanes' bit-exact
 * draws), never fuse a multiply and an add, and take cos and sin from {@code PortableTrig}, whose vector and scalar
 * forms agree; so every recorded sum agrees with tolerance zero. Cases: the d = 1 and d = 2 ball nets and the Cauchy
 * net, widths that are not multiples of the 16-neuron draw chunk or the lanes, blocks of 11 networks (not a
 * multiple of the lanes: their tails take the scalar body), and a Cauchy net whose phases leave the portable
 * reduction's range (cos and sin then go lane by lane through the scalar form, which calls the library functions).
 */
class TrainedCosNetFastPathTest {
    @Test
    void fastPathIsTheReferenceBitForBit() {
        CosNet[] nets = {CosNet.freeScalar(1, 1.0, 4.0, 1.0, 21), CosNet.freeScalar(2, 0.5, 3.0, 1.3, 19),
                CosNet.cauchy(1.0, 0.8, 13), CosNet.cauchy(1e15, 0.8, 6)};
        double[][][] test = {{{-1.0}, {0.2}, {1.0}}, {{-1.0, 0.3}, {0.2, 0.5}, {1.0, -0.4}}, {{-0.7}, {0.4}},
                {{-0.7}, {0.4}}};
        double[][][] train = {{{-0.8}, {0.6}, {0.1}}, {{-0.8, 0.1}, {0.6, -0.2}, {0.0, 0.9}}, {{-0.5}, {0.9}, {0.3}},
                {{-0.5}, {0.9}, {0.3}}};
        double[] targets = {0.4, -0.3, 0.2};
        assertTrue(TrainedEnsembleKernel.COSNET.hasCpuFastPath(), "no fast path to test");
        for (int c = 0; c < nets.length; c++) {
            EnsembleConfig config = EnsembleConfig.builder(nets[c], test[c]).maxOrder(4).networks(90).blockSize(11)
                    .seed(5).jackknifeBins(6).build();
            TrainedEnsemble fast = train(config, train[c], targets, BackendOptions.of("threads", "2"));
            TrainedEnsemble scalar = train(config, train[c], targets,
                    BackendOptions.of("threads", "2", "scalar", "true"));
            for (int s = 0; s < 3; s++) {
                BlockMoments u = scalar.moments(s);
                BlockMoments v = fast.moments(s);
                for (long id : u.blockIds()) {
                    assertEquals(u.count(id), v.count(id), nets[c] + " bin " + id);
                    double[] a = u.sums(id);
                    double[] b = v.sums(id);
                    for (int t = 0; t < a.length; t++) {
                        assertTrue(Double.isFinite(a[t]), nets[c] + " finite");
                        assertEquals(a[t], b[t], 0.0, nets[c] + " record " + s + " bin " + id + " tuple " + t);
                    }
                }
            }
        }
    }

    private static TrainedEnsemble train(EnsembleConfig config, double[][] train, double[] targets,
                                         BackendOptions options) {
        try (Backend cpu = Backends.named("cpu", options)) {
            return TrainedEnsemble.train(config, train, targets, 0.3, new int[] {0, 2, 5}, cpu);
        }
    }
}
