#!/usr/bin/env python3
"""Cosine vs CSLS per model family, from two finished studies of the same configuration, one run with
`--hubness` (cosine scoring, hubness statistic recorded) and one with `--scoring csls` (docs/metrics.md,
Hubness). For each block of ordered pairs of different models (within a family, family A -> family B)
and each method: the mean over pairs of the seed-mean Rank-1 and TMR@FMR=0.1 % under each scoring, the
change, and the mean k-occurrence skewness of the galleries; also the summed eval_seconds of the cells.

    /usr/bin/python3 scripts/hubness-families.py COSINE_STUDY CSLS_STUDY face=mfn512,mfn128 generic=mnv2nsfw1280

Families are NAME=model,model,...; models of no family are left out. Standard library only.
"""
import csv
import glob
import json
import os
import sys


def rows(study):
    with open(os.path.join(study, "summary.csv"), newline="") as f:
        summary = {(r["dataset"], r["source"], r["target"], r["method"]): r for r in csv.DictReader(f) if r["protocol"] == "intra"}
    with open(os.path.join(study, "hubness", "summary.csv"), newline="") as f:
        for r in csv.DictReader(f):
            key = (r["dataset"], r["source"], r["target"], r["method"])
            if key in summary:
                summary[key]["hubness_skew_mean"] = r["hubness_skew_mean"]
    return summary


def seconds(study):
    total = 0.0
    for path in glob.glob(os.path.join(study, "cells", "**", "*.json"), recursive=True):
        with open(path) as f:
            total += json.load(f)["eval_seconds"]
    return total


def number(text):
    return float(text) if text not in ("", None) else float("nan")


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    cosine, csls = rows(argv[1]), rows(argv[2])
    family = {}
    names = []
    for spec in argv[3:]:
        name, models = spec.split("=", 1)
        names.append(name)
        for m in models.split(","):
            family[m] = name
    blocks = {}
    for key, c in cosine.items():
        dataset, source, target, method = key
        if source == target or source not in family or target not in family or key not in csls:
            continue
        label = family[source] if family[source] == family[target] else f"{family[source]} -> {family[target]}"
        blocks.setdefault((dataset, method, label), []).append((c, csls[key]))
    print("| dataset | method | pairs | block | Rank-1 cosine | Rank-1 CSLS | change | TMR@0.1% cosine | TMR@0.1% CSLS | change | N_k skewness |")
    print("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    order = names + [f"{a} -> {b}" for a in names for b in names if a != b]
    for (dataset, method, label) in sorted(blocks, key=lambda k: (k[0], k[1], order.index(k[2]))):
        pairs = blocks[(dataset, method, label)]
        mean = lambda f: sum(f(p) for p in pairs) / len(pairs)
        r1c, r1s = mean(lambda p: number(p[0]["rank1_mean"])), mean(lambda p: number(p[1]["rank1_mean"]))
        tc, ts = mean(lambda p: number(p[0]["tmr_fmr01_mean"])), mean(lambda p: number(p[1]["tmr_fmr01_mean"]))
        skew = mean(lambda p: number(p[0].get("hubness_skew_mean")))
        print(f"| {dataset} | {method} | {len(pairs)} | {label} | {r1c:.2f} | {r1s:.2f} | {r1s - r1c:+.2f} | {tc:.2f} | {ts:.2f} | {ts - tc:+.2f} | {skew:.3f} |")
    print(f"\neval_seconds summed over cells: cosine + hubness {seconds(argv[1]):.1f} s, CSLS {seconds(argv[2]):.1f} s")


if __name__ == "__main__":
    main(sys.argv)
