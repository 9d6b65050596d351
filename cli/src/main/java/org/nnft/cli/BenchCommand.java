package org.nnft.cli;

import org.nnft.bench.workload.BenchRow;
import org.nnft.bench.workload.BenchSuite;
import org.nnft.bench.workload.Peers;
import org.nnft.bench.workload.Workloads;
import org.nnft.cli.io.Json;
import org.nnft.cli.io.ResultFile;
import org.nnft.engine.BackendStatus;
import org.nnft.engine.Backends;
import org.nnft.engine.Precision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code nnft bench}: the end-to-end workloads ({@link Workloads}) on every available backend beside their
 * peers ({@link Peers}: bench/peers/*.py and the OpenMP C peer of W1, found through {@code -Dnnft.peers},
 * {@code NNFT_PEERS} or beside the jar), in rounds ({@link BenchSuite}), printing a table and writing JSON. W1 and
 * the lattice run in the {@code --precision} given, and so do their peers; each row's rate is compared with the
 * NumPy and C peers' of the same workload and precision. For GPUs with known peaks the table adds the fraction of
 * the device's peak ({@link BenchRow#fractionOfPeak}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "End-to-end benchmarks on every available backend beside NumPy peers.")
final class BenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--workload", defaultValue = "all", split = ",",
            description = "w1 | lattice | wolff | mcmc | ntk | train | learn | all, or a comma-separated list"
                    + " (ntk,train)")
    List<String> workload;
    @Option(names = "--networks", defaultValue = "100000", description = "W1 networks (the issue's W1 is 1000000)")
    long networks;
    @Option(names = "--peer-networks", defaultValue = "10000",
            description = "networks for the NumPy peer (rate is per network)")
    long peerNetworks;
    @Option(names = "--sweeps", defaultValue = "1000",
            description = "lattice Metropolis sweeps (>= 20; the first 10 are not timed)")
    int sweeps;
    @Option(names = "--mcmc-sweeps", defaultValue = "200", description = "MCMC sweeps per chain")
    int mcmcSweeps;
    @Option(names = "--backends", split = ",", description = "backends to run (default: all available)")
    List<String> backends;
    @Option(names = "--no-peer", description = "skip the NumPy peers")
    boolean noPeer;
    @Option(names = "--repeat", defaultValue = "1",
            description = "rounds of every row, backends and peers alternating; the table shows each row's best round "
                    + "(on a shared host the rounds also show the spread)")
    int repeat;
    @Option(names = "--precision", defaultValue = "double",
            description = "single | double: the W1 and lattice rows' precision, nnft's and the peers' (others: double)")
    String precision;
    @Option(names = "--out", defaultValue = "bench.json", description = "result JSON")
    Path out;

    @Override
    public Integer call() throws Exception {
        RunOptions.checkedOut(spec, out);
        Precision prec = PrecisionOption.parse(precision);
        if (backends != null) {
            for (String name : backends) {
                BackendChoice.requireAvailable("--backends", name, false);
            }
        }
        List<String> names = backends != null ? backends : Backends.list().stream()
                .filter(BackendStatus::available).map(BackendStatus::name).toList();
        Set<String> chosen = new LinkedHashSet<>();
        for (String w : workload) {
            if (!w.equals("all") && !BenchSuite.WORKLOADS.contains(w)) {
                throw new IllegalArgumentException("--workload must be w1, lattice, wolff, mcmc, ntk, train, learn or"
                        + " all, got " + w);
            }
        }
        for (String name : BenchSuite.WORKLOADS) {
            if (workload.contains("all") || workload.contains(name)) {
                chosen.add(name);
            }
        }
        if (chosen.contains("lattice") && sweeps < 20) {
            throw new IllegalArgumentException("--sweeps must be >= 20 (the first 10 are not timed), got " + sweeps);
        }
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be >= 1, got " + repeat);
        }
        if (chosen.contains("w1") && networks < 1) {
            throw new IllegalArgumentException("--networks must be >= 1, got " + networks);
        }
        if (chosen.contains("w1") && !noPeer && peerNetworks < 1) {
            throw new IllegalArgumentException("--peer-networks must be >= 1, got " + peerNetworks);
        }
        if (chosen.contains("mcmc") && mcmcSweeps < 2) {
            throw new IllegalArgumentException("--mcmc-sweeps must be >= 2, got " + mcmcSweeps);
        }
        requireUsed("--networks", chosen.contains("w1"), "the w1 workload");
        requireUsed("--peer-networks", chosen.contains("w1") && !noPeer, "the w1 workload's peers");
        requireUsed("--sweeps", chosen.contains("lattice"), "the lattice workload");
        requireUsed("--precision", chosen.contains("w1") || chosen.contains("lattice"),
                "the w1 and lattice workloads");
        requireUsed("--mcmc-sweeps", chosen.contains("mcmc"), "the mcmc workload");
        BenchSuite suite = new BenchSuite(new Workloads(networks, sweeps, mcmcSweeps, prec), chosen, peerNetworks,
                noPeer ? null : Peers.located(System.err::println), System.err::println);
        List<List<BenchRow>> rounds = new ArrayList<>();
        for (int round = 0; round < repeat; round++) {
            rounds.add(suite.round(names));
        }
        List<BenchRow> rows = BenchRow.best(rounds);
        var w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "%-8s %-8s %-6s %14s %-15s %9s %9s %10s %8s %9s %8s  %s%n", "workload", "backend",
                "prec", "rate", "unit", "seconds", "rss MB", "vs numpy", "vs C", "vs C-phx", "% peak", "device");
        List<Object> json = new ArrayList<>();
        for (BenchRow r : rows) {
            double numpyRate = peerRate(rows, r, "numpy");
            double cRate = peerRate(rows, r, BenchSuite.C_PEER);
            double cPhiloxRate = peerRate(rows, r, BenchSuite.C_PHILOX_PEER);
            double peak = r.fractionOfPeak();
            w.printf(Locale.ROOT, "%-8s %-8s %-6s %14.4g %-15s %9.2f %9.0f %10.2f %8.2f %9.2f %8s  %s%n",
                    r.workload(), r.backend(), r.precision().label(), r.rate(), r.unit(), r.seconds(), r.peakRssMb(),
                    r.rate() / numpyRate, r.rate() / cRate, r.rate() / cPhiloxRate,
                    Double.isNaN(peak) ? "-" : String.format(Locale.ROOT, "%.2f", 100 * peak), r.device());
            List<Object> rates = new ArrayList<>();
            for (List<BenchRow> round : rounds) {
                round.stream().filter(x -> x.workload().equals(r.workload()) && x.backend().equals(r.backend())
                                && x.precision() == r.precision())
                        .forEach(x -> rates.add(x.rate()));
            }
            json.add(Json.object("workload", r.workload(), "backend", r.backend(), "precision", r.precision().label(),
                    "device", r.device(), "rate", r.rate(), "unit", r.unit(), "seconds", r.seconds(),
                    "peakRssMb", r.peakRssMb(), "ratioToNumpy", r.rate() / numpyRate, "ratioToC", r.rate() / cRate,
                    "ratioToCPhilox", r.rate() / cPhiloxRate, "fractionOfPeak", peak, "check", r.check(),
                    "roundRates", rates));
        }
        ResultFile.write(out, Json.object("engine", "nnft " + Version.engine(), "rows", json));
        for (BenchRow r : rows) {
            if (r.workload().equals("wolff")) {
                w.printf(Locale.ROOT, "wolff: mean cluster %.0f sites (%.1f%% of the lattice), %.3g cluster sites/s%n",
                        r.check(), 100 * r.check() / ((double) Workloads.L * Workloads.L), r.rate() * r.check());
            }
        }
        StringBuilder checks = new StringBuilder();
        for (BenchRow r : rows) {
            if (r.workload().equals("w1") && !Double.isNaN(r.check())) {
                checks.append(String.format(Locale.ROOT, ", %s %.4f", r.backend(), r.check()));
            }
        }
        if (!checks.isEmpty()) {
            w.printf(Locale.ROOT, "w1 check, G2(x0, x0) (cutoff propagator atan(10)/pi = %.4f)%s%n",
                    Math.atan(10) / Math.PI, checks);
        }
        if (repeat > 1) {
            w.printf(Locale.ROOT,
                    "best of %d rounds per row; every round's rate is in the JSON (roundRates)%n", repeat);
        }
        w.println("results: " + out.toAbsolutePath());
        return 0;
    }

    /** The rate of {@code peer}'s row of {@code r}'s workload and precision, NaN when there is none. */
    private static double peerRate(List<BenchRow> rows, BenchRow r, String peer) {
        return rows.stream()
                .filter(p -> p.backend().equals(peer) && p.workload().equals(r.workload())
                        && p.precision() == r.precision())
                .mapToDouble(BenchRow::rate).findFirst().orElse(Double.NaN);
    }

    /** Refuses {@code option} given explicitly when the chosen workloads do not use it (it would be ignored). */
    private void requireUsed(String option, boolean used, String user) {
        if (!used && spec.commandLine().getParseResult().hasMatchedOption(option)) {
            throw new IllegalArgumentException(option + " is only for " + user + ", which this run does not do");
        }
    }
}
