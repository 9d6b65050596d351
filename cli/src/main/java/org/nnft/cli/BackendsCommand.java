package org.nnft.cli;

import org.nnft.engine.BackendStatus;
import org.nnft.engine.Backends;
import picocli.CommandLine.Command;
import picocli.CommandLine;

import java.util.concurrent.Callable;

/** Lists the backends on the class path and whether each can start here. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "List the compute backends and why any is unavailable.")
final class BackendsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        for (BackendStatus s : Backends.list()) {
            spec.commandLine().getOut().println(s);
        }
        return 0;
    }
}
