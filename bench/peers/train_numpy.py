#!/usr/bin/env python3
"""NumPy peer of the bench's training workload: full-batch gradient descent of scalar ReLU nets, d = 1.

The formulas of the trained-ensemble kernel (docs/ntk.md section 7), float64, vectorised over a batch of
networks: f(x) = sigma_b b1 + (sigma_W/sqrt(N)) sum_i W1_i relu((sigma_W/sqrt(d)) W0_i x + sigma_b b0_i) in the
NTK parameterisation, loss (1/2) sum_a (f(x_a) - y_a)^2 on n training points (y = sin x on [-pi, pi]),
each step the gradient of every parameter (backpropagation) and the update theta -= eta dL/dtheta; the field at
2 test points is summed at step 0 and step T. Rate: networks x parameters (N (d + 2) + 1) x training points x
steps per second. Prints one JSON line: {"networks", "width", "points", "steps", "seconds", "rate",
"peak_rss_mb", "mean_f0"}.
Usage: train_numpy.py [networks] [width] [points] [steps] [batch]
"""
import json
import resource
import sys
import time

import numpy as np


def forward(w0, b0, w1, b1, x, sigma_w, sigma_b, width):
    z = sigma_w * w0[:, :, None] * x[None, None, :] + sigma_b * b0[:, :, None]
    h = np.maximum(z, 0.0)
    out = sigma_w / np.sqrt(width)
    return z, h, out * np.einsum("bn,bnp->bp", w1, h, optimize=True) + sigma_b * b1[:, None]


def main():
    networks = int(sys.argv[1]) if len(sys.argv) > 1 else 2048
    width = int(sys.argv[2]) if len(sys.argv) > 2 else 256
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 4
    steps = int(sys.argv[4]) if len(sys.argv) > 4 else 50
    batch = int(sys.argv[5]) if len(sys.argv) > 5 else 256
    sigma_w, sigma_b, eta = 1.0, 0.2, 0.05
    x = np.linspace(-np.pi, np.pi, n)
    y = np.sin(x)
    test = np.array([-0.5, 0.5])
    out = sigma_w / np.sqrt(width)
    sums = np.zeros((2, len(test)))
    rng = np.random.default_rng(1)
    start = time.perf_counter()
    done = 0
    while done < networks:
        b = min(batch, networks - done)
        w0 = rng.standard_normal((b, width))
        b0 = rng.standard_normal((b, width))
        w1 = rng.standard_normal((b, width))
        b1 = rng.standard_normal(b)
        sums[0] += forward(w0, b0, w1, b1, test, sigma_w, sigma_b, width)[2].sum(axis=0)
        for _ in range(steps):
            z, h, f = forward(w0, b0, w1, b1, x, sigma_w, sigma_b, width)
            r = f - y[None, :]
            g_w1 = out * np.einsum("bp,bnp->bn", r, h, optimize=True)
            g_b1 = sigma_b * r.sum(axis=1)
            # delta_bnp = out w1_bn [z_bnp > 0] r_bp summed over p against x_p and 1: two batched products (BLAS)
            step = (z > 0).astype(np.float64)
            back = np.matmul(step, np.stack((r * x[None, :], r), axis=2))
            g_w0 = sigma_w * (out * w1) * back[:, :, 0]
            g_b0 = sigma_b * (out * w1) * back[:, :, 1]
            w0 -= eta * g_w0
            b0 -= eta * g_b0
            w1 -= eta * g_w1
            b1 -= eta * g_b1
        sums[1] += forward(w0, b0, w1, b1, test, sigma_w, sigma_b, width)[2].sum(axis=0)
        done += b
    secs = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    parameters = width * 3 + 1
    print(json.dumps({
        "networks": networks, "width": width, "points": n, "steps": steps, "seconds": secs,
        "rate": networks * parameters * n * steps / secs, "peak_rss_mb": peak_mb,
        "mean_f0": sums[1][0] / networks}))


if __name__ == "__main__":
    main()
