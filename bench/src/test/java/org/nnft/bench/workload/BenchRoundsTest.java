package org.nnft.bench.workload;

import org.junit.jupiter.api.Test;
import org.nnft.engine.Precision;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The end-to-end benchmark's rounds ({@code nnft bench --repeat}): each row (workload, backend) shows its fastest
 * round, in the first round's order.
 */
class BenchRoundsTest {
    private static BenchRow row(String workload, String backend, double rate) {
        return new BenchRow(workload, backend, Precision.DOUBLE, "device", rate, "unit", 1, 1, 0);
    }

    @Test
    void eachRowKeepsItsFastestRound() {
        List<BenchRow> first = List.of(row("w1", "cpu", 3), row("w1", "numpy", 5), row("lattice", "cpu", 7));
        List<BenchRow> second = List.of(row("w1", "cpu", 4), row("w1", "numpy", 2), row("lattice", "cpu", 9));
        List<BenchRow> third = List.of(row("w1", "cpu", 1), row("w1", "numpy", 6), row("lattice", "cpu", 8));
        List<BenchRow> best = BenchRow.best(List.of(first, second, third));
        assertEquals(List.of(second.get(0), third.get(1), second.get(2)), best);
        assertEquals(first, BenchRow.best(List.of(first)));
    }
}
