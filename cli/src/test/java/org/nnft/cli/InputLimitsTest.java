package org.nnft.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

/**
 * Inputs that cannot give a result are refused at once, before any work, with exit code 2 and one line that says
 * why: sizes beyond memory or the site tables, thread and update counts beyond their caps, actions unbounded below,
 * non-representable cutoffs, and the messages that used to be cryptic (box side lengths, duplicate widths).
 */
class InputLimitsTest {
    private static String refused(String expected, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true)));
        String e = err.toString();
        assertEquals(2, code, String.join(" ", args) + " -> " + e);
        assertEquals(1, e.strip().lines().count(), "one line: " + e);
        assertTrue(e.startsWith("nnft: ") && e.contains(expected), "'" + expected + "' in " + e);
        return e;
    }

    @Test
    void sizesBeyondMemoryAreRefusedAtOnce() {
        refused("too large for dim 4", "lattice", "--dim", "4", "--size", "65536", "--backend", "cpu");
        refused("Java heap", "lattice", "--dim", "2", "--size", "16000", "--backend", "cpu");
        String points = IntStream.range(0, 64).mapToObj(i -> Double.toString(0.1 * i))
                .collect(Collectors.joining(";"));
        refused("more than the limit of", "lattice", "--dim", "3", "--size", "64", "--sweeps", "300",
                "--save-configs", "--backend", "cpu");               // 300 x 2 MiB
        refused("--save-configs-every needs --save-configs", "lattice", "--save-configs-every", "2");
        refused("--save-configs: a resumed chain", "lattice", "--save-configs", "--resume", "x.ckpt");
        refused("1.31e+08 tuples", "ensemble", "--points", points, "--order", "6", "--backend", "cpu");
    }

    @Test
    void threadAndUpdateCountsAreCapped() {
        refused("--threads must be in [1, 1024]", "lattice", "--threads", "2147483647");
        refused("--threads must be in [1, 1024]", "ensemble", "--threads", "0");
        refused("--algorithm: count in 'metropolis:2147483647'", "lattice", "--algorithm", "metropolis:2147483647");
        refused("--checkpoint-every must be >= 1", "lattice", "--checkpoint-every", "0");
    }

    @Test
    void unboundedActionsAndNonRepresentableInputsAreRefusedUpFront() {
        refused("unbounded below", "lattice", "--lambda", "0", "--mu2", "-1", "--backend", "cpu");
        refused("unbounded below", "lattice", "--lambda", "-0.5", "--backend", "cpu");
        refused("cutoff 1.0E308", "ensemble", "--cutoff", "1e308", "--backend", "cpu");
        refused("out of the double range", "ensemble", "--arch", "relu", "--sigma-w", "1e300", "--backend", "cpu");
        refused("--box needs 1 side length for --dim 1, got 2", "ensemble", "--lambda", "1", "--box", "4,4");
        refused("--widths must be distinct", "widths", "--widths", "2,2", "--backend", "cpu");
    }
}
