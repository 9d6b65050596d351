"""Checks nnft exports against their result JSON: python3 python/test_reader.py FILE.npz|FILE.pyerrors.json.gz ...

For NAME.npz: every number of NAME.json's 'results' is found, bit for bit, in the array that nnft's naming rule
gives it (flatten below, the twin of NpzArrays in the cli); formatVersion agrees; a lattice export's
per-measurement correlator reproduces the JSON's connected C(t), and saved configurations (--save-configs) equal
their .npy file and reproduce the magnetisation series. For NAME.pyerrors.json.gz: the structure
pyerrors.input.json.import_json_string reads (Obs with layout 1, List with layout n, [config, deltas...] rows,
increasing configuration numbers) and every history against the npz series (value + delta = sample, to
rounding). Exits 0 when all pass, 1 with a message otherwise; 77 (skipped) without NumPy.
"""
import json
import math
import os
import sys

try:
    import numpy as np
except ImportError:
    print("SKIP: numpy is not installed")
    sys.exit(77)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nnft_reader  # noqa: E402


def flatten(name, node, out):
    """The arrays nnft writes for a JSON node (see the javadoc of org.nnft.cli.io.NpzArrays)."""
    if isinstance(node, dict):
        for k, v in node.items():
            flatten(k if not name else name + "." + k, v, out)
    elif isinstance(node, bool) or isinstance(node, str) or node is None:
        return
    elif isinstance(node, (int, float)):
        out[name] = np.array(node, dtype=np.int64 if isinstance(node, int) else np.float64)
    elif isinstance(node, list):
        if any(isinstance(e, dict) for e in node) and all(isinstance(e, dict) or e is None for e in node):
            keys = []
            for e in node:
                for k in (e or {}):
                    if k not in keys:
                        keys.append(k)
            for k in keys:
                flatten(name + "." + k, [(e or {}).get(k) for e in node], out)
            return
        arr = numeric(node)
        if arr is not None:
            out[name] = arr
        elif all(isinstance(r, list) and all(is_num(v) for v in r) for r in node):
            integral = all(isinstance(v, int) and not isinstance(v, bool) for r in node for v in r)
            width = max((len(r) for r in node), default=0)
            pad = -1 if integral else None
            rows = [r + [pad] * (width - len(r)) for r in node]
            out[name] = to_array(rows, integral)
            out[name + ".length"] = np.array([len(r) for r in node], dtype=np.int64)


def is_num(v):
    return v is None or (isinstance(v, (int, float)) and not isinstance(v, bool))


def numeric(node):
    """A rectangular nested list of numbers (or null) as an array, else None."""
    leaves = []

    def shape_of(n, depth, shape):
        if isinstance(n, list):
            if depth == len(shape):
                shape.append(len(n))
            elif depth > len(shape) or shape[depth] != len(n):
                return False
            return all(shape_of(e, depth + 1, shape) for e in n)
        if depth != len(shape) or not is_num(n):
            return False
        leaves.append(n)
        return True

    shape = []
    if not shape_of(node, 0, shape) or len(leaves) != math.prod(shape):
        return None
    integral = len(leaves) > 0 and all(isinstance(v, int) for v in leaves)
    return to_array(leaves, integral).reshape(shape)


def to_array(values, integral):
    if integral:
        return np.array(values, dtype=np.int64)
    return np.array(no_none(values), dtype=np.float64)


def no_none(v):
    if isinstance(v, list):
        return [no_none(e) for e in v]
    return np.nan if v is None else v


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def same(a, b):
    return a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b, equal_nan=a.dtype.kind == "f")


