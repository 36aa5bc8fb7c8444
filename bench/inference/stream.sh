#!/usr/bin/env bash
# Stream scoring throughput on a backlog: exactly-once (one transaction per poll, at max.poll.records 100, 500
# and 2000) against the at-least-once strategy the service had before (send, await the acknowledgements, commit
# the offsets), alternated in one JVM on one broker so that both see the same machine load.
#
# usage: bench/inference/stream.sh [vectors-per-run] [rounds]     (defaults 20000 and 3)
#
# Runs inference-service's StreamScoringBench (a JUnit class surefire only runs when named and flagged) on the
# test JVM's own kafka-local broker; each run gets a fresh pipeline and topics (3 partitions), the backlog is
# produced first, then the scorer starts; the figure is the backlog over the span of its predictions'
# predictedAt. Writes bench/results/inference-stream.md (the machine's load before and after included).
set -euo pipefail
cd "$(dirname "$0")/../.."
VECTORS=${1:-20000}
ROUNDS=${2:-3}
BENCH_NAME=inference-stream
# shellcheck source=../lib.sh
source bench/lib.sh

OUT=bench/results/inference-stream.md
LOG=bench/target/inference-stream.log
mkdir -p bench/target
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "$ROUNDS rounds of $VECTORS vectors per run; load $LOAD_BEFORE"
./mvnw -B -q verify -pl inference-service -am -DskipITs -Dtest=StreamScoringBench \
  -Dsurefire.failIfNoSpecifiedTests=false -Dflywheel.bench.stream=true \
  -Dflywheel.bench.stream-vectors="$VECTORS" -Dflywheel.bench.stream-rounds="$ROUNDS" >"$LOG" 2>&1 \
  || fail "the bench failed; see $LOG"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
{
  echo "# Stream scoring throughput ($(date -u +%Y-%m-%d), $(nproc) cores)"
  echo
  echo "Backlog of $VECTORS vectors per run, $ROUNDS rounds, runs alternated; load average $LOAD_BEFORE before, $LOAD_AFTER after."
  echo
  echo '| strategy | vectors/s per round |'
  echo '|---|---|'
  sed -n 's/^  \(.*max.poll.records=[0-9]*\) *\(\[.*\]\) vectors\/s$/| \1 | \2 |/p' "$LOG"
} >"$OUT"
cat "$OUT"
