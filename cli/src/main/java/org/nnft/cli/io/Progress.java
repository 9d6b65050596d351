package org.nnft.cli.io;

import org.nnft.engine.run.ProgressListener;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress on stderr for long runs: fraction done, rate and estimated time left, at most once a
 * second and only after the run has taken a few seconds. Silent when quiet. As a {@link ProgressListener}
 * it takes the total from the run's reports.
 */
public final class Progress implements ProgressListener {
    private static final long FIRST_REPORT_NANOS = 3_000_000_000L;
    private static final long INTERVAL_NANOS = 1_000_000_000L;

    private final PrintStream err;
    private final boolean quiet;
    private final String unit;
    private long total;
    private final long start = System.nanoTime();
    private long lastReport = start;
    private boolean printed;

    public Progress(PrintStream err, boolean quiet, String unit, long total) {
        this.err = err;
        this.quiet = quiet;
        this.unit = unit;
        this.total = total;
    }

    /** A progress line whose total comes with the run's reports. */
    public Progress(PrintStream err, boolean quiet, String unit) {
        this(err, quiet, unit, 0);
    }

    @Override
    public void progress(long done, long total) {
        this.total = total;
        update(done);
    }

    /** Reports that {@code done} of {@code total} units are finished. */
    public void update(long done) {
        if (quiet) {
            return;
        }
        long now = System.nanoTime();
        if (now - start < FIRST_REPORT_NANOS || now - lastReport < INTERVAL_NANOS) {
            return;
        }
        lastReport = now;
        double secs = (now - start) / 1e9;
        double rate = done / secs;
        double eta = rate > 0 ? (total - done) / rate : Double.NaN;
        err.printf(Locale.ROOT, "\r%5.1f%%  %,d / %,d %s  %.3g %s/s  ETA %s   ",
                100.0 * done / Math.max(1, total), done, total, unit, rate, unit, formatSeconds(eta));
        printed = true;
    }

    /** Ends the progress line. */
    public void done() {
        if (printed && !quiet) {
            err.printf(Locale.ROOT, "\rdone in %s%40s%n", formatSeconds((System.nanoTime() - start) / 1e9), "");
        }
    }

    static String formatSeconds(double s) {
        if (!Double.isFinite(s)) {
            return "?";
        }
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, (t % 3600) / 60)
                : t >= 60 ? String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60) : t + "s";
    }
}
