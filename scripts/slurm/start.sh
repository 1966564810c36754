#!/usr/bin/env bash
# Starts a private single-node Slurm (munged + slurmctld + slurmd) for the tests, with every file under
# one folder ($FACECOMPAT_SLURM_DIR, default /tmp/facecompat-slurm): a generated munge key, a minimal
# slurm.conf (one node, 2 CPUs, select/cons_tres, proctrack/linuxproc, no cgroups, no accounting
# database), state, spool and logs. No systemd. Installs Debian's slurmctld/slurmd/slurm-client/munge
# with apt when they are missing and this runs as root.
# Prints "SLURM_CONF=<path>" on success (export it for sbatch/squeue/scancel); exits non-zero with a
# one-line reason on stderr when Slurm cannot be started here. Stop it with scripts/slurm/stop.sh.
set -uo pipefail
dir="${FACECOMPAT_SLURM_DIR:-/tmp/facecompat-slurm}"
ctld_port="${FACECOMPAT_SLURM_PORT:-16817}"
slurmd_port=$((ctld_port + 1))
fail() { echo "slurm: $*" >&2; exit 1; }

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
  [ "$(id -u)" = 0 ] || fail "slurmctld/slurmd/sbatch/munged are not installed and this is not root (apt-get install slurmctld slurmd slurm-client munge)."
  command -v apt-get >/dev/null || fail "slurmctld/slurmd/sbatch/munged are not installed and there is no apt-get."
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends slurmctld slurmd slurm-client munge >"${TMPDIR:-/tmp}/facecompat-slurm-apt.log" 2>&1 \
    || fail "apt-get install slurmctld slurmd slurm-client munge failed (log: ${TMPDIR:-/tmp}/facecompat-slurm-apt.log)."
fi
[ "$(id -u)" = 0 ] || fail "slurmd must run as root to start jobs; run the tests as root (or on a machine with Slurm set up)."

if [ -f "$dir/slurm.conf" ] && SLURM_CONF="$dir/slurm.conf" scontrol ping 2>/dev/null | grep -q UP; then
  echo "SLURM_CONF=$dir/slurm.conf"
  exit 0
fi
bash "$(dirname "${BASH_SOURCE[0]}")/stop.sh" >/dev/null 2>&1 || true
rm -rf "$dir"
mkdir -p "$dir/munge" "$dir/state" "$dir/spool" "$dir/log"
chmod 700 "$dir" "$dir/munge"
dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$dir/munge/munge.key"
munged --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.socket" \
  --pid-file="$dir/munge/munged.pid" --log-file="$dir/log/munged.log" --seed-file="$dir/munge/munged.seed" \
  || fail "munged did not start (log: $dir/log/munged.log)."

host="$(hostname -s)"
cpus="${FACECOMPAT_SLURM_CPUS:-2}"
cat >"$dir/slurm.conf" <<CONF
ClusterName=facecompat
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool/%n
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
SchedulerParameters=kill_invalid_depend
MpiDefault=none
ReturnToService=2
SlurmdTimeout=30
InactiveLimit=0
KillWait=5
MinJobAge=300
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=4096 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$dir/slurm.conf"
slurmctld -f "$SLURM_CONF" || fail "slurmctld did not start (log: $dir/log/slurmctld.log)."
slurmd -f "$SLURM_CONF" || fail "slurmd did not start (log: $dir/log/slurmd.log)."
for _ in $(seq 1 60); do
  if sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then
    echo "SLURM_CONF=$SLURM_CONF"
    exit 0
  fi
  sleep 0.5
done
fail "the node did not come up within 30 s (logs: $dir/log/slurmctld.log, $dir/log/slurmd.log)."