def check_npz(path):
    json_path = path[:-len(".npz")] + ".json"
    with open(json_path, encoding="utf-8") as f:
        doc = json.load(f)
    d = nnft_reader.load(path)
    if d["formatVersion"] != doc["formatVersion"] or d["document"] != doc:
        fail("%s: formatVersion or document differ from %s" % (path, json_path))
    expected = {}
    flatten("", doc["results"], expected)
    if not expected:
        fail("%s: no arrays expected" % json_path)
    for name, arr in expected.items():
        if name not in d:
            fail("%s: no array %s" % (path, name))
        if not same(arr, d[name]):
            fail("%s: %s differs from the JSON (%s %s vs %s %s)" % (path, name, d[name].dtype, d[name].shape,
                                                                   arr.dtype, arr.shape))
    n = len(expected)
    if "correlatorSeries" in d:
        c, m, scale = d["correlatorSeries"], d["series.m"], float(d["correlatorScale"])
        conn = c.mean(axis=0) - scale * m.mean() ** 2
        ref = np.array(doc["results"]["correlator"]["value"])
        if c.shape != (len(m), len(ref)) or not np.allclose(conn, ref, rtol=1e-10, atol=1e-12):
            fail("%s: correlatorSeries does not give the JSON's correlator: %s vs %s" % (path, conn, ref))
        n += 1
    if "configs" in d:
        info = doc["results"]["configurations"]
        configs = d["configs"]
        beside = np.load(os.path.join(os.path.dirname(path), info["file"]))
        if not same(configs, beside) or list(configs.shape) != info["shape"]:
            fail("%s: configs differ from %s or from the JSON's shape %s" % (path, info["file"], info["shape"]))
        m = d["series.m"][::info["every"]]
        means = configs.reshape(configs.shape[0], -1).mean(axis=1)
        if not np.allclose(means, m, rtol=1e-12, atol=1e-14):
            fail("%s: the saved configurations do not give the series' m" % path)
        n += 1
    print("ok %s: %d arrays equal to %s" % (path, n, os.path.basename(json_path)))


def check_pyerrors(path):
    import gzip
    with gzip.open(path, "rt", encoding="utf-8") as f:
        raw = json.load(f)
    for key in ("program", "version", "who", "date", "host", "obsdata"):
        if key not in raw:
            fail("%s: no %r" % (path, key))
    for entry in raw["obsdata"]:
        layout = int(entry["layout"].strip())
        if entry["type"] == "Obs" and layout != 1:
            fail("%s: Obs with layout %d" % (path, layout))
        if len(entry["value"]) != layout or len(entry["tag"]) != layout:
            fail("%s: value/tag lengths differ from layout %d" % (path, layout))
        for ens in entry["data"]:
            for rep in ens["replica"]:
                rows = rep["deltas"]
                if any(len(r) != layout + 1 for r in rows):
                    fail("%s: a deltas row is not [config, %d deltas]" % (path, layout))
                idl = [r[0] for r in rows]
                if any(not isinstance(i, int) for i in idl) or any(b <= a for a, b in zip(idl, idl[1:])):
                    fail("%s: configuration numbers not increasing integers" % path)
    h = nnft_reader.load_pyerrors_json(path)
    npz = nnft_reader.load(path[:-len(".pyerrors.json.gz")] + ".npz")
    compared = 0
    for tag, obs in h.items():
        if tag.startswith("C") and tag[1:].isdigit():
            ref = npz["correlatorSeries"][:, int(tag[1:])]
        else:
            ref = npz["series." + tag]
        scale = max(1.0, float(np.max(np.abs(ref))))
        if obs["samples"].shape != ref.shape or np.max(np.abs(obs["samples"] - ref)) > 1e-13 * scale:
            fail("%s: history %s differs from the npz" % (path, tag))
        if abs(obs["value"] - ref.mean()) > 1e-13 * scale:
            fail("%s: value of %s is not the mean" % (path, tag))
        compared += 1
    print("ok %s: %d histories equal to the npz series to rounding" % (path, compared))


def main(paths):
    if not paths:
        fail("usage: test_reader.py FILE.npz|FILE.pyerrors.json.gz ...")
    for p in paths:
        if p.endswith(".pyerrors.json.gz"):
            check_pyerrors(p)
        elif p.endswith(".npz"):
            check_npz(p)
        else:
            fail("not an export: " + p)


if __name__ == "__main__":
    main(sys.argv[1:])
