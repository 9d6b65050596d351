#!/usr/bin/env python3
"""NumPy peer of the parameter-space MCMC benchmark: the phi^4-deformed d = 1 cos-net (docs/physics.md A.3).

N neurons phi(x) = scale * sum_i a_i cos(w_i x + c_i) / sqrt(w_i^2 + m^2), a ~ N(0,1), w ~ U(-Lambda, Lambda),
c ~ U(-pi, pi), scale = sqrt(2 (2 Lambda) / (2 pi) / N); interaction (lambda/4!) int_box phi^4 by the midpoint
rule on a box of side L centred at 0. Single-neuron Metropolis: neuron i is redrawn from the free density and
accepted with min(1, exp(-Delta S_int)); phi is kept on the grid, so a proposal costs O(grid). Vectorised over
independent chains. Prints one JSON line: {"chains", "neurons", "sweeps", "seconds", "proposals_per_s",
"acceptance"}.
Usage: mcmc_deformed_numpy.py [chains] [sweeps] [neurons] [grid]
"""
import json
import sys
import time

import numpy as np


def main():
    chains = int(sys.argv[1]) if len(sys.argv) > 1 else 64
    sweeps = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    neurons = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    grid = int(sys.argv[4]) if len(sys.argv) > 4 else 64
    mass, cutoff, side, lam = 1.0, 5.0, 4.0, 1.0
    h = side / grid
    y = -side / 2 + h * (np.arange(grid) + 0.5)
    scale = np.sqrt(2 * (2 * cutoff) / (2 * np.pi) / neurons)
    rng = np.random.default_rng(1)

    def draw(shape):
        a = rng.standard_normal(shape)
        w = rng.uniform(-cutoff, cutoff, shape)
        c = rng.uniform(-np.pi, np.pi, shape)
        return a, w, c

    def contribution(a, w, c):          # (chains,) parameters -> (chains, grid) field of one neuron
        return (scale * a / np.sqrt(w * w + mass * mass))[:, None] * np.cos(w[:, None] * y[None, :] + c[:, None])

    a, w, c = draw((chains, neurons))
    phi = np.zeros((chains, grid))
    for i in range(neurons):
        phi += contribution(a[:, i], w[:, i], c[:, i])
    coupling = lam / 24.0 * h
    accepted = 0
    start = time.perf_counter()
    for _ in range(sweeps):
        for i in range(neurons):
            na, nw, nc = draw(chains)
            delta = contribution(na, nw, nc) - contribution(a[:, i], w[:, i], c[:, i])
            new = phi + delta
            ds = coupling * (np.sum(new ** 4, axis=1) - np.sum(phi ** 4, axis=1))
            ok = (ds <= 0) | (rng.random(chains) < np.exp(-np.maximum(ds, 0)))
            phi[ok] = new[ok]
            a[ok, i], w[ok, i], c[ok, i] = na[ok], nw[ok], nc[ok]
            accepted += int(ok.sum())
    secs = time.perf_counter() - start
    total = chains * sweeps * neurons
    print(json.dumps({"chains": chains, "neurons": neurons, "sweeps": sweeps, "seconds": secs,
                      "proposals_per_s": total / secs, "acceptance": accepted / total}))


if __name__ == "__main__":
    main()
