#!/usr/bin/env python3
"""PyTorch peer of benchmark W1 (same workload as w1_cosnet_numpy.py), on the GPU when PyTorch
sees one (CUDA), else on the CPU; the field in the given dtype (float64 by default, like the engine's
double precision, or float32), the tuple sums in float64.

phi[b, m] = norm * sum_i a_i cos(w_i x_m + c_i) / sqrt(w_i^2 + m^2) for a batch of networks, then
the tuple sums of orders 1 to 4 (209 tuples, float64). Prints one JSON line:
{"networks", "neurons", "points", "seconds", "neuron_evals_per_s", "device", "g2_00"}.
Exits with status 3 (and a message) when PyTorch is not installed.
Usage: w1_cosnet_torch.py [networks] [neurons] [batch] [float64|float32]
"""
import itertools
import json
import sys
import time

try:
    import torch
except ImportError:
    print("PyTorch is not installed", file=sys.stderr)
    sys.exit(3)


def main():
    networks = int(sys.argv[1]) if len(sys.argv) > 1 else 10**5
    neurons = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    batch = int(sys.argv[3]) if len(sys.argv) > 3 else 4096
    dev = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dt = {"float64": torch.float64, "float32": torch.float32}[sys.argv[4] if len(sys.argv) > 4 else "float64"]
    mass, cutoff, sigma_a = 1.0, 10.0, 1.0
    x = torch.tensor([0.0, 0.2, 0.5, 1.0, 1.5, 2.0], dtype=dt, device=dev)
    norm = (2 * (2 * cutoff) / (sigma_a**2 * 2 * torch.pi)) ** 0.5
    tuples = [torch.tensor(list(itertools.combinations_with_replacement(range(len(x)), k)), device=dev)
              for k in (1, 2, 3, 4)]
    sums = [torch.zeros(len(t), dtype=torch.float64, device=dev) for t in tuples]
    gen = torch.Generator(device=dev).manual_seed(1)

    def run(count):
        done = 0
        while done < count:
            b = min(batch, count - done)
            a = torch.randn((b, neurons), dtype=dt, device=dev, generator=gen) * (sigma_a / neurons**0.5)
            w = (torch.rand((b, neurons), dtype=dt, device=dev, generator=gen) * 2 - 1) * cutoff
            c = (torch.rand((b, neurons), dtype=dt, device=dev, generator=gen) * 2 - 1) * torch.pi
            amp = a / torch.sqrt(w * w + mass * mass)
            phi = norm * torch.einsum("bn,bnm->bm", amp, torch.cos(w[:, :, None] * x[None, None, :] + c[:, :, None]))
            phi = phi.to(torch.float64)
            for acc, t in zip(sums, tuples):
                acc.add_(phi[:, t].prod(dim=2).sum(0))
            done += b

    run(min(batch, networks))                      # warm-up: kernels, allocator
    for acc in sums:
        acc.zero_()
    if dev.type == "cuda":
        torch.cuda.synchronize()
    start = time.perf_counter()
    run(networks)
    if dev.type == "cuda":
        torch.cuda.synchronize()
    secs = time.perf_counter() - start
    name = torch.cuda.get_device_name(dev) if dev.type == "cuda" else "cpu"
    print(json.dumps({
        "networks": networks, "neurons": neurons, "points": len(x), "seconds": secs,
        "neuron_evals_per_s": networks * neurons * len(x) / secs, "device": "torch " + name + ", " + str(dt).removeprefix("torch."),
        "g2_00": (sums[1][0] / networks).item()}))


if __name__ == "__main__":
    main()
