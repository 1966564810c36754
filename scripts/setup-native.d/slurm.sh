#!/usr/bin/env bash
# Installs Debian's Slurm (slurmctld, slurmd, slurm-client) and munge for the Slurm tests, which
# start a private single-node cluster with scripts/slurm/start.sh. Only as root with apt; never
# fails the run (without Slurm those tests are skipped with a message).
set -uo pipefail
command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v sbatch >/dev/null && command -v munged >/dev/null && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "setup-native: installing slurmctld slurmd slurm-client munge (for the Slurm tests)" >&2
  (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge \
    || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge)) >/dev/null 2>&1 \
    || echo "setup-native: apt-get could not install Slurm; the Slurm tests will be skipped" >&2
else
  echo "setup-native: Slurm is not installed (apt-get install slurmctld slurmd slurm-client munge, as root); the Slurm tests will be skipped" >&2
fi
exit 0
