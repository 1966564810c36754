#!/usr/bin/env python3
"""Writes a dataset folder for the speed comparison: identities x images per identity, two or more
models of the given dimensions seeing shared latent identities through different random
nonlinear maps plus noise (both sides read the same files).

    /usr/bin/python3 make_data.py OUT --ids 10575 --per-id 5 --dims 512,512 [--seed 0]
"""
import argparse
import csv
import os

import numpy as np


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--ids", type=int, default=10575)
    p.add_argument("--per-id", type=int, default=5)
    p.add_argument("--dims", default="512,512")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--model-seed", type=int, default=None,
                   help="seed of the models' maps (default: drawn after the data from --seed); two datasets with the same --model-seed are seen by the same models")
    p.add_argument("--lfw-shape", action="store_true",
                   help="13,233 images of 5,749 identities, 4,069 of them with one image and a long tail (LFW's shape)")
    a = p.parse_args()
    rng = np.random.default_rng(a.seed)
    if a.lfw_shape:
        a.ids = 5749
        tail = np.minimum(2 + rng.zipf(1.9, size=1680), 530)
        tail = np.round(tail * (13233 - 4069) / tail.sum()).astype(int).clip(2, None)
        tail[np.argmax(tail)] += 13233 - 4069 - tail.sum()
        sizes = np.concatenate([np.ones(4069, dtype=int), tail])
    else:
        sizes = np.full(a.ids, a.per_id)
    owner = np.repeat(np.arange(a.ids), sizes)
    n = len(owner)
    latent = 64
    os.makedirs(os.path.join(a.out, "embeddings"), exist_ok=True)
    with open(os.path.join(a.out, "index.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["path", "identity"])
        for i in range(n):
            w.writerow([f"img{i:07d}.jpg", f"id{owner[i]:06d}"])
    centres = rng.normal(size=(a.ids, latent)).astype(np.float32)
    z = centres[owner] + 0.7 * rng.normal(size=(n, latent)).astype(np.float32)
    model_rng = rng if a.model_seed is None else np.random.default_rng(a.model_seed)
    for m, d in enumerate(int(x) for x in a.dims.split(",")):
        h = np.tanh(z @ model_rng.normal(size=(latent, 2 * latent)).astype(np.float32) / np.sqrt(latent))
        e = h @ model_rng.normal(size=(2 * latent, d)).astype(np.float32) + 0.3 * rng.normal(size=(n, d)).astype(np.float32)
        np.save(os.path.join(a.out, "embeddings", f"m{m}.npy"), e.astype(np.float32))
    print(f"{a.out}: {n} images, {len(set(owner))} identities, dims {a.dims}")


if __name__ == "__main__":
    main()
