package org.nnft.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** One in-process run of the command line ({@link Main#execute}) in a test: its exit code and what it printed. */
record CliRun(int code, String out, String err) {

    /** Runs {@code nnft args...} and captures stdout and stderr. */
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    /** {@link #of(String...)} of a list of arguments. */
    static CliRun of(List<String> args) {
        return of(args.toArray(String[]::new));
    }
}
