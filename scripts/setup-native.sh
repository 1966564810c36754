#!/usr/bin/env bash
# Optional native libraries. Everything in FaceCompat runs without them (managed fallbacks);
# with them, linear algebra uses OpenBLAS/LAPACKE, extraction decodes JPEG/PNG and runs ONNX models.
# Safe to run again: it only installs what is missing.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
missing=()
for pkg in libopenblas0 liblapacke libturbojpeg0 libpng16-16; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "setup-native: installing ${missing[*]}" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >/dev/null 2>&1 \
      || echo "setup-native: apt-get could not install ${missing[*]}" >&2
  else
    echo "setup-native: missing ${missing[*]} (run: sudo apt-get install ${missing[*]})" >&2
  fi
fi
for extra in "$root"/scripts/setup-*.d/*.sh; do
  [ -f "$extra" ] && bash "$extra"
done
exit 0
