"""Read nnft's exports with NumPy alone (no nnft, no pyerrors needed).

    import nnft_reader
    d = nnft_reader.load("lattice.npz")          # arrays by name, plus 'document' (the JSON) and 'formatVersion'
    h = nnft_reader.load_pyerrors_json("lattice.pyerrors.json.gz")   # Monte Carlo histories by tag

The npz layout (array names, shapes, dtypes) is described in the README, "Data for Python users".
"""
import gzip
import json

import numpy as np

FORMAT_VERSION = 1


def load(path):
    """The arrays of an nnft .npz export as a dict (name -> numpy array), with 'document' (the result JSON as a
    dict: config, provenance, results) and 'formatVersion' (an int). Refuses a newer format version."""
    out = {}
    with np.load(path, allow_pickle=False) as npz:
        for name in npz.files:
            out[name] = npz[name]
    version = int(out.pop("formatVersion"))
    if version > FORMAT_VERSION:
        raise ValueError("%s has format version %d; this reader knows up to %d" % (path, version, FORMAT_VERSION))
    out["formatVersion"] = version
    out["document"] = json.loads(out.pop("document.json").tobytes().decode("utf-8"))
    return out


def load_pyerrors_json(path):
    """The Monte Carlo histories of a pyerrors JSON file (gzipped or not) as a dict tag -> dict with 'value' (the
    mean stored), 'idl' (configuration numbers, int64), 'samples' (value + delta per configuration, float64; as
    pyerrors rebuilds them) and 'ensemble'/'replica' names. Reads the Obs and List entries of one replica, as nnft
    writes them; for the full analysis use pyerrors.input.json.load_json on the same file."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        doc = json.load(f)
    out = {}
    for entry in doc["obsdata"]:
        kind = entry["type"]
        if kind not in ("Obs", "List"):
            raise ValueError("unsupported pyerrors entry type %r" % kind)
        layout = int(entry.get("layout", "1").strip())
        if kind == "Obs" and layout != 1:
            raise ValueError("layout %d for type Obs" % layout)
        values = entry["value"]
        tags = entry.get("tag", [None] * layout)
        for ens in entry["data"]:
            for rep in ens["replica"]:
                rows = rep["deltas"]
                idl = np.array([r[0] for r in rows], dtype=np.int64)
                deltas = np.array([r[1:] for r in rows], dtype=np.float64).reshape(len(rows), layout)
                for i in range(layout):
                    out[tags[i]] = {"value": values[i], "idl": idl, "samples": deltas[:, i] + values[i],
                                    "ensemble": ens["id"], "replica": rep["name"]}
    return out
