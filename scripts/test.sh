#!/usr/bin/env bash
# The test command: optional native libraries (OpenBLAS, LAPACKE, TurboJPEG, libpng, ONNX Runtime,
# Chromium) are set up when this machine can install them, then every test project runs. Tests
# whose native library or ../shared data is missing are skipped with a message, never failed.
# Then 'dotnet format --verify-no-changes' (a drift counts as one failure), then the CI artifacts are
# copied to artifacts/ (the report-rendering test's screenshot: artifacts/report-render.png).
# Ends with the plain line "N passed, N failed, N skipped".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ "${FACECOMPAT_SKIP_SETUP:-0}" != "1" ]; then
  bash scripts/setup-native.sh || echo "setup-native: some optional libraries are missing; their tests will be skipped." >&2
fi
log="$(mktemp)"
# The screenshot the report-rendering test writes; removed first so a stale one is never kept as this run's.
shot="tests/FaceCompat.Report.Tests/bin/Release/net10.0/report-render/report.png"
rm -f "$shot" artifacts/report-render.png
dotnet test FaceCompat.sln -c Release --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# The kernels again with AVX-512 off, so the Vector256 micro-kernel (every machine without AVX-512) is tested too.
if [ "$status" -eq 0 ]; then
  DOTNET_EnableAVX512=0 dotnet test tests/FaceCompat.Core.Tests -c Release --nologo --no-build --filter "FullyQualifiedName~LinearAlgebra" 2>&1 | tee -a "$log"
  status=${PIPESTATUS[0]}
fi
# Style (.editorconfig, STYLE.md): a formatting drift fails the run like a failing test.
format_failed=0
if ! dotnet format FaceCompat.sln --verify-no-changes --no-restore >&2; then
  echo "format: 'dotnet format FaceCompat.sln' would change the files above; run it and commit." >&2
  format_failed=1
fi
# CI artifacts: the report-rendering test's screenshot (Chromium, after the cell click) under artifacts/.
if [ -f "$shot" ]; then
  mkdir -p artifacts && cp "$shot" artifacts/report-render.png && echo "artifact: artifacts/report-render.png"
else
  echo "artifact: no report screenshot (the Chromium test was skipped or failed before it)" >&2
fi
passed=0; failed=0; skipped=0
while read -r f p s; do
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
done < <(sed -n -E 's/.*(Passed|Failed)! +- +Failed: +([0-9]+), +Passed: +([0-9]+), +Skipped: +([0-9]+).*/\2 \3 \4/p' "$log")
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$format_failed" -eq 1 ]; then failed=$((failed + 1)); [ "$status" -ne 0 ] || status=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
