#!/usr/bin/env bash
# Fetches ONNX Runtime's native library (libonnxruntime.so.1) from the npm package onnxruntime-node
# into <repo>/.cache/onnxruntime (git-ignored). No install scripts run. Idempotent; never fails the run.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
version="${FACECOMPAT_ORT_VERSION:-1.30.0}"
dest="$root/.cache/onnxruntime"
lib="$dest/package/bin/napi-v6/linux/x64/libonnxruntime.so.1"
[ -f "$lib" ] && exit 0
if ! command -v npm >/dev/null; then
  echo "setup-native: npm not found; cannot fetch onnxruntime-node (set FACECOMPAT_ORT_LIB to a libonnxruntime.so instead)" >&2
  exit 0
fi
mkdir -p "$dest"
( cd "$dest" && npm pack --silent "onnxruntime-node@$version" >/dev/null 2>&1 && tar xzf "onnxruntime-node-$version.tgz" && rm -f "onnxruntime-node-$version.tgz" ) \
  || echo "setup-native: could not fetch onnxruntime-node@$version with npm" >&2
[ -f "$lib" ] || echo "setup-native: $lib is missing after the download" >&2
exit 0
