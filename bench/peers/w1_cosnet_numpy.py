#!/usr/bin/env python3
"""NumPy peer of benchmark W1: d = 1 cos-net, N neurons, 6 points, the moments of orders 1 to 4.

Vectorised over a batch of networks: phi[b, m] = sum_i a_i cos(w_i x_m + c_i) / sqrt(w_i^2 + m^2), in the
given dtype (float64 or float32: draws, cosines and the neuron sum), then the moments over every sorted
index tuple of orders 1 to 4 (209 of them), accumulated in float64. Prints one JSON line:
{"networks", "neurons", "points", "seconds", "neuron_evals_per_s", "peak_rss_mb", "g2_00", "device"}.
Usage: w1_cosnet_numpy.py [networks] [neurons] [batch] [float64|float32]
"""
import itertools
import json
import resource
import sys
import time

import numpy as np


def peak_rss_mb():
    """Peak resident set of this process, MB: VmHWM (ru_maxrss keeps the parent's across exec on Linux)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main():
    networks = int(sys.argv[1]) if len(sys.argv) > 1 else 10**5
    neurons = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    batch = int(sys.argv[3]) if len(sys.argv) > 3 else 200
    dtype = np.dtype(sys.argv[4] if len(sys.argv) > 4 else "float64")
    if dtype not in (np.float64, np.float32):
        sys.exit("dtype must be float64 or float32, got " + str(dtype))
    mass, cutoff, sigma_a = 1.0, 10.0, 1.0
    x = np.array([0.0, 0.2, 0.5, 1.0, 1.5, 2.0], dtype=dtype)
    norm = dtype.type(np.sqrt(2 * (2 * cutoff) / (sigma_a**2 * 2 * np.pi)))
    tuples = [np.array(list(itertools.combinations_with_replacement(range(len(x)), k))) for k in (1, 2, 3, 4)]
    sums = [np.zeros(len(t)) for t in tuples]
    rng = np.random.default_rng(1)
    start = time.perf_counter()
    done = 0
    while done < networks:
        b = min(batch, networks - done)
        a = rng.standard_normal((b, neurons), dtype=dtype) * dtype.type(sigma_a / np.sqrt(neurons))
        w = (rng.random((b, neurons), dtype=dtype) * 2 - 1) * dtype.type(cutoff)
        c = (rng.random((b, neurons), dtype=dtype) * 2 - 1) * dtype.type(np.pi)
        amp = a / np.sqrt(w * w + dtype.type(mass * mass))
        phi = norm * np.einsum("bn,bnm->bm", amp, np.cos(w[:, :, None] * x[None, None, :] + c[:, :, None]))
        phi = phi.astype(np.float64)
        for s, t in zip(sums, tuples):
            s += np.prod(phi[:, t], axis=2).sum(axis=0)
        done += b
    secs = time.perf_counter() - start
    peak_mb = peak_rss_mb()
    print(json.dumps({
        "networks": networks, "neurons": neurons, "points": len(x), "seconds": secs,
        "neuron_evals_per_s": networks * neurons * len(x) / secs, "peak_rss_mb": peak_mb,
        "g2_00": sums[1][0] / networks, "device": "python3 + numpy, " + dtype.name}))


if __name__ == "__main__":
    main()
