#!/usr/bin/env bash
# Interleaved A/B of two builds of the extract command (docs/extraction.md, "Throughput"):
#   A_CLI=/path/a/facecompat.dll B_CLI=/path/b/facecompat.dll IMAGES=dir ROUNDS=2 bash benchmarks/extraction-cli-ab.sh
# IMAGES: a folder of LFW images (e.g. symlinks to the first 984 sorted paths). For each round and side:
# mfn512 alone, faceres1024 alone, both; prints wall and CPU seconds (/usr/bin/time) and the load before.
set -u
data="${DATA:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/shared/data}"
common="--images $IMAGES --landmarks $data/faces/lfw/landmarks_5pt_scrfd.tsv --model-dir $data/models"
out="$(mktemp -d)"
for round in $(seq 1 "${ROUNDS:-2}"); do
  for side in A B; do
    var="${side}_CLI"
    for models in mfn512 faceres1024 mfn512,faceres1024; do
      rm -rf "$out/ds"
      load=$(cut -d' ' -f1 /proc/loadavg)
      /usr/bin/time -f "%e %U %S" -o "$out/t" dotnet "${!var}" extract $common --models $models --out "$out/ds" > /dev/null 2>&1
      read -r e u s < "$out/t"
      echo "round $round side $side $models: $e s wall, $(awk "BEGIN {print $u + $s}") CPU-s; load before $load"
    done
  done
done
rm -rf "$out"
