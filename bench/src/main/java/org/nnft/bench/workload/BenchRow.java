package org.nnft.bench.workload;

import org.nnft.engine.Precision;

import java.util.ArrayList;
import java.util.List;

/**
 * One measured row of the end-to-end benchmark: a workload on a backend (or a peer).
 *
 * @param workload  "w1", "lattice", "wolff" or "mcmc"
 * @param backend   backend name, or the peer's ("numpy", "torch", "c-openmp")
 * @param precision the precision of the row's field (W1) or lattice field; double for the other workloads
 * @param device    device description
 * @param rate      work units per second
 * @param unit      the rate's unit, e.g. "neuron-evals/s"
 * @param seconds   timed seconds
 * @param peakRssMb peak resident set size of the process, MB (NaN where unknown)
 * @param check     a workload result that shows the work was done: for W1 the 2-pt moment G2(x0, x0), which the
 *                  W1 peers print too (NaN where a peer prints none)
 */
public record BenchRow(String workload, String backend, Precision precision, String device, double rate, String unit,
                       double seconds, double peakRssMb, double check) {

    /**
     * Achieved fraction of the device's peak under the workload's cost model (W1: FP32 or FP64 throughput by the
     * row's precision; lattice: memory bandwidth at the precision's bytes per site update), NaN for unknown devices.
     */
    public double fractionOfPeak() {
        boolean single = precision == Precision.SINGLE;
        return DevicePeaks.of(device).map(p -> switch (workload) {
            case "w1" -> rate * Workloads.W1_FLOPS / ((single ? p.fp32GigaFlops() : p.fp64GigaFlops()) * 1e9);
            case "lattice" -> rate * (single ? Workloads.SITE_UPDATE_BYTES_SINGLE : Workloads.SITE_UPDATE_BYTES)
                    / (p.memoryGBs() * 1e9);
            default -> Double.NaN;                          // no cost model (MCMC proposals)
        }).orElse(Double.NaN);
    }

    /**
     * Per row (workload, backend, precision), the round with the highest rate: host noise only ever slows a round
     * down, so the best round is the steadiest estimate of each side, and backends and peers alternate within rounds.
     */
    public static List<BenchRow> best(List<List<BenchRow>> rounds) {
        List<BenchRow> best = new ArrayList<>(rounds.get(0));
        for (List<BenchRow> round : rounds.subList(1, rounds.size())) {
            for (BenchRow r : round) {
                for (int i = 0; i < best.size(); i++) {
                    BenchRow b = best.get(i);
                    if (b.workload.equals(r.workload) && b.backend.equals(r.backend) && b.precision == r.precision
                            && r.rate > b.rate) {
                        best.set(i, r);
                    }
                }
            }
        }
        return best;
    }
}
