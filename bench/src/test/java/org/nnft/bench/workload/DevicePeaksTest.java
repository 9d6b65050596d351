package org.nnft.bench.workload;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Precision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark's fraction-of-peak column: data-sheet peaks by device name, NaN for unknown devices; single-precision
 * rows against FP32 peak and the single-precision lattice bytes.
 */
class DevicePeaksTest {
    @Test
    void matchesTheMostSpecificNameAndAppliesTheCostModels() {
        assertEquals(26_000, DevicePeaks.of("NVIDIA H100 PCIe").orElseThrow().fp64GigaFlops());
        assertEquals(3_350, DevicePeaks.of("NVIDIA H100 80GB HBM3").orElseThrow().memoryGBs());
        assertEquals(4_800, DevicePeaks.of("NVIDIA H200").orElseThrow().memoryGBs());
        assertTrue(DevicePeaks.of("cpu (2 threads)").isEmpty());

        Precision d = Precision.DOUBLE;
        Precision s = Precision.SINGLE;
        var w1 = new BenchRow("w1", "cuda", d, "NVIDIA H200", 1e11, "neuron-evals/s", 1, 1, 0);
        assertEquals(1e11 * Workloads.W1_FLOPS / 34e12, w1.fractionOfPeak(), 1e-15);
        var w1single = new BenchRow("w1", "cuda", s, "NVIDIA H200", 1e11, "neuron-evals/s", 1, 1, 0);
        assertEquals(1e11 * Workloads.W1_FLOPS / 67e12, w1single.fractionOfPeak(), 1e-15);
        var lattice = new BenchRow("lattice", "opencl", d, "NVIDIA H200", 1e10, "site-updates/s", 1, 1, 0);
        assertEquals(1e10 * Workloads.SITE_UPDATE_BYTES / 4.8e12, lattice.fractionOfPeak(), 1e-15);
        var latticeSingle = new BenchRow("lattice", "opencl", s, "NVIDIA H200", 1e10, "site-updates/s", 1, 1, 0);
        assertEquals(1e10 * Workloads.SITE_UPDATE_BYTES_SINGLE / 4.8e12, latticeSingle.fractionOfPeak(), 1e-15);
        assertTrue(Workloads.SITE_UPDATE_BYTES_SINGLE < Workloads.SITE_UPDATE_BYTES);
        assertTrue(Double.isNaN(new BenchRow("w1", "cpu", d, "cpu (2 threads)", 1e8, "", 1, 1, 0).fractionOfPeak()));
    }
}
