#!/usr/bin/env bash
# Report: headless Chromium for the report's rendering test (tests skip without it). Idempotent, never fails.
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "setup-native.d/report: installing chromium" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core) >/dev/null 2>&1 \
    || echo "setup-native.d/report: apt-get could not install chromium; the report rendering test will be skipped" >&2
else
  echo "setup-native.d/report: chromium missing (run: sudo apt-get install chromium); the report rendering test will be skipped" >&2
fi
exit 0
