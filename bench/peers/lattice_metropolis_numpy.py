#!/usr/bin/env python3
"""NumPy peer of the lattice benchmark: 2D phi^4 checkerboard Metropolis on an L x L torus.

Action S = -kappa sum_<ij> phi_i phi_j + a sum phi^2 + b sum phi^4 (docs/physics.md Part B),
one hit per site per sweep, red then black sublattice, vectorised over the sublattice; the field, uniforms
and exp in the given dtype (float64 by default, or float32).
Prints one JSON line: {"L", "sweeps", "seconds", "site_updates_per_s", "acceptance", "phi2"}.
Usage: lattice_metropolis_numpy.py [L] [sweeps] [float64|float32]
"""
import json
import sys
import time

import numpy as np


def main():
    L = int(sys.argv[1]) if len(sys.argv) > 1 else 256
    sweeps = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    dtype = np.dtype(sys.argv[3] if len(sys.argv) > 3 else "float64")
    if dtype not in (np.float64, np.float32):
        sys.exit("dtype must be float64 or float32, got " + str(dtype))
    kappa, a, b, delta = (dtype.type(v) for v in (1.0, 1.52425, 0.175, 1.0))
    rng = np.random.default_rng(1)
    phi = rng.standard_normal((L, L), dtype=dtype)
    ii, jj = np.indices((L, L))
    colour = [((ii + jj) % 2) == c for c in (0, 1)]
    accepted = 0
    start = time.perf_counter()
    for _ in range(sweeps):
        for mask in colour:
            nn = (np.roll(phi, 1, 0) + np.roll(phi, -1, 0) + np.roll(phi, 1, 1) + np.roll(phi, -1, 1))
            j = kappa * nn
            new = phi + delta * (2 * rng.random((L, L), dtype=dtype) - 1)
            ds = a * (new**2 - phi**2) + b * (new**4 - phi**4) - j * (new - phi)
            acc = mask & (rng.random((L, L), dtype=dtype) < np.exp(-np.minimum(ds, dtype.type(50))))
            phi = np.where(acc, new, phi)
            accepted += int(acc.sum())
    secs = time.perf_counter() - start
    print(json.dumps({"L": L, "sweeps": sweeps, "seconds": secs,
                      "site_updates_per_s": L * L * sweeps / secs,
                      "acceptance": accepted / (L * L * sweeps), "phi2": float(np.mean(phi.astype(np.float64)**2)),
                      "device": "python3 + numpy, " + dtype.name}))


if __name__ == "__main__":
    main()
