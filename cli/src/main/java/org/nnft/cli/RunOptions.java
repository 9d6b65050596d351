package org.nnft.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options shared by the run commands. */
final class RunOptions {
    @Option(names = "--backend", defaultValue = "auto", description = "auto | cpu | opencl | cuda (default ${DEFAULT-VALUE}); a named backend never falls back")
    String backend;
    @Option(names = "--threads", description = "CPU backend threads (default: all cores)")
    Integer threads;
    @Option(names = "--device", description = "GPU device index or name substring")
    String device;
    @Option(names = "--out", description = "result JSON file")
    Path out;
    @Option(names = "--quiet", description = "no progress on stderr")
    boolean quiet;
    @Option(names = "--no-plots", description = "do not write PNG plots")
    boolean noPlots;

    Path outPath(String defaultName) {
        return out != null ? out : Path.of(defaultName);
    }
}
