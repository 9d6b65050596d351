package org.nnft.bench.workload;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Published peak figures of GPUs the benchmark may meet, for its fraction-of-peak column: FP64 and FP32
 * vector throughput (no tensor cores) and memory bandwidth, from the vendors' data sheets. A device
 * is matched by a substring of its reported name (more specific names first); unknown devices
 * (and CPUs) get no fraction rather than a guess.
 *
 * @param fp64GigaFlops peak FP64 (non-tensor) GFLOP/s
 * @param fp32GigaFlops peak FP32 (non-tensor) GFLOP/s
 * @param memoryGBs     peak memory bandwidth, GB/s (10^9 bytes per second)
 */
public record DevicePeaks(String match, double fp64GigaFlops, double fp32GigaFlops, double memoryGBs) {
    private static final List<DevicePeaks> KNOWN = List.of(
            new DevicePeaks("h200", 34_000, 67_000, 4_800),
            new DevicePeaks("h100 nvl", 30_000, 60_000, 3_900),
            new DevicePeaks("h100 pcie", 26_000, 51_000, 2_000),
            new DevicePeaks("h100", 34_000, 67_000, 3_350),         // SXM5
            new DevicePeaks("a100", 9_700, 19_500, 1_935),
            new DevicePeaks("l40s", 1_430, 91_600, 864),
            new DevicePeaks("v100", 7_800, 15_700, 900));

    /** The peaks of the device called {@code deviceName}, if it is in the table. */
    public static Optional<DevicePeaks> of(String deviceName) {
        String name = deviceName.toLowerCase(Locale.ROOT);
        return KNOWN.stream().filter(p -> name.contains(p.match)).findFirst();
    }
}
