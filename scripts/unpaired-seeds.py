#!/usr/bin/env python3
"""Recovered share of paired Rank-1 (unpaired-gw / procrustes) per different-model pair, per seed and
fit size, from study cell files. Usage: unpaired-seeds.py CELLS_DIR [CELLS_DIR ...] (the cells/<dataset> folders)."""
import glob, json, os, sys, statistics as st
cells = {}
for root in sys.argv[1:]:
    for f in glob.glob(os.path.join(root, "*__*", "*", "seed-*.json")):
        c = json.load(open(f))
        fit = "200" if ".fit-200" in f else "full"
        cells[(c["source"], c["target"], c["method"], c["seed"], fit)] = c
pairs = sorted({(s, t) for (s, t, m, _, _) in cells if s != t})
seeds = sorted({k[3] for k in cells})
for fit in ("full", "200"):
    print(f"== fit identities: {fit}")
    per_pair = {}
    for seed in seeds:
        rec = []
        for (s, t) in pairs:
            p = cells.get((s, t, "procrustes", seed, fit)); g = cells.get((s, t, "unpaired-gw", seed, fit))
            if p and g and p["rank1"] > 0:
                r = g["rank1"] / p["rank1"]; rec.append(r); per_pair.setdefault((s, t), []).append((seed, r, g["rank1"], p["rank1"], g["TMR@FMR=0.1%"], p["TMR@FMR=0.1%"]))
        if rec:
            print(f"seed {seed}: {len(rec)} pairs, mean recovered {st.mean(rec):.3f}, pairs >= 0.9: {sum(r >= 0.9 for r in rec)}")
    for (s, t), v in per_pair.items():
        if any(r >= 0.5 for _, r, *_ in v):
            print(f"  {s} -> {t}: " + "; ".join(f"seed {sd}: {g:.1f} / {p:.1f} % ({r:.2f}), TMR@0.1 {gt:.1f} / {pt:.1f}" for sd, r, g, p, gt, pt in v))
