#!/usr/bin/env bash
# Concept-drift detector benchmarks: ADWIN, DDM and Page-Hinkley (monitor-service's detectors, the spec's
# default parameters) on seeded synthetic error streams with a known change, and on stationary ones.
#
# usage: bench/monitor/run.sh [--quick]
#   --quick   fewer runs and shorter streams (a smoke run); the table goes to bench/target/monitor-<date>-quick.md
#             instead of bench/results/monitor.md.
#
# What it measures (dev.flywheel.bench.monitor.MonitorBench, one JVM, one thread):
#   1. detection delay: R runs per (detector, shape, rates) of 20,000 outcomes whose error rate changes at
#      outcome 10,000: abrupt (a step), gradual (a sigmoid 2,000 outcomes wide, counted from its start at 9,000),
#      incremental (a linear ramp over 2,000 from 10,000); rates 0.10 → 0.30 and 0.01 → 0.05. Delay = labelled
#      outcomes from the change's start to the first alarm after it; "missed" = no alarm by the stream's end;
#      alarms before the change are false alarms;
#   2. false alarms per 100,000 outcomes on stationary streams (error rate 0.10 and 0.01);
#   3. throughput: outcomes per second through each detector, best of 3 passes over N outcomes.
# Environment knobs (defaults, --quick ones after the slash): BENCH_MONITOR_RUNS [50/10],
# BENCH_MONITOR_STATIONARY [1000000/200000], BENCH_MONITOR_THROUGHPUT [10000000/2000000].
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BENCH_NAME=monitor
# shellcheck source=../lib.sh
source "$ROOT/bench/lib.sh"

QUICK=0
case "${1:-}" in
  --quick) QUICK=1 ;;
  "") ;;
  *) echo "usage: bench/monitor/run.sh [--quick]" >&2; exit 2 ;;
esac
if [ $QUICK -eq 1 ]; then
  RUNS=${BENCH_MONITOR_RUNS:-10}; STATIONARY=${BENCH_MONITOR_STATIONARY:-200000}
  THROUGHPUT=${BENCH_MONITOR_THROUGHPUT:-2000000}
else
  RUNS=${BENCH_MONITOR_RUNS:-50}; STATIONARY=${BENCH_MONITOR_STATIONARY:-1000000}
  THROUGHPUT=${BENCH_MONITOR_THROUGHPUT:-10000000}
fi

STAMP=$ROOT/bench/target/monitor-build.stamp
built() {
  [ -f "$STAMP" ] && [ -f bench/target/bench.classpath ] || return 1
  [ -z "$(find pom.xml contracts monitor-service bench -path '*/target' -prune -o \
    \( -name pom.xml -o -path '*/src/main/*' \) -newer "$STAMP" -print -quit)" ]
}
if ! built; then
  log "building bench and monitor-service (tests skipped)"
  ./mvnw -B -q package -DskipTests -pl bench -am
  touch "$STAMP"
fi
BENCH_CP="$ROOT/bench/target/classes:$(cat bench/target/bench.classpath)"

LOAD_BEFORE=$(uptime)
log "detectors: $RUNS runs per stream, $STATIONARY stationary outcomes, $THROUGHPUT for throughput"
OUT=$(java -Xmx512m -cp "$BENCH_CP" dev.flywheel.bench.monitor.MonitorBench detectors --runs "$RUNS" \
  --stationary "$STATIONARY" --throughput "$THROUGHPUT" --seed 2026)
LOAD_AFTER=$(uptime)

if [ $QUICK -eq 1 ]; then
  mkdir -p bench/target
  RESULTS=$ROOT/bench/target/monitor-$(date -u +%F)-quick.md
else
  mkdir -p bench/results
  RESULTS=$ROOT/bench/results/monitor.md
fi
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- . ':(exclude)bench/results' 2>/dev/null || COMMIT="$COMMIT (with uncommitted changes)"
{
  echo "# Monitor benchmarks: concept-drift detectors, $(date -u '+%Y-%m-%d %H:%M UTC')$([ $QUICK -eq 1 ] && echo ' (quick smoke run)')"
  echo
  echo "\`bench/monitor/run.sh$([ $QUICK -eq 1 ] && echo ' --quick')\` at commit $COMMIT. Each detector with the spec's defaults"
  echo "(ADWIN δ 0.002, clock 32; DDM warning 2σ, drift 3σ, 30 warm-up; Page–Hinkley δ 0.005, λ 50, α 0.9999, 30"
  echo "warm-up) on seeded Bernoulli error streams of 20,000 outcomes changing at outcome 10,000 (gradual: a sigmoid"
  echo "2,000 wide, counted from its start at 9,000; incremental: a ramp over 2,000). Delays are in labelled outcomes"
  echo "after the change starts. Targets (issue #9): abrupt drift found within 1,000 labelled outcomes; ≤ 1 false"
  echo "alarm per 100,000 stationary outcomes; ≥ 100,000 outcomes/s per core."
  echo
  grep -v '^result ' <<<"$OUT"
  echo
  echo "Machine: $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)),"
  echo "$(java -version 2>&1 | head -n 1). Shared with other work while it ran; load before and after:"
  echo
  echo "    before: $LOAD_BEFORE"
  echo "    after:  $LOAD_AFTER"
  echo
  echo "Raw result lines:"
  echo
  grep '^result ' <<<"$OUT" | sed 's/^/    /'
} >"$RESULTS"
log "results in ${RESULTS#$ROOT/}"
cat "$RESULTS"
