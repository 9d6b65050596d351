package org.nnft.bench.workload;

import java.util.ArrayList;
import java.util.List;

/**
 * One measured row of the end-to-end benchmark: a workload on a backend (or a peer).
 *
 * @param workload  "w1", "lattice", "wolff" or "mcmc"
 * @param backend   backend name, or the peer's ("numpy", "torch")
 * @param device    device description
 * @param rate      work units per second
 * @param unit      the rate's unit, e.g. "neuron-evals/s"
 * @param seconds   timed seconds
 * @param peakRssMb peak resident set size of the process, MB (NaN where unknown)
 * @param check     a workload result that shows the work was done (NaN for peers)
 */
public record BenchRow(String workload, String backend, String device, double rate, String unit, double seconds,
                       double peakRssMb, double check) {

    /** Achieved fraction of the device's peak under the workload's cost model, NaN for unknown devices. */
    public double fractionOfPeak() {
        return DevicePeaks.of(device).map(p -> switch (workload) {
            case "w1" -> rate * Workloads.W1_FLOPS / (p.fp64GigaFlops() * 1e9);
            case "lattice" -> rate * Workloads.SITE_UPDATE_BYTES / (p.memoryGBs() * 1e9);
            default -> Double.NaN;                          // no cost model (MCMC proposals)
        }).orElse(Double.NaN);
    }

    /**
     * Per row (workload, backend), the round with the highest rate: host noise only ever slows a round down, so
     * the best round is the steadiest estimate of each side, and backends and peers alternate within rounds.
     */
    public static List<BenchRow> best(List<List<BenchRow>> rounds) {
        List<BenchRow> best = new ArrayList<>(rounds.get(0));
        for (List<BenchRow> round : rounds.subList(1, rounds.size())) {
            for (BenchRow r : round) {
                for (int i = 0; i < best.size(); i++) {
                    BenchRow b = best.get(i);
                    if (b.workload.equals(r.workload) && b.backend.equals(r.backend) && r.rate > b.rate) {
                        best.set(i, r);
                    }
                }
            }
        }
        return best;
    }
}
