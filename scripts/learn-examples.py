#!/usr/bin/env python3
"""Write the example data of the README's `nnft learn --data` runs into a folder (default: learn-data).

Usage: scripts/learn-examples.py [FOLDER]

- bars.npy: 2000 binary 8 x 8 configurations [2000, 8, 8]: with probability 1/2 a random set of rows is on
  (each row with probability 1/2), else a random set of columns (the "bars and stripes" data set).
- discs/: 200 greyscale 16 x 16 PNG images, a bright disc (radius 3..6, random centre) on a dark background
  with pixel noise (standard deviation 20 intensity levels), clipped to 0..255.
- disc.png: the first of them alone (the seed's "case of an image" for the inhomogeneous action).
Deterministic (numpy seed 1). PNGs are written with the standard library (zlib), 8-bit greyscale.
"""
import os
import struct
import sys
import zlib

import numpy as np


def write_png(path, pixels):
    """An 8-bit greyscale PNG of a 2-D uint8 array."""
    h, w = pixels.shape
    raw = b"".join(b"\x00" + pixels[y].astype(np.uint8).tobytes() for y in range(h))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
        f.write(chunk(b"IEND", b""))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "learn-data"
    os.makedirs(os.path.join(out, "discs"), exist_ok=True)
    rng = np.random.default_rng(1)
    bars = np.zeros((2000, 8, 8))
    for k in range(len(bars)):
        on = rng.random(8) < 0.5
        if rng.random() < 0.5:
            bars[k][on, :] = 1
        else:
            bars[k][:, on] = 1
    np.save(os.path.join(out, "bars.npy"), bars)
    y, x = np.mgrid[0:16, 0:16]
    for k in range(200):
        r = rng.uniform(3, 6)
        cx, cy = rng.uniform(r, 16 - r, size=2)
        img = np.where((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 < r * r, 220.0, 40.0)
        img = np.clip(np.rint(img + rng.normal(0, 20, size=img.shape)), 0, 255)
        write_png(os.path.join(out, "discs", "disc%03d.png" % k), img)
        if k == 0:
            write_png(os.path.join(out, "disc.png"), img)
    print("wrote", os.path.join(out, "bars.npy"), os.path.join(out, "discs/ (200 PNG)"),
          os.path.join(out, "disc.png"))


if __name__ == "__main__":
    main()
