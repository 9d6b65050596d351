package org.nnft.cli;

import org.nnft.cli.io.OutputPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * {@code nnft demo}: a short CPU run that shows what the engine is for: a cos-net ensemble whose
 * 2-pt function is the cutoff free propagator at every width (and whose connected 4-pt function
 * is the exact finite-width prediction), and a small lattice phi^4 run.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "A few-minute CPU demonstration: cos-net propagator against theory, and a small lattice run.")
final class DemoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dir", defaultValue = "nnft-demo",
            description = "folder for results and plots (default ${DEFAULT-VALUE})")
    Path dir;
    @Option(names = "--backend", defaultValue = "cpu", description = "backend (default ${DEFAULT-VALUE})")
    String backend;
    @Option(names = "--quiet", description = "no progress on stderr")
    boolean quiet;

    @Override
    public Integer call() {
        OutputPaths.requireFolder("--dir", dir);                 // created by the first result written into it
        BackendChoice.requireAvailable("--backend", backend, true);
        var out = spec.commandLine().getOut();
        out.println("== 1. Cos-net free scalar, d = 1, m = 1, Lambda = 10, N = 50: "
                + "G2 is the cutoff propagator at any N,");
        out.println("==    G4_c the exact finite-N prediction (docs/physics.md A.2).");
        int rc = run("ensemble", "--arch", "cos", "--dim", "1", "--width", "50", "--networks", "1000000",
                "--mass", "1", "--cutoff", "10", "--points", "0;0.25;0.5;1;1.5;2", "--order", "4",
                "--seed", "2026", "--backend", backend, "--out", dir.resolve("cosnet.json").toString());
        if (rc != 0) {
            return rc;
        }
        out.println();
        out.println("== 2. Lattice phi^4, 2D, L = 16, mu^2 = -0.9515, lambda = 0.7 (near criticality),");
        out.println("==    Metropolis + overrelaxation + 2 Wolff clusters per sweep.");
        rc = run("lattice", "--dim", "2", "--size", "16", "--mu2", "-0.9515", "--lambda", "0.7",
                "--algorithm", "metropolis+overrelax+wolff:2", "--sweeps", "4000", "--thermalize", "400",
                "--seed", "2026", "--backend", backend, "--out", dir.resolve("lattice.json").toString());
        out.println();
        out.println("results and plots in " + dir.toAbsolutePath());
        return rc;
    }

    private int run(String... args) {
        String[] full = args;
        if (quiet) {
            full = Arrays.copyOf(args, args.length + 1);
            full[args.length] = "--quiet";
        }
        return Main.execute(full, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
