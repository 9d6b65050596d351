package org.nnft.engine;

import java.util.Objects;

/**
 * What a backend runs on, for provenance in results and for sizing chunks of work.
 *
 * @param name              device name, e.g. "NVIDIA H100 80GB HBM3" or "cpu (16 threads)"
 * @param vendor            vendor or platform string
 * @param driver            driver / runtime version string
 * @param memoryBytes       total device memory in bytes (heap limit for the CPU backend)
 * @param maxAllocationBytes largest single buffer in bytes
 * @param computeUnits      streaming multiprocessors, OpenCL compute units or CPU threads
 */
public record DeviceInfo(String name, String vendor, String driver, long memoryBytes,
                         long maxAllocationBytes, int computeUnits) {
    public DeviceInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(driver, "driver");
    }

    @Override
    public String toString() {
        return String.format("%s [%s, %s, %d compute units, %.1f GiB]", name, vendor, driver,
                computeUnits, memoryBytes / (double) (1L << 30));
    }
}
