package org.nnft.ensemble;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Backend;
import org.nnft.engine.BackendOptions;
import org.nnft.engine.Backends;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.arch.EmpiricalNtkKernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cos-net empirical-NTK CPU fast path ({@code CosNetNtkLanes}) against its scalar reference body
 * ({@code scalar=true}), bit for bit: the lanes draw the reference's neurons with bit-exact vector Philox and
 * Box-Muller (tan and pow lane by lane), never fuse a multiply and an add, and take cos and sin from
 * {@code PortableTrig}, whose vector and scalar forms agree bit for bit; so the tolerance is zero. Cases: the d = 1,
 * 2 and 3 ball nets (one and two Philox blocks per neuron) and the Cauchy net, widths that are not multiples of the
 * 16-neuron draw chunk or the lanes, odd and even point counts (a pair row's last pair runs alone), blocks whose
 * networks are not a multiple of the lanes (their tails take the scalar body), and a Cauchy net whose phases leave
 * the portable reduction's range (both bodies then call the library functions).
 */
class CosNetNtkFastPathTest {
    @Test
    void fastPathIsTheReferenceBitForBit() {
        CosNet[] nets = {CosNet.freeScalar(1, 1.0, 10.0, 1.0, 21), CosNet.freeScalar(2, 0.5, 4.0, 1.3, 5),
                CosNet.freeScalar(3, 0.8, 3.0, 1.0, 17), CosNet.cauchy(1.0, 0.7, 19), CosNet.cauchy(1e6, 1.0, 3)};
        double[][] coordinates = {{-0.7, 0.1, 0.9}, {-0.9, -0.2, 0.0, 0.4, 1.1}, {0.3, -0.6, 0.8, 0.0},
                {-1.2, 0.0, 0.5, 0.7, 2.0, -0.3}, {0.0, 1e9, -3e8}};
        assertTrue(EmpiricalNtkKernel.of(nets[0]).hasCpuFastPath(), "no fast path to test");
        for (int c = 0; c < nets.length; c++) {
            CosNet net = nets[c];
            double[][] points = EnsembleTesting.points(net.inputDimension(), coordinates[c]);
            EmpiricalNtk fast = ntk(net, points, BackendOptions.of("threads", "2"));
            EmpiricalNtk scalar = ntk(net, points, BackendOptions.of("threads", "2", "scalar", "true"));
            for (int bin = 0; bin < 4; bin++) {
                for (int p = 0; p < points.length; p++) {
                    assertEquals(scalar.fieldSum(bin, p), fast.fieldSum(bin, p), 0.0, net + " field " + p);
                }
            }
            for (int k : new int[] {EmpiricalNtk.STANDARD, EmpiricalNtk.NTK}) {
                for (int q = 0; q < fast.pairCount(); q++) {
                    assertEquals(scalar.mean(k, q).estimate().value(), fast.mean(k, q).estimate().value(), 0.0,
                            net + " mean " + k + " pair " + q);
                    assertEquals(scalar.variance(k, q).estimate().value(), fast.variance(k, q).estimate().value(),
                            0.0, net + " variance " + k + " pair " + q);
                }
            }
        }
    }

    private static EmpiricalNtk ntk(CosNet net, double[][] points, BackendOptions options) {
        try (Backend cpu = Backends.named("cpu", options)) {
            return EmpiricalNtk.measure(net, points, 150, 20, 4, 11, cpu);
        }
    }
}
