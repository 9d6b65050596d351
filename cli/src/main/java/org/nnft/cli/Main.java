package org.nnft.cli;

import org.nnft.engine.BackendUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code nnft} command line. Exit codes: 0 success, 1 a run failed (the message says why),
 * 2 bad options or input (a one-line error).
 */
@Command(name = "nnft", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Neural-network field theory and lattice field theory engine.",
        subcommands = {EnsembleCommand.class, LatticeCommand.class, MergeCommand.class,
                DemoCommand.class, BenchCommand.class, BackendsCommand.class, WidthScanCommand.class,
                CouplingsCommand.class, NtkCommand.class, LearnCommand.class, TrainCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        for (CommandLine sub : cl.getSubcommands().values()) {
            sub.getCommandSpec().versionProvider(new Version());   // 'nnft ensemble --version' prints the version
        }
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("nnft: " + ParameterErrors.oneLine(ex, a)
                    + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof BackendUnavailableException) {
                commandLine.getErr().println("nnft: " + ParameterErrors.oneLine(String.valueOf(ex.getMessage())));
                return 2;
            }
            commandLine.getErr().println("nnft: " + commandLine.getCommandName() + " failed: "
                    + ParameterErrors.oneLine(String.valueOf(ex.getMessage())));
            if (System.getenv("NNFT_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        return cl.execute(args);
    }
}
