package org.nnft.cli;

import org.nnft.cli.io.OutputPaths;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;

/** Options shared by the run commands. */
final class RunOptions {
    @Option(names = "--backend", defaultValue = "auto",
            description = "auto | cpu | opencl | cuda (default ${DEFAULT-VALUE}); a named backend never falls back")
    String backend;
    @Option(names = "--threads", description = "CPU backend threads (default: all cores)")
    Integer threads;
    @Option(names = "--device", description = "GPU device index or name substring")
    String device;
    @Option(names = "--out", description = "result JSON file (plots go beside it); a symbolic link is written through")
    Path out;
    @Option(names = "--quiet", description = "no progress on stderr")
    boolean quiet;
    @Option(names = "--no-plots", description = "do not write PNG plots")
    boolean noPlots;

    Path outPath(String defaultName) {
        return out != null ? out : Path.of(defaultName);
    }

    /**
     * The result file, checked before the run starts (see {@link OutputPaths}); {@code spec} gives the
     * text of {@code --out} as typed, as a {@code Path} drops a trailing '/'.
     */
    Path checkedOutPath(CommandSpec spec, String defaultName) {
        return checkedOut(spec, outPath(defaultName));
    }

    /** {@code path}, the value of a command's {@code --out}, checked before the run starts as above. */
    static Path checkedOut(CommandSpec spec, Path path) {
        OptionSpec option = spec.findOption("--out");
        List<String> raw = option == null ? List.of() : option.originalStringValues();
        return OutputPaths.requireFile("--out", raw.isEmpty() ? null : raw.getLast(), path);
    }
}
