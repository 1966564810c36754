#!/usr/bin/env bash
# The end-to-end comparison with the NumPy reference on one cell (PROTOCOL.md, intra, seed 0):
# generates the data once, runs both, checks that the metrics agree within PROTOCOL.md's
# tolerances, and prints wall time and peak memory (GNU time) of each and their ratios.
#
#   bash benchmarks/reference/compare.sh [--ids 10575] [--per-id 5] [--dim 512] [--method linear] [--skip-reference]
# Needs Debian's python3-numpy, python3-scipy, python3-sklearn for the reference side.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ids=10575; per_id=5; dim=512; method=linear; skip_ref=0
while [ $# -gt 0 ]; do
  case "$1" in
    --ids) ids="$2"; shift 2 ;;
    --per-id) per_id="$2"; shift 2 ;;
    --dim) dim="$2"; shift 2 ;;
    --method) method="$2"; shift 2 ;;
    --skip-reference) skip_ref=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
ref="${FACECOMPAT_REFERENCE:-$root/../shared/reference/facecompat_ref.py}"
work="${FACECOMPAT_BENCH_DIR:-/tmp/facecompat-bench}/ids${ids}x${per_id}-d${dim}"
if [ ! -f "$work/embeddings/m1.npy" ]; then
  /usr/bin/python3 "$root/benchmarks/reference/make_data.py" "$work" --ids "$ids" --per-id "$per_id" --dims "$dim,$dim"
fi
"$root/facecompat" --help >/dev/null  # build once, outside the timing
measure() { # label, output file, command...
  local label="$1" out="$2"; shift 2
  /usr/bin/time -f "%e %M" -o "$out.time" "$@" > "$out"
  read -r secs kb < "$out.time"
  printf '%-12s %8.1f s %8.0f MB\n' "$label" "$secs" "$((kb / 1024))" >&2
  echo "$secs $kb"
}
echo "cell: $((ids * per_id)) images, $ids identities, ${dim}-d, $method, seed 0 ($(nproc) cores)" >&2
read -r fc_s fc_kb < <(measure facecompat "$work/facecompat.json" "$root/facecompat" evaluate --data "$work" --source m0 --target m1 --method "$method" --seeds 0 --json)
if [ "$skip_ref" = 1 ]; then exit 0; fi
read -r ref_s ref_kb < <(measure reference "$work/reference.json" /usr/bin/python3 "$ref" intra --data "$work" --source m0 --target m1 --method "$method" --seeds 0)
/usr/bin/python3 - "$work/facecompat.json" "$work/reference.json" "$fc_s" "$fc_kb" "$ref_s" "$ref_kb" <<'PY'
import json, sys
ours, theirs = (json.loads(open(p).read().splitlines()[0]) for p in sys.argv[1:3])
fc_s, fc_kb, ref_s, ref_kb = map(float, sys.argv[3:7])
tol = {"AUC": 1e-4, "mAP": 1e-4, "rank1": .05, "rank5": .05, "rank10": .05, "EER": .05, "TMR@FMR=1%": .05, "TMR@FMR=0.1%": .05}
bad = [k for k, t in tol.items() if abs(ours[k] - theirs[k]) > t]
for k in tol:
    print(f"  {k:14s} ours {ours[k]:.6f}  reference {theirs[k]:.6f}")
print(f"metrics agree: {'yes' if not bad else 'NO: ' + ', '.join(bad)}")
print(f"time: {fc_s:.1f} s vs {ref_s:.1f} s  ({ref_s / fc_s:.1f}x faster)")
print(f"peak memory: {fc_kb / 1024:.0f} MB vs {ref_kb / 1024:.0f} MB  ({ref_kb / fc_kb:.1f}x less)")
sys.exit(1 if bad else 0)
PY
