package org.nnft.cli;

import org.nnft.cli.io.OutputPaths;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --export npz[,pyerrors]}: the formats written beside a result JSON for Python users, checked (names and
 * file paths) before any work, so an unknown format is an input error (exit 2) and never a failed run.
 */
final class ExportOptions {
    @Option(names = "--export", split = ",", paramLabel = "FORMAT",
            description = "also write the results for Python: npz (NAME.npz beside NAME.json) and, for lattice"
                    + " runs, pyerrors (NAME.pyerrors.json.gz, Monte Carlo histories as pyerrors Obs)")
    List<String> formats = new ArrayList<>();

    /**
     * The exports of a run whose JSON is {@code json}, checked; {@code histories}: the run has Monte Carlo
     * histories (the pyerrors format needs them).
     */
    ResultExports checked(Path json, boolean histories) {
        boolean npz = false;
        boolean pyerrors = false;
        for (String raw : formats) {
            switch (raw.strip().toLowerCase(Locale.ROOT)) {
                case "npz" -> npz = true;
                case "pyerrors" -> pyerrors = true;
                default -> throw new IllegalArgumentException("--export: unknown format '" + raw
                        + "' (known: npz, pyerrors)");
            }
        }
        if (pyerrors && !histories) {
            throw new IllegalArgumentException("--export pyerrors: only lattice runs have Monte Carlo histories;"
                    + " use --export npz");
        }
        String base = json.getFileName().toString().replaceFirst("\\.json$", "");
        Path npzPath = npz ? check(json.resolveSibling(base + ".npz")) : null;
        Path pyerrorsPath = pyerrors ? check(json.resolveSibling(base + ".pyerrors.json.gz")) : null;
        return new ResultExports(npzPath, pyerrorsPath);
    }

    private static Path check(Path p) {
        return OutputPaths.requireFile("--export", p.toString(), p);
    }
}
