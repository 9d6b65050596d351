#!/usr/bin/env python3
"""NumPy peer of the bench's NTK workload: the empirical NTK of scalar ReLU nets, d = 1, N neurons, 6 points.

The formulas of docs/ntk.md section 6, float64, vectorised over a batch of networks: with
z_i(x) = (sigma_W/sqrt(d)) W0_i x + sigma_b b0_i and W1_i = (sigma_W/sqrt(N)) omega1_i,
a(x, y) = sum_i relu(z_i(x)) relu(z_i(y)), b(x, y) = sum_i W1_i^2 [z_i(x) > 0] [z_i(y) > 0],
Theta_standard = a + (x.y + 1) b + 1, Theta_ntk = (sigma_W^2/N) a + (sigma_b^2 + sigma_W^2 x.y/d) b + sigma_b^2;
the sums of Theta and Theta^2 per pair (both parameterisations) and of f per point are kept, as the Java kernel
does. Rate: networks x parameters (N (d + 2) + 1) x points per second. Prints one JSON line:
{"networks", "width", "points", "seconds", "rate", "peak_rss_mb", "theta_ntk_00"}; "networks" is the number done:
batches go on past the requested networks until at least min_seconds (default 2) have passed, as the Java row
repeats its runs for 2 s, so both rates come from comparable stretches of work.
Usage: ntk_numpy.py [networks] [width] [batch] [min_seconds]
"""
import json
import resource
import sys
import time

import numpy as np


def main():
    networks = int(sys.argv[1]) if len(sys.argv) > 1 else 4096
    width = int(sys.argv[2]) if len(sys.argv) > 2 else 512
    batch = int(sys.argv[3]) if len(sys.argv) > 3 else 64
    min_seconds = float(sys.argv[4]) if len(sys.argv) > 4 else 2.0
    sigma_w, sigma_b, d = 1.4, 0.1, 1
    x = np.array([-1.0, -0.5, 0.0, 0.3, 0.7, 1.0])
    xy = np.outer(x, x)
    iu = np.triu_indices(len(x))
    theta_sums = np.zeros((2, len(iu[0])))
    theta_sq_sums = np.zeros((2, len(iu[0])))
    field_sums = np.zeros(len(x))
    rng = np.random.default_rng(1)
    start = time.perf_counter()
    done = 0
    while done < networks or time.perf_counter() - start < min_seconds:
        b = min(batch, networks - done) if done < networks else batch
        w0 = rng.standard_normal((b, width))
        b0 = rng.standard_normal((b, width))
        w1 = rng.standard_normal((b, width)) * (sigma_w / np.sqrt(width))
        b1 = rng.standard_normal(b)
        z = (sigma_w / np.sqrt(d)) * w0[:, :, None] * x[None, None, :] + sigma_b * b0[:, :, None]
        act = np.maximum(z, 0.0)
        der = (z > 0).astype(np.float64)
        field_sums += (np.einsum("bn,bnp->bp", w1, act, optimize=True) + sigma_b * b1[:, None]).sum(axis=0)
        # batched matrix products (BLAS): the plain einsum loop of "bnp,bnq->bpq" is about 10x slower
        a = np.matmul(act.transpose(0, 2, 1), act)
        bb = np.matmul(((w1 * w1)[:, :, None] * der).transpose(0, 2, 1), der)
        standard = a + (xy + 1)[None] * bb + 1
        ntk = (sigma_w**2 / width) * a + (sigma_b**2 + sigma_w**2 * xy / d)[None] * bb + sigma_b**2
        for k, t in enumerate((standard, ntk)):
            pairs = t[:, iu[0], iu[1]]
            theta_sums[k] += pairs.sum(axis=0)
            theta_sq_sums[k] += (pairs * pairs).sum(axis=0)
        done += b
    secs = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    parameters = width * (d + 2) + 1
    print(json.dumps({
        "networks": done, "width": width, "points": len(x), "seconds": secs,
        "rate": done * parameters * len(x) / secs, "peak_rss_mb": peak_mb,
        "theta_ntk_00": theta_sums[1][0] / done}))


if __name__ == "__main__":
    main()
