package org.nnft.bench.workload;

import org.nnft.engine.Backend;
import org.nnft.engine.Backends;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One round of the end-to-end benchmark: the chosen workloads on every named backend, then the Python peers
 * (NumPy for every workload but Wolff; for W1 also PyTorch where installed, on its GPU when it sees one).
 * Wolff clusters are a host algorithm, run on the CPU backend only; so is the RBM row of the learn workload.
 *
 * @param workloads    the workloads' sizes
 * @param chosen       names of the workloads to run, from {@link #WORKLOADS}
 * @param peerNetworks networks of the NumPy W1 peer (its rate is per network)
 * @param peers        the peers, or null to run none
 */
public record BenchSuite(Workloads workloads, Set<String> chosen, long peerNetworks, Peers peers) {
    /** The workloads' names. */
    public static final List<String> WORKLOADS = List.of("w1", "lattice", "wolff", "mcmc", "ntk", "train", "learn");

    public BenchSuite {
        if (chosen.isEmpty() || !WORKLOADS.containsAll(chosen)) {
            throw new IllegalArgumentException("workloads must be some of " + WORKLOADS + ", got " + chosen);
        }
        chosen = Set.copyOf(chosen);
    }

    /** Every backend's rows (in the order of {@code backendNames}), then the peers'. */
    public List<BenchRow> round(List<String> backendNames) {
        boolean w1 = chosen.contains("w1");
        boolean lat = chosen.contains("lattice");
        List<BenchRow> rows = new ArrayList<>();
        for (String name : backendNames) {
            try (Backend b = Backends.named(name)) {
                if (w1) {
                    rows.add(workloads.w1(b));
                }
                if (lat) {
                    rows.add(workloads.lattice(b));
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
                    if (b.name().equals("cpu")) {
                        rows.add(workloads.rbm(b));         // block Gibbs in Java: the same code on every backend
                    }
                }
            }
        }
        if (peers != null) {
            if (w1) {
                peers.run("w1", "numpy", "w1_cosnet_numpy.py", "neuron_evals_per_s", "neuron-evals/s",
                        Long.toString(peerNetworks), "1000").ifPresent(rows::add);
                peers.run("w1", "torch", "w1_cosnet_torch.py", "neuron_evals_per_s", "neuron-evals/s",
                        Long.toString(Math.max(peerNetworks, workloads.networks())), "1000").ifPresent(rows::add);
            }
            if (lat) {
                peers.run("lattice", "numpy", "lattice_metropolis_numpy.py", "site_updates_per_s", "site-updates/s",
                        Integer.toString(Workloads.L), "20").ifPresent(rows::add);
            }
            if (chosen.contains("mcmc")) {
                peers.run("mcmc", "numpy", "mcmc_deformed_numpy.py", "proposals_per_s", "proposals/s",
                        "64", Integer.toString(Math.max(10, workloads.mcmcSweeps() / 4)), "100", "64")
                        .ifPresent(rows::add);
            }
            if (chosen.contains("ntk")) {
                peers.run("ntk", "numpy", "ntk_numpy.py", "rate", "net-param-points/s",
                        Integer.toString(Workloads.NTK_NETWORKS / 4), Integer.toString(Workloads.NTK_WIDTH))
                        .ifPresent(rows::add);
            }
            if (chosen.contains("train")) {
                peers.run("train", "numpy", "train_numpy.py", "rate", "net-param-points/s",
                        Integer.toString(Workloads.TRAIN_NETWORKS), Integer.toString(Workloads.TRAIN_WIDTH),
                        Integer.toString(Workloads.TRAIN_POINTS), Integer.toString(Workloads.TRAIN_STEPS))
                        .ifPresent(rows::add);
            }
        }
        return rows;
    }
}
