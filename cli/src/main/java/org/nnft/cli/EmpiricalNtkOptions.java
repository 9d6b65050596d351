package org.nnft.cli;

import picocli.CommandLine.Option;

/**
 * Options of the empirical NTK of {@code nnft ntk} (docs/ntk.md section 6): without {@code --networks} the
 * command stays pure theory.
 */
final class EmpiricalNtkOptions {
    @Option(names = "--networks", description = "sample M networks and add the empirical NTK (mean +- jackknife"
            + " error and network-to-network variance) beside the theory")
    Long networks;
    @Option(names = "--widths", split = ",", description = "further widths N for the empirical variance,"
            + " ',' between them: the fitted slope of Var[Theta] against N (expected -1 in the NTK parameterisation)")
    int[] widths;
    @Option(names = "--seed", defaultValue = "1", description = "Philox seed of the sampled networks")
    long seed;
    @Option(names = "--backend", defaultValue = "auto",
            description = "auto | cpu | opencl | cuda for the sampled networks (default ${DEFAULT-VALUE})")
    String backend;
    @Option(names = "--threads", description = "CPU backend threads (default: all cores)")
    Integer threads;
}
