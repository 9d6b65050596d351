package org.nnft.cli;

import org.nnft.cli.io.Json;
import org.nnft.cli.io.OutputPaths;
import org.nnft.cli.io.ResultFile;
import org.nnft.engine.Backend;
import org.nnft.engine.BackendStatus;
import org.nnft.engine.Backends;
import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.EnsembleResult;
import org.nnft.ensemble.EnsembleSampler;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.deform.Deformation;
import org.nnft.ensemble.deform.DeformedResult;
import org.nnft.ensemble.deform.IntegrationBox;
import org.nnft.ensemble.deform.McmcConfig;
import org.nnft.ensemble.deform.McmcSampler;
import org.nnft.ensemble.deform.Potential;
import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.lattice.geometry.Lattice;
import org.nnft.lattice.run.LatticeRun;
import org.nnft.lattice.update.DeviceCouplings;
import org.nnft.lattice.update.LatticeField;
import org.nnft.lattice.update.Metropolis;
import org.nnft.lattice.update.WolffClusters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code nnft bench}: end-to-end workloads on every available backend beside their NumPy peers
 * (bench/peers/*.py, run with python3, or the interpreter named by {@code NNFT_PYTHON}, when it has NumPy)
 * and, for W1, a PyTorch peer where PyTorch is installed (on its GPU when it sees one), printing a table
 * and writing JSON.
 * W1: d = 1 cos-net, N = 1000, 6 points, all 1- to 4-pt tuples. Lattice: 2D L = 256 checkerboard
 * Metropolis; Wolff: embedded-Ising clusters on that lattice (a host algorithm, run once, on the CPU backend,
 * without a peer). MCMC: parameter-space Metropolis of the phi^4-deformed d = 1 cos-net (N = 100, 64 chains,
 * box 4 on 64 midpoints, lambda = 1; NumPy peer bench/peers/mcmc_deformed_numpy.py, vectorised over
 * chains). Throughput is neuron evaluations (networks x neurons x points), site updates, clusters or neuron
 * proposals (chains x sweeps x N) per second.
 *
 * <p>For GPUs in {@link DevicePeaks} the table adds the fraction of the device's peak, by a stated
 * cost model: W1 against FP64 throughput at {@value #W1_FLOPS} flops per neuron evaluation
 * (argument 2, cos about 20, accumulation 2, the neuron's Box-Muller and amplitude shared over 6
 * points about 6); the lattice against memory bandwidth at {@value #SITE_UPDATE_BYTES} bytes per
 * site update (the site's field, couplings a and b, 4 neighbour indices, hoppings and fields, the
 * site index, the written field and acceptance).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "End-to-end benchmarks on every available backend beside NumPy peers.")
final class BenchCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--workload", defaultValue = "all", description = "w1 | lattice | wolff | mcmc | all")
    String workload;
    @Option(names = "--networks", defaultValue = "100000", description = "W1 networks (the issue's W1 is 1000000)")
    long networks;
    @Option(names = "--peer-networks", defaultValue = "10000", description = "networks for the NumPy peer (rate is per network)")
    long peerNetworks;
    @Option(names = "--sweeps", defaultValue = "1000", description = "lattice Metropolis sweeps (>= 20; the first 10 are not timed)")
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
    @Option(names = "--out", defaultValue = "bench.json", description = "result JSON")
    Path out;

    /** Cost model of W1 for the fraction of FP64 peak (see the class comment). */
    static final int W1_FLOPS = 30;
    /** The lattice and Wolff workloads' theory (physics.md's seed couplings) on the 2D L = {@value #L} torus. */
    private static final HomogeneousTheory LATTICE_THEORY = new HomogeneousTheory(1.0, 1.52425, 0.175);
    private static final int L = 256;

    /** Clusters per application in the Wolff workload. */
    private static final int WOLFF_CLUSTERS_PER_STEP = 16;

    /** Minimum warm-up of the W1 and lattice workloads before their timed runs. */
    private static final long WARMUP_NANOS = 4_000_000_000L;

    /** Cost model of a lattice Metropolis site update for the fraction of memory-bandwidth peak. */
    static final int SITE_UPDATE_BYTES = 124;

    record Row(String workload, String backend, String device, double rate, String unit, double seconds,
               double peakRssMb, double check) {

        /** Achieved fraction of the device's peak under the workload's cost model, NaN for unknown devices. */
        double fractionOfPeak() {
            return DevicePeaks.of(device).map(p -> switch (workload) {
                case "w1" -> rate * W1_FLOPS / (p.fp64GigaFlops() * 1e9);
                case "lattice" -> rate * SITE_UPDATE_BYTES / (p.memoryGBs() * 1e9);
                default -> Double.NaN;                          // no cost model (MCMC proposals)
            }).orElse(Double.NaN);
        }
    }

    @Override
    public Integer call() throws Exception {
        OutputPaths.requireFile("--out", rawOut(), out);
        if (backends != null) {
            for (String name : backends) {
                BackendChoice.requireAvailable("--backends", name, false);
            }
        }
        List<String> names = backends != null ? backends : Backends.list().stream()
                .filter(BackendStatus::available).map(BackendStatus::name).toList();
        boolean w1 = workload.equals("all") || workload.equals("w1");
        boolean lat = workload.equals("all") || workload.equals("lattice");
        boolean wolff = workload.equals("all") || workload.equals("wolff");
        boolean mcmc = workload.equals("all") || workload.equals("mcmc");
        if (!w1 && !lat && !wolff && !mcmc) {
            throw new IllegalArgumentException("--workload must be w1, lattice, wolff, mcmc or all, got " + workload);
        }
        if (lat && sweeps < 20) {
            throw new IllegalArgumentException("--sweeps must be >= 20 (the first 10 are not timed), got " + sweeps);
        }
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be >= 1, got " + repeat);
        }
        if (w1 && networks < 1) {
            throw new IllegalArgumentException("--networks must be >= 1, got " + networks);
        }
        if (w1 && !noPeer && peerNetworks < 1) {
            throw new IllegalArgumentException("--peer-networks must be >= 1, got " + peerNetworks);
        }
        if (mcmc && mcmcSweeps < 2) {
            throw new IllegalArgumentException("--mcmc-sweeps must be >= 2, got " + mcmcSweeps);
        }
        requireUsed("--networks", w1, "the w1 workload");
        requireUsed("--peer-networks", w1 && !noPeer, "the w1 workload's peers");
        requireUsed("--sweeps", lat, "the lattice workload");
        requireUsed("--mcmc-sweeps", mcmc, "the mcmc workload");
        List<List<Row>> rounds = new ArrayList<>();
        for (int round = 0; round < repeat; round++) {
            rounds.add(round(names, w1, lat, wolff, mcmc));
        }
        List<Row> rows = best(rounds);
        var w = spec.commandLine().getOut();
        w.printf(Locale.ROOT, "%-8s %-8s %14s %-15s %9s %9s %10s %8s  %s%n", "workload", "backend", "rate", "unit",
                "seconds", "rss MB", "vs numpy", "% peak", "device");
        List<Object> json = new ArrayList<>();
        for (Row r : rows) {
            double peerRate = rows.stream().filter(p -> p.backend.equals("numpy") && p.workload.equals(r.workload))
                    .mapToDouble(Row::rate).findFirst().orElse(Double.NaN);
            double peak = r.fractionOfPeak();
            w.printf(Locale.ROOT, "%-8s %-8s %14.4g %-15s %9.2f %9.0f %10.2f %8s  %s%n", r.workload, r.backend, r.rate,
                    r.unit, r.seconds, r.peakRssMb, r.rate / peerRate,
                    Double.isNaN(peak) ? "-" : String.format(Locale.ROOT, "%.2f", 100 * peak), r.device);
            List<Object> rates = new ArrayList<>();
            for (List<Row> round : rounds) {
                round.stream().filter(x -> x.workload.equals(r.workload) && x.backend.equals(r.backend))
                        .forEach(x -> rates.add(x.rate));
            }
            json.add(Json.object("workload", r.workload, "backend", r.backend, "device", r.device, "rate", r.rate,
                    "unit", r.unit, "seconds", r.seconds, "peakRssMb", r.peakRssMb, "ratioToNumpy", r.rate / peerRate,
                    "fractionOfPeak", peak, "check", r.check, "roundRates", rates));
        }
        ResultFile.write(out, Json.object("engine", "nnft " + Version.engine(), "rows", json));
        for (Row r : rows) {
            if (r.workload.equals("wolff")) {
                w.printf(Locale.ROOT, "wolff: mean cluster %.0f sites (%.1f%% of the lattice), %.3g cluster sites/s%n",
                        r.check, 100 * r.check / ((double) L * L), r.rate * r.check);
            }
        }
        if (repeat > 1) {
            w.printf(Locale.ROOT, "best of %d rounds per row; every round's rate is in the JSON (roundRates)%n", repeat);
        }
        w.println("results: " + out.toAbsolutePath());
        return 0;
    }

    /** Refuses {@code option} given explicitly when the chosen workloads do not use it (it would be ignored). */
    private void requireUsed(String option, boolean used, String user) {
        if (!used && spec.commandLine().getParseResult().hasMatchedOption(option)) {
            throw new IllegalArgumentException(option + " is only for " + user + ", which this run does not do");
        }
    }

    /** The text of {@code --out} as given (a {@code Path} drops a trailing '/'); null for the default. */
    private String rawOut() {
        List<String> raw = spec.findOption("--out").originalStringValues();
        return raw.isEmpty() ? null : raw.getLast();
    }

    /** One round: every backend's rows, then the peers'. */
    private List<Row> round(List<String> names, boolean w1, boolean lat, boolean wolff, boolean mcmc)
            throws Exception {
        List<Row> rows = new ArrayList<>();
        for (String name : names) {
            try (Backend b = Backends.named(name)) {
                if (w1) {
                    rows.add(w1(b));
                }
                if (lat) {
                    rows.add(lattice(b));
                }
                if (wolff && b.name().equals("cpu")) {
                    rows.add(wolff(b));                    // a host algorithm: the same code on every backend
                }
                if (mcmc) {
                    rows.add(mcmc(b));
                }
            }
        }
        if (!noPeer) {
            if (w1) {
                peer("w1", "numpy", "w1_cosnet_numpy.py", "neuron_evals_per_s", "neuron-evals/s", rows,
                        Long.toString(peerNetworks), "1000");
                peer("w1", "torch", "w1_cosnet_torch.py", "neuron_evals_per_s", "neuron-evals/s", rows,
                        Long.toString(Math.max(peerNetworks, networks)), "1000");
            }
            if (lat) {
                peer("lattice", "numpy", "lattice_metropolis_numpy.py", "site_updates_per_s", "site-updates/s", rows,
                        Integer.toString(L), "20");
            }
            if (mcmc) {
                peer("mcmc", "numpy", "mcmc_deformed_numpy.py", "proposals_per_s", "proposals/s", rows,
                        "64", Integer.toString(Math.max(10, mcmcSweeps / 4)), "100", "64");
            }
        }
        return rows;
    }

    /**
     * Per row (workload, backend), the round with the highest rate: host noise only ever slows a round down, so
     * the best round is the steadiest estimate of each side, and backends and peers alternate within rounds.
     */
    static List<Row> best(List<List<Row>> rounds) {
        List<Row> best = new ArrayList<>(rounds.get(0));
        for (List<Row> round : rounds.subList(1, rounds.size())) {
            for (Row r : round) {
                for (int i = 0; i < best.size(); i++) {
                    Row b = best.get(i);
                    if (b.workload.equals(r.workload) && b.backend.equals(r.backend) && r.rate > b.rate) {
                        best.set(i, r);
                    }
                }
            }
        }
        return best;
    }

    private Row w1(Backend b) {
        double[][] points = {{0}, {0.2}, {0.5}, {1.0}, {1.5}, {2.0}};
        EnsembleConfig c = EnsembleConfig.builder(CosNet.freeScalar(1, 1.0, 10.0, 1.0, 1000), points)
                .maxOrder(4).networks(networks).seed(1).build();
        // Warm-up (kernel compilation, JIT) on small runs: a single one left the timed run's first seconds at about
        // 60% speed
        EnsembleConfig small = EnsembleConfig.builder(c.architecture(), points).maxOrder(4).networks(4096).build();
        warmUp(() -> EnsembleSampler.sample(small, b));
        long t0 = System.nanoTime();
        EnsembleResult r = EnsembleResult.of(EnsembleSampler.sample(c, b));
        double s = (System.nanoTime() - t0) / 1e9;
        return new Row("w1", b.name(), b.device().name(), networks * 1000.0 * points.length / s, "neuron-evals/s", s,
                peakRssMb(), r.atPoints(0, 0).moment());
    }

    /**
     * Runs {@code run} again and again for at least {@link #WARMUP_NANOS}: C2 takes seconds to compile Vector API
     * code, which is very slow before that (JMH's benchmarks need as long before their rates settle).
     */
    private static void warmUp(Runnable run) {
        long start = System.nanoTime();
        do {
            run.run();
        } while (System.nanoTime() - start < WARMUP_NANOS);
    }

    private Row lattice(Backend b) {
        var spec = new LatticeRun.ScheduleSpec(1, 0, 0, 0);
        warmUp(() -> LatticeRun.run(new LatticeRun.Config(2, L, LATTICE_THEORY, spec, 200, 2, 100, 1), b,
                LatticeRun.Options.NONE));
        // Time the sweeps only, from the first progress report (sweep 10) to the last, as the NumPy peer does
        // (its timer excludes set-up too); the run's set-up and error analysis are not site updates.
        long[] first = {0, 0};
        long[] last = {0, 0};
        var options = new LatticeRun.Options(null, 0, null, done -> {
            long now = System.nanoTime();
            if (first[0] == 0) {
                first[0] = now;
                first[1] = done;
            }
            last[0] = now;
            last[1] = done;
        });
        var r = LatticeRun.run(new LatticeRun.Config(2, L, LATTICE_THEORY, spec, sweeps, 0, sweeps / 2, 1), b, options);
        double s = (last[0] - first[0]) / 1e9;
        return new Row("lattice", b.name(), b.device().name(), (double) L * L * (last[1] - first[1]) / s,
                "site-updates/s", s, peakRssMb(), r.observables().get("phi2").value());
    }

    /**
     * Wolff clusters on the thermalised 2D L = 256 lattice of the Metropolis workload: clusters per second; the
     * check column is the mean cluster size in sites.
     */
    private Row wolff(Backend b) {
        Couplings couplings = LATTICE_THEORY.couplings(new Lattice(2, L));
        try (DeviceCouplings dc = new DeviceCouplings(b, couplings);
             LatticeField field = new LatticeField(b, new double[couplings.lattice().volume()])) {
            Metropolis metropolis = new Metropolis(dc, 1.0, 1);
            WolffClusters clusters = new WolffClusters(couplings, WOLFF_CLUSTERS_PER_STEP);
            long step = 0;
            for (; step < 300; step++) {                   // thermalise (and warm up the JIT)
                metropolis.adapt(metropolis.apply(field, 1, step));
                clusters.apply(field, 1, step);
            }
            double sites = 0;
            int steps = 0;
            long t0 = System.nanoTime();
            while (steps < 20 || System.nanoTime() - t0 < 2_000_000_000L) {
                sites += clusters.apply(field, 1, step++) * WOLFF_CLUSTERS_PER_STEP * couplings.lattice().volume();
                steps++;
            }
            double s = (System.nanoTime() - t0) / 1e9;
            double built = (double) steps * WOLFF_CLUSTERS_PER_STEP;
            return new Row("wolff", b.name(), b.device().name(), built / s, "clusters/s", s, peakRssMb(),
                    sites / built);
        }
    }

    private Row mcmc(Backend b) {
        CosNet net = CosNet.freeScalar(1, 1.0, 5.0, 1.0, 100);
        Deformation def = new Deformation(Potential.phi4(1.0), IntegrationBox.cube(1, 4.0, 64));
        double[][] points = {{0}, {0.5}};
        McmcSampler.sample(McmcConfig.of(net, points, 2, def, 64, 0, 2, 1), b);
        long t0 = System.nanoTime();
        DeformedResult r = McmcSampler.sample(McmcConfig.of(net, points, 2, def, 64, 0, mcmcSweeps, 1), b);
        double s = (System.nanoTime() - t0) / 1e9;
        return new Row("mcmc", b.name(), b.device().name(), 64.0 * mcmcSweeps * net.width() / s, "proposals/s", s,
                peakRssMb(), r.acceptance());
    }

    /** Environment variable naming the Python interpreter of the peers (default {@code python3} on the PATH). */
    static final String PYTHON_ENV = "NNFT_PYTHON";

    /** Exit status of a peer script whose library (e.g. PyTorch) is not installed: skipped quietly. */
    private static final int PEER_UNAVAILABLE = 3;

    private static void peer(String workload, String backend, String script, String key, String unit, List<Row> rows,
                             String... args) {
        Path p = locate(script);
        if (p == null) {
            System.err.println("bench: peer script " + script + " not found; skipping the " + backend + " peer");
            return;
        }
        List<String> cmd = new ArrayList<>(List.of(System.getenv().getOrDefault(PYTHON_ENV, "python3"), p.toString()));
        cmd.addAll(List.of(args));
        try {
            Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String last = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    last = line;
                }
            }
            int status = proc.waitFor();
            if (status == PEER_UNAVAILABLE) {
                System.err.println("bench: " + backend + " peer skipped: " + last);
                return;
            }
            if (status != 0 || last == null || !last.startsWith("{")) {
                System.err.println("bench: " + backend + " peer failed: " + last);
                return;
            }
            var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(last);
            rows.add(new Row(workload, backend, node.path("device").asText("python3 + " + backend),
                    node.get(key).asDouble(), unit, node.get("seconds").asDouble(),
                    node.path("peak_rss_mb").asDouble(Double.NaN), Double.NaN));
        } catch (Exception e) {
            System.err.println("bench: cannot run the " + backend + " peer (" + e.getMessage() + "); skipping it");
        }
    }

    private static Path locate(String script) {
        for (Path base = Path.of("").toAbsolutePath(); base != null; base = base.getParent()) {
            Path p = base.resolve("bench/peers/" + script);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** Peak resident set size of this process (VmHWM), in MB; NaN where /proc is missing. */
    static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (Exception ignored) {
            // not Linux
        }
        return Double.NaN;
    }
}
