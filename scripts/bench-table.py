#!/usr/bin/env python3
"""Print the bench table of a bench.json written by `nnft bench`.

Usage: scripts/bench-table.py [bench.json] [--markdown]

The plain form has the columns and number formats of the table that `nnft bench` prints (and that
the README shows): workload, backend, precision, rate, unit, seconds, peak RSS in MB, rate over the
NumPy peer's and over the C peer's (same workload and precision), fraction of the device's data-sheet
peak in percent, device; then the Wolff line (mean cluster size) when there is a Wolff row and the W1
check line (each W1 row's G2(x0, x0) beside the cutoff propagator). --markdown prints the same rows as a Markdown table.
Standard library only.

bench.json layout (BenchCommand): {"engine": ..., "rows": [{"workload", "backend", "precision",
"device", "rate", "unit", "seconds", "peakRssMb", "ratioToNumpy", "ratioToC", "fractionOfPeak", "check",
"roundRates"}]}; non-finite numbers are stored as null; files written before "precision" and
"ratioToC" existed read as double precision without a C peer. The Wolff row's "check" is the mean
cluster size in sites, a W1 row's the 2-pt moment G2(x0, x0).
"""
import json
import math
import sys

# Lattice side of the Wolff workload (BenchCommand.L): the cluster-size percentage is relative to L^2.
WOLFF_L = 256


def num(value):
    """A JSON number, or NaN for null (how BenchCommand stores NaN and infinities)."""
    return float("nan") if value is None else float(value)


def general(x, digits):
    """Java's %.Ng: like Python's, but trailing zeros kept; NaN and infinities spelt as Java does."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return "%#.*g" % (digits, x)


def g4(x):
    return general(x, 4)


def g3(x):
    return general(x, 3)


def fixed(x, digits):
    """Java's %.Nf, with Java's spelling of NaN and infinities."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return "%.*f" % (digits, x)


def peak(row):
    fraction = num(row.get("fractionOfPeak"))
    return "-" if math.isnan(fraction) else "%.2f" % (100 * fraction)


def precision(row):
    return row.get("precision", "double")


def plain(rows):
    lines = ["%-8s %-8s %-6s %14s %-15s %9s %9s %10s %8s %9s %8s  %s" % (
        "workload", "backend", "prec", "rate", "unit", "seconds", "rss MB", "vs numpy", "vs C", "vs C-phx", "% peak",
        "device")]
    for r in rows:
        lines.append("%-8s %-8s %-6s %14s %-15s %9s %9s %10s %8s %9s %8s  %s" % (
            r["workload"], r["backend"], precision(r), g4(num(r["rate"])), r["unit"], fixed(num(r["seconds"]), 2),
            fixed(num(r.get("peakRssMb")), 0), fixed(num(r.get("ratioToNumpy")), 2),
            fixed(num(r.get("ratioToC")), 2), fixed(num(r.get("ratioToCPhilox")), 2), peak(r), r["device"]))
    for r in rows:
        if r["workload"] == "wolff":
            size = num(r.get("check"))
            lines.append("wolff: mean cluster %s sites (%s%% of the lattice), %s cluster sites/s" % (
                fixed(size, 0), fixed(100 * size / (WOLFF_L * WOLFF_L), 1), g3(num(r["rate"]) * size)))
    checks = ["%s %s" % (r["backend"], fixed(num(r.get("check")), 4)) for r in rows
              if r["workload"] == "w1" and not math.isnan(num(r.get("check")))]
    if checks and any("precision" in r for r in rows):
        lines.append("w1 check, G2(x0, x0) (cutoff propagator atan(10)/pi = %s), %s" % (
            fixed(math.atan(10) / math.pi, 4), ", ".join(checks)))
    return lines


def markdown(rows):
    lines = ["| workload | backend | prec | rate | unit | seconds | rss MB | vs numpy | vs C | vs C-phx | % peak | device |",
             "|---|---|---|---:|---|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            r["workload"], r["backend"], precision(r), g4(num(r["rate"])), r["unit"], fixed(num(r["seconds"]), 2),
            fixed(num(r.get("peakRssMb")), 0), fixed(num(r.get("ratioToNumpy")), 2),
            fixed(num(r.get("ratioToC")), 2), fixed(num(r.get("ratioToCPhilox")), 2), peak(r), r["device"]))
    return lines


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    flags = [a for a in argv if a.startswith("--")]
    unknown = [f for f in flags if f not in ("--markdown", "--help")]
    if "--help" in flags or unknown or len(args) > 1:
        print(__doc__.strip(), file=sys.stderr)
        return 0 if "--help" in flags and not unknown else 2
    path = args[0] if args else "bench.json"
    try:
        with open(path, encoding="utf-8") as f:
            rows = json.load(f)["rows"]
    except (OSError, ValueError, KeyError, TypeError) as e:
        print("bench-table: cannot read %s: %s" % (path, e), file=sys.stderr)
        return 2
    print("\n".join(markdown(rows) if "--markdown" in flags else plain(rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
