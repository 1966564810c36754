#!/usr/bin/env bash
# Stops the private Slurm started by scripts/slurm/start.sh (slurmd, slurmctld, munged, by their pid
# files) and removes its folder.
set -uo pipefail
dir="${FACECOMPAT_SLURM_DIR:-/tmp/facecompat-slurm}"
for pidfile in "$dir/slurmd.pid" "$dir/slurmctld.pid" "$dir/munge/munged.pid"; do
  if [ -f "$pidfile" ]; then
    pid="$(cat "$pidfile")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
done
rm -rf "$dir"
