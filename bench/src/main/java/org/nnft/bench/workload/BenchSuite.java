package org.nnft.bench.workload;

import org.nnft.engine.Backend;
import org.nnft.engine.Backends;
import org.nnft.engine.Precision;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One round of the end-to-end benchmark: the chosen workloads on every named backend, then the peers (NumPy for
 * every workload but Wolff; for W1 also PyTorch where installed, on its GPU when it sees one, and the OpenMP C peer
 * where gcc is, twice: with its 32-bit hash and with nnft's Philox4x32-10 draws). Wolff clusters are a host
 * algorithm, run on the CPU backend only. The W1 and lattice rows, nnft's and the peers', are in the workloads'
 * precision (the peers' float32 or float64); a row whose precision a backend does not have is skipped with a note.
 * The learn workload's RBM row runs its chains on every backend.
 *
 * @param workloads    the workloads' sizes and precision
 * @param chosen       names of the workloads to run, from {@link #WORKLOADS}
 * @param peerNetworks networks of the NumPy W1 peer (its rate is per network)
 * @param peers        the peers, or null to run none
 * @param notes        receives the notes on skipped rows
 */
public record BenchSuite(Workloads workloads, Set<String> chosen, long peerNetworks, Peers peers,
                         Consumer<String> notes) {
    /** The backend name of the OpenMP C peer's rows. */
    public static final String C_PEER = "c-openmp";
    /**
     * The backend name of the OpenMP C peer built with nnft's Philox4x32-10 draws ({@code -DNNFT_PHILOX}): the same
     * per-neuron random work as nnft, where {@link #C_PEER} uses a cheaper 32-bit hash.
     */
    public static final String C_PHILOX_PEER = "c-philox";
    /** The macro that selects the C W1 peer's Philox variant. */
    public static final String PHILOX_DEFINE = "NNFT_PHILOX";
    /** The workloads' names. */
    public static final List<String> WORKLOADS = List.of("w1", "lattice", "wolff", "mcmc", "ntk", "train", "learn");

    public BenchSuite {
        if (chosen.isEmpty() || !WORKLOADS.containsAll(chosen)) {
            throw new IllegalArgumentException("workloads must be some of " + WORKLOADS + ", got " + chosen);
        }
        chosen = Set.copyOf(chosen);
        if (notes == null) {
            throw new IllegalArgumentException("notes must not be null");
        }
    }

    /** Every backend's rows (in the order of {@code backendNames}), then the peers'. */
    public List<BenchRow> round(List<String> backendNames) {
        boolean w1 = chosen.contains("w1");
        boolean lat = chosen.contains("lattice");
        List<BenchRow> rows = new ArrayList<>();
        for (String name : backendNames) {
            try (Backend b = Backends.named(name)) {
                if (w1) {
                    add(rows, "w1", b, () -> workloads.w1(b));
                }
                if (lat) {
                    add(rows, "lattice", b, () -> workloads.lattice(b));
                }
                if (chosen.contains("wolff") && b.name().equals("cpu")) {
                    rows.add(workloads.wolff(b));           // a host algorithm: the same code on every backend
                }
                if (chosen.contains("mcmc")) {
                    rows.add(workloads.mcmc(b));
                }
                if (chosen.contains("ntk")) {
                    rows.add(workloads.ntk(b));
                }
                if (chosen.contains("train")) {
                    rows.add(workloads.train(b));
                }
                if (chosen.contains("learn")) {
                    rows.add(workloads.learn(b));
                    rows.add(workloads.rbm(b));             // the chains through the RBM Gibbs kernel on b
                }
            }
        }
        if (peers != null) {
            Precision p = workloads.precision();
            String dtype = p == Precision.SINGLE ? "float32" : "float64";
            if (w1) {
                peers.run("w1", "numpy", p, "w1_cosnet_numpy.py", "neuron_evals_per_s", "neuron-evals/s",
                        Long.toString(peerNetworks), "1000", "200", dtype).ifPresent(rows::add);
                peers.run("w1", "torch", p, "w1_cosnet_torch.py", "neuron_evals_per_s", "neuron-evals/s",
                        Long.toString(Math.max(peerNetworks, workloads.networks())), "1000", "4096", dtype)
                        .ifPresent(rows::add);
                peers.runC("w1", C_PEER, p, "w1_cosnet_omp.c", "neuron_evals_per_s", "neuron-evals/s",
                        Long.toString(workloads.networks()), "1000").ifPresent(rows::add);
                peers.runC("w1", C_PHILOX_PEER, p, "w1_cosnet_omp.c", List.of(PHILOX_DEFINE), "neuron_evals_per_s",
                        "neuron-evals/s", Long.toString(workloads.networks()), "1000").ifPresent(rows::add);
            }
            if (lat) {
                peers.run("lattice", "numpy", p, "lattice_metropolis_numpy.py", "site_updates_per_s",
                        "site-updates/s", Integer.toString(Workloads.L), "20", dtype).ifPresent(rows::add);
            }
            if (chosen.contains("mcmc")) {
                peers.run("mcmc", "numpy", Precision.DOUBLE, "mcmc_deformed_numpy.py", "proposals_per_s",
                        "proposals/s",
                        "64", Integer.toString(Math.max(10, workloads.mcmcSweeps() / 4)), "100", "64")
                        .ifPresent(rows::add);
            }
            if (chosen.contains("ntk")) {
                peers.run("ntk", "numpy", Precision.DOUBLE, "ntk_numpy.py", "rate", "net-param-points/s",
                        Integer.toString(Workloads.NTK_NETWORKS / 4), Integer.toString(Workloads.NTK_WIDTH))
                        .ifPresent(rows::add);
            }
            if (chosen.contains("train")) {
                peers.run("train", "numpy", Precision.DOUBLE, "train_numpy.py", "rate", "net-param-points/s",
                        Integer.toString(Workloads.TRAIN_NETWORKS), Integer.toString(Workloads.TRAIN_WIDTH),
                        Integer.toString(Workloads.TRAIN_POINTS), Integer.toString(Workloads.TRAIN_STEPS))
                        .ifPresent(rows::add);
            }
        }
        return rows;
    }

    /** Adds the row {@code run} measures, or notes why {@code backend} cannot run it (e.g. not in this precision). */
    private void add(List<BenchRow> rows, String workload, Backend backend, Supplier<BenchRow> run) {
        try {
            rows.add(run.get());
        } catch (UnsupportedOperationException e) {
            notes.accept("bench: " + workload + " on " + backend.name() + " in " + workloads.precision().label()
                    + " precision skipped: " + e.getMessage());
        }
    }
}
