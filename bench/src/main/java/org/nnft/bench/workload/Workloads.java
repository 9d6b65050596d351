package org.nnft.bench.workload;

import org.nnft.engine.Backend;
import org.nnft.engine.Precision;
import org.nnft.ensemble.EnsembleConfig;
import org.nnft.ensemble.EnsembleResult;
import org.nnft.ensemble.EnsembleSampler;
import org.nnft.ensemble.EmpiricalNtk;
import org.nnft.ensemble.TrainedEnsemble;
import org.nnft.ensemble.arch.ShallowNetwork;
import org.nnft.ensemble.arch.CosNet;
import org.nnft.ensemble.deform.Deformation;
import org.nnft.ensemble.deform.DeformedResult;
import org.nnft.ensemble.deform.IntegrationBox;
import org.nnft.ensemble.deform.McmcConfig;
import org.nnft.ensemble.deform.McmcSampler;
import org.nnft.ensemble.deform.Potential;
import org.nnft.lattice.action.Couplings;
import org.nnft.lattice.action.HomogeneousTheory;
import org.nnft.engine.random.RandomStreams;
import org.nnft.lattice.action.Phi4Action;
import org.nnft.lattice.geometry.Lattice;
import org.nnft.lattice.learn.ModelSampler;
import org.nnft.lattice.learn.Optimizer;
import org.nnft.lattice.learn.Rbm;
import org.nnft.lattice.learn.RbmLearning;
import org.nnft.lattice.learn.RbmTrainer;
import org.nnft.lattice.learn.ReverseKlTrainer;
import org.nnft.lattice.learn.TrainingSettings;
import org.nnft.lattice.run.LatticeRun;
import org.nnft.lattice.update.DeviceCouplings;
import org.nnft.lattice.update.LatticeField;
import org.nnft.lattice.update.Metropolis;
import org.nnft.lattice.update.WolffClusters;
import org.nnft.theory.Activation;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The end-to-end benchmark's workloads, each timed on one backend as one {@link BenchRow}.
 * W1: d = 1 cos-net, N = 1000, 6 points, all 1- to 4-pt tuples. Lattice: 2D L = {@value #L} checkerboard
 * Metropolis; Wolff: embedded-Ising clusters on that lattice (a host algorithm). MCMC: parameter-space
 * Metropolis of the phi^4-deformed d = 1 cos-net (N = 100, 64 chains, box 4 on 64 midpoints, lambda = 1).
 * Throughput is neuron evaluations (networks x neurons x points), site updates, clusters or neuron proposals
 * (chains x sweeps x N) per second. NTK: the empirical NTK ({@link EmpiricalNtk}) of {@value #NTK_NETWORKS} scalar
 * ReLU nets, d = 1, N = {@value #NTK_WIDTH}, on 6 points (every pair, both parameterisations). Train: full-batch
 * gradient descent ({@link TrainedEnsemble}) of {@value #TRAIN_NETWORKS} scalar ReLU nets, d = 1,
 * N = {@value #TRAIN_WIDTH}, on {@value #TRAIN_POINTS} training points for {@value #TRAIN_STEPS} steps, moments at
 * 2 test points; both repeat their run (seeds 1, 2, ...) until 2 s have passed. Their rates are networks x
 * parameters x points per second, the parameters being N (d + 2) + 1
 * and the points the NTK's points or, for training, training points x steps. Learn: reverse-KL training steps
 * per second of {@code nnft learn --target} at L = {@value #LEARN_L} ({@link #learn}), and as the row {@code rbm}
 * RBM training steps per second ({@link #rbm}, the chains on every backend).
 *
 * <p>W1 and the lattice run in the given {@link Precision}; the other workloads are double precision only.
 * Cost models for the fraction of a GPU's peak ({@link BenchRow#fractionOfPeak}): W1 against FP64 (or, in single
 * precision, FP32) throughput at {@value #W1_FLOPS} flops per neuron evaluation (argument 2, cos about 20,
 * accumulation 2, the neuron's Box-Muller and amplitude shared over 6 points about 6); the lattice against memory
 * bandwidth at {@value #SITE_UPDATE_BYTES} bytes per site update in double (the site's field, couplings a and b, 4
 * neighbour indices, hoppings and fields, the site index, the written field and acceptance) and
 * {@value #SITE_UPDATE_BYTES_SINGLE} in single (the five fields read and the one written in 4 bytes).
 *
 * @param networks    W1 networks
 * @param sweeps      lattice Metropolis sweeps (at least 20; the first 10 are not timed)
 * @param mcmcSweeps  MCMC sweeps per chain
 * @param precision   precision of the W1 and lattice workloads
 */
public record Workloads(long networks, int sweeps, int mcmcSweeps, Precision precision) {
    /** Cost model of W1 for the fraction of FP64 peak (see the class comment). */
    public static final int W1_FLOPS = 30;
    /** Cost model of a lattice Metropolis site update for the fraction of memory-bandwidth peak. */
    public static final int SITE_UPDATE_BYTES = 124;
    /** The lattice cost model in single precision: {@link #SITE_UPDATE_BYTES} less 4 bytes on each of 6 fields. */
    public static final int SITE_UPDATE_BYTES_SINGLE = SITE_UPDATE_BYTES - 6 * 4;
    /** Side of the 2D torus of the lattice and Wolff workloads. */
    public static final int L = 256;
    /** The lattice and Wolff workloads' theory (docs/physics.md's seed couplings). */
    private static final HomogeneousTheory LATTICE_THEORY = new HomogeneousTheory(1.0, 1.52425, 0.175);
    /** Clusters per application in the Wolff workload. */
    private static final int WOLFF_CLUSTERS_PER_STEP = 16;
    /** Minimum warm-up of the W1 and lattice workloads before their timed runs. */
    private static final long WARMUP_NANOS = 4_000_000_000L;

    public Workloads {
        if (precision == null) {
            throw new IllegalArgumentException("precision must not be null");
        }
    }

    /** The workloads in double precision. */
    public Workloads(long networks, int sweeps, int mcmcSweeps) {
        this(networks, sweeps, mcmcSweeps, Precision.DOUBLE);
    }

    /**
     * W1: the cos-net ensemble in {@link #precision}; check: the 2-pt moment G2(x0, x0) (the cutoff propagator
     * atan(10) / pi = 0.4683 up to the statistical error), the peers' check value too.
     */
    public BenchRow w1(Backend b) {
        double[][] points = {{0}, {0.2}, {0.5}, {1.0}, {1.5}, {2.0}};
        EnsembleConfig c = EnsembleConfig.builder(CosNet.freeScalar(1, 1.0, 10.0, 1.0, 1000), points)
                .maxOrder(4).networks(networks).seed(1).precision(precision).build();
        // Warm-up (kernel compilation, JIT) on small runs for WARMUP_NANOS: a single small run is not enough for C2
        // to compile the Vector API code before the timed run starts
        EnsembleConfig small = EnsembleConfig.builder(c.architecture(), points).maxOrder(4).networks(4096)
                .precision(precision).build();
        warmUp(() -> EnsembleSampler.sample(small, b));
        long t0 = System.nanoTime();
        EnsembleResult r = EnsembleResult.of(EnsembleSampler.sample(c, b));
        double s = (System.nanoTime() - t0) / 1e9;
        return new BenchRow("w1", b.name(), precision, b.device().name(), networks * 1000.0 * points.length / s,
                "neuron-evals/s", s, peakRssMb(), r.atPoints(0, 0).moment());
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

    /** Lattice Metropolis in {@link #precision}: site updates per second; check: phi2. */
    public BenchRow lattice(Backend b) {
        if (sweeps < 20) {
            throw new IllegalArgumentException("sweeps must be >= 20 (the first 10 are not timed), got " + sweeps);
        }
        var spec = new LatticeRun.ScheduleSpec(1, 0, 0, 0);
        warmUp(() -> LatticeRun.run(new LatticeRun.Config(2, L, LATTICE_THEORY, spec, 200, 2, 100, 1, precision), b,
                LatticeRun.Options.NONE));
        // Time the sweeps only, from the first progress report (sweep 10) to the last, as the NumPy peer does
        // (its timer excludes set-up too); the run's set-up and error analysis are not site updates.
        long[] first = {0, 0};
        long[] last = {0, 0};
        var options = new LatticeRun.Options(null, 0, null, (done, total) -> {
            long now = System.nanoTime();
            if (first[0] == 0) {
                first[0] = now;
                first[1] = done;
            }
            last[0] = now;
            last[1] = done;
        });
        var r = LatticeRun.run(new LatticeRun.Config(2, L, LATTICE_THEORY, spec, sweeps, 0, sweeps / 2, 1, precision),
                b, options);
        double s = (last[0] - first[0]) / 1e9;
        return new BenchRow("lattice", b.name(), precision, b.device().name(),
                (double) L * L * (last[1] - first[1]) / s,
                "site-updates/s", s, peakRssMb(), r.observables().get("phi2").value());
    }

    /**
     * Wolff clusters on the thermalised 2D lattice of the Metropolis workload: clusters per second; the
     * check column is the mean cluster size in sites.
     */
    public BenchRow wolff(Backend b) {
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
            return new BenchRow("wolff", b.name(), Precision.DOUBLE, b.device().name(), built / s, "clusters/s", s,
                    peakRssMb(), sites / built);
        }
    }

    /** MCMC of the deformed cos-net: neuron proposals per second; check: the acceptance. */
    public BenchRow mcmc(Backend b) {
        CosNet net = CosNet.freeScalar(1, 1.0, 5.0, 1.0, 100);
        Deformation def = new Deformation(Potential.phi4(1.0), IntegrationBox.cube(1, 4.0, 64));
        double[][] points = {{0}, {0.5}};
        McmcSampler.sample(McmcConfig.of(net, points, 2, def, 64, 0, 2, 1), b);
        long t0 = System.nanoTime();
        DeformedResult r = McmcSampler.sample(McmcConfig.of(net, points, 2, def, 64, 0, mcmcSweeps, 1), b);
        double s = (System.nanoTime() - t0) / 1e9;
        return new BenchRow("mcmc", b.name(), Precision.DOUBLE, b.device().name(),
                64.0 * mcmcSweeps * net.width() / s, "proposals/s", s, peakRssMb(), r.acceptance());
    }

    /** Networks of the NTK workload. */
    public static final int NTK_NETWORKS = 16384;
    /** Width of the NTK workload. */
    public static final int NTK_WIDTH = 512;
    /** Networks of the training workload. */
    public static final int TRAIN_NETWORKS = 2048;
    /** Width of the training workload. */
    public static final int TRAIN_WIDTH = 256;
    /** Training points of the training workload. */
    public static final int TRAIN_POINTS = 4;
    /** Gradient-descent steps of the training workload. */
    public static final int TRAIN_STEPS = 50;

    /**
     * Empirical NTK: networks x parameters x points per second; check: the mean of Theta_ntk(0, 0) of the first
     * run. Runs of {@value #NTK_NETWORKS} networks (seeds 1, 2, ...) repeat until at least 2 s have passed, so the
     * rate is not that of a 0.1 s burst.
     */
    public BenchRow ntk(Backend b) {
        ShallowNetwork net = ShallowNetwork.scalar(Activation.RELU, 1, NTK_WIDTH, 1.4, 0.1);
        double[][] points = {{-1.0}, {-0.5}, {0}, {0.3}, {0.7}, {1.0}};
        warmUp(() -> EmpiricalNtk.measure(net, points, 1024, 64, 8, 2, b));
        EmpiricalNtk first = null;
        int runs = 0;
        long t0 = System.nanoTime();
        do {
            EmpiricalNtk e = EmpiricalNtk.measure(net, points, NTK_NETWORKS, 64, 32, 1 + runs, b);
            first = first == null ? e : first;
            runs++;
        } while (System.nanoTime() - t0 < 2_000_000_000L);
        double s = (System.nanoTime() - t0) / 1e9;
        double parameters = NTK_WIDTH * 3.0 + 1;
        return new BenchRow("ntk", b.name(), Precision.DOUBLE, b.device().name(),
                (double) runs * NTK_NETWORKS * parameters * points.length / s, "net-param-points/s", s, peakRssMb(),
                first.mean(EmpiricalNtk.NTK, 0).estimate().value());
    }

    /** Training: networks x parameters x (training points x steps) per second; check: the mean at step T. */
    public BenchRow train(Backend b) {
        ShallowNetwork net = ShallowNetwork.scalar(Activation.RELU, 1, TRAIN_WIDTH, 1.0, 0.2);
        double[][] test = {{-0.5}, {0.5}};
        double[][] x = new double[TRAIN_POINTS][1];
        double[] y = new double[TRAIN_POINTS];
        for (int a = 0; a < TRAIN_POINTS; a++) {
            x[a][0] = -Math.PI + 2 * Math.PI * a / (TRAIN_POINTS - 1);
            y[a] = Math.sin(x[a][0]);
        }
        int[] steps = {0, TRAIN_STEPS};
        EnsembleConfig small = EnsembleConfig.builder(net, test).maxOrder(2).networks(256).blockSize(64).seed(2)
                .build();
        warmUp(() -> TrainedEnsemble.train(small, x, y, 0.05, steps, b));
        // As the ntk row: ensembles of seeds 1, 2, ... until 2 s have passed, so the rate is not one short run's
        TrainedEnsemble first = null;
        int runs = 0;
        long t0 = System.nanoTime();
        do {
            EnsembleConfig c = EnsembleConfig.builder(net, test).maxOrder(2).networks(TRAIN_NETWORKS).blockSize(64)
                    .seed(1 + runs).build();
            TrainedEnsemble t = TrainedEnsemble.train(c, x, y, 0.05, steps, b);
            first = first == null ? t : first;
            runs++;
        } while (System.nanoTime() - t0 < 2_000_000_000L);
        double s = (System.nanoTime() - t0) / 1e9;
        double parameters = TRAIN_WIDTH * 3.0 + 1;
        return new BenchRow("train", b.name(), Precision.DOUBLE, b.device().name(),
                (double) runs * TRAIN_NETWORKS * parameters * TRAIN_POINTS * TRAIN_STEPS / s, "net-param-points/s", s,
                peakRssMb(), first.estimates(1).momentOf(0));
    }

    /** Side of the 2D lattice of the reverse-KL learning workload. */
    public static final int LEARN_L = 16;
    /** Model samples per reverse-KL training step (the CLI's default). */
    public static final int LEARN_SAMPLES = 1600;
    /** Visible units of the RBM workload (a 16 x 16 image). */
    public static final int RBM_VISIBLE = 256;
    /** Hidden units of the RBM workload. */
    public static final int RBM_HIDDEN = 64;
    /** Data rows of the RBM workload. */
    public static final int RBM_ROWS = 1000;
    /** Persistent chains of the RBM workload. */
    public static final int RBM_CHAINS = 100;

    /**
     * Reverse-KL learning ({@link ReverseKlTrainer}, as {@code nnft learn --target} with its defaults: 20
     * thermalisation sweeps and {@value #LEARN_SAMPLES} samples every 2 sweeps of the persistent {@link ModelSampler}
     * chain, which runs the lattice kernels of {@code nnft lattice} on this backend, then the natural-gradient step
     * with the Fisher matrix of the (d + 2) L^d = 1024 couplings) on the seed's target at L = {@value #LEARN_L}:
     * training steps per second; check: {@code <A - S>} at the last step.
     */
    public BenchRow learn(Backend b) {
        Lattice lattice = new Lattice(2, LEARN_L);
        Couplings target = LATTICE_THEORY.couplings(lattice);
        TrainingSettings settings = new TrainingSettings(1, 20, LEARN_SAMPLES, 2, Optimizer.NATURAL_GRADIENT, 0.5,
                1e-8, 0.1);
        Phi4Action action = new Phi4Action(target);
        try (ModelSampler sampler = new ModelSampler(b, lattice, 1)) {
            ReverseKlTrainer.train(sampler, target, action, settings);          // warm-up: kernels, JIT
            int steps = 0;
            double bound = Double.NaN;
            long t0 = System.nanoTime();
            while (steps < 3 || System.nanoTime() - t0 < 2_000_000_000L) {
                bound = ReverseKlTrainer.train(sampler, target, action, settings).getLast().targetMinusModel()
                        .value();
                steps++;
            }
            double s = (System.nanoTime() - t0) / 1e9;
            return new BenchRow("learn", b.name(), Precision.DOUBLE, b.device().name(), steps / s, "steps/s", s,
                    peakRssMb(), bound);
        }
    }

    /**
     * RBM learning ({@link RbmTrainer}: the persistent block Gibbs chains on {@code b} through the RBM Gibbs kernel,
     * the data phase and the updates in Java on the host): a Bernoulli-Bernoulli RBM of {@value #RBM_VISIBLE} x
     * {@value #RBM_HIDDEN} units on {@value #RBM_ROWS} random binary rows with {@value #RBM_CHAINS} chains, one sweep
     * per step: training steps per second; check: the mean weight (the same on every backend up to the rounding of
     * exp).
     */
    public BenchRow rbm(Backend b) {
        double[][] data = new double[RBM_ROWS][RBM_VISIBLE];
        for (int n = 0; n < RBM_ROWS; n++) {
            for (int i = 0; i < RBM_VISIBLE; i++) {
                data[n][i] = RandomStreams.uniformDouble(3, n, i) < 0.3 ? 1 : 0;
            }
        }
        RbmLearning.Units units = new RbmLearning.Units(RbmLearning.Kind.BERNOULLI, 0, 0);
        Rbm start = RbmLearning.start(data, units, units, RBM_HIDDEN, 1);
        warmUp(() -> RbmTrainer.train(b, start, data, 5, RBM_CHAINS, 1, 0.1, 1));
        int steps = 0;
        Rbm last = start;
        long t0 = System.nanoTime();
        while (steps < 20 || System.nanoTime() - t0 < 2_000_000_000L) {
            last = RbmTrainer.train(b, last, data, 10, RBM_CHAINS, 1, 0.1, 1).getLast();
            steps += 10;
        }
        double s = (System.nanoTime() - t0) / 1e9;
        double meanW = 0;
        for (double w : last.w()) {
            meanW += w / (RBM_VISIBLE * RBM_HIDDEN);
        }
        return new BenchRow("rbm", b.name(), Precision.DOUBLE, b.device().name(), steps / s, "steps/s", s,
                peakRssMb(), meanW);
    }

    /** Peak resident set size of this process (VmHWM), in MB; NaN where /proc is missing. */
    public static double peakRssMb() {
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
