#!/usr/bin/env python3
"""NumPy peer of benchmark W1: d = 1 cos-net, N neurons, 6 points, all 2- and 4-pt moments.

Vectorised over a batch of networks: phi[b, m] = sum_i a_i cos(w_i x_m + c_i) / sqrt(w_i^2 + m^2),
then the moments over sorted index tuples. Prints one JSON line:
{"networks", "neurons", "points", "seconds", "neuron_evals_per_s", "peak_rss_mb", "g2_00"}.
Usage: w1_cosnet_numpy.py [networks] [neurons] [batch]
"""
import itertools
import json
import resource
import sys
import time

import numpy as np


def main():
    networks = int(sys.argv[1]) if len(sys.argv) > 1 else 10**5
    neurons = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    batch = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    mass, cutoff, sigma_a = 1.0, 10.0, 1.0
    x = np.array([0.0, 0.2, 0.5, 1.0, 1.5, 2.0])
    norm = np.sqrt(2 * (2 * cutoff) / (sigma_a**2 * 2 * np.pi))
    pairs = list(itertools.combinations_with_replacement(range(len(x)), 2))
    quads = list(itertools.combinations_with_replacement(range(len(x)), 4))
    s2 = np.zeros(len(pairs))
    s4 = np.zeros(len(quads))
    rng = np.random.default_rng(1)
    start = time.perf_counter()
    done = 0
    while done < networks:
        b = min(batch, networks - done)
        a = rng.standard_normal((b, neurons)) * (sigma_a / np.sqrt(neurons))
        w = rng.uniform(-cutoff, cutoff, (b, neurons))
        c = rng.uniform(-np.pi, np.pi, (b, neurons))
        amp = a / np.sqrt(w * w + mass * mass)
        phi = norm * np.einsum("bn,bnm->bm", amp, np.cos(w[:, :, None] * x[None, None, :] + c[:, :, None]))
        for t, (i, j) in enumerate(pairs):
            s2[t] += np.dot(phi[:, i], phi[:, j])
        for t, (i, j, k, l) in enumerate(quads):
            s4[t] += np.sum(phi[:, i] * phi[:, j] * phi[:, k] * phi[:, l])
        done += b
    secs = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(json.dumps({
        "networks": networks, "neurons": neurons, "points": len(x), "seconds": secs,
        "neuron_evals_per_s": networks * neurons * len(x) / secs, "peak_rss_mb": peak_mb,
        "g2_00": s2[0] / networks}))


if __name__ == "__main__":
    main()
