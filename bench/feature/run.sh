#!/usr/bin/env bash
# Feature benchmarks: how fast feature-service turns card-fraud events into feature vectors through the full
# card-fraud topology (pipelines/card-fraud.yaml, 15 features, exactly-once), and the event-to-vector latency at
# half that rate; throughput as a ratio against Kafka's own producer measured in the same run on the same broker.
#
# usage: bench/feature/run.sh [--quick]
#   --quick   every step short (a smoke run); the table goes to bench/target/feature-<date>-quick.md
#             instead of bench/results/.
#
# What it does, in order, on a fresh single-node broker (kafka-local's BrokerMain on free loopback ports,
# data in bench/target/feature-run-<time>/, deleted on exit; the logs stay):
#   0. builds bench (with simulator), kafka-local and feature-service when a source or pom is newer than the
#      last build;
#   1. creates the service's topics (3 partitions, the service default) and a ceiling topic with as many
#      partitions;
#   2. preloads flywheel.card-fraud.events with N simulated payments (simulator module, 1,000 cards, 2,000
#      terminals, seeded) as EventIngested records keyed by event id, the form ingest writes, and keeps the first
#      5,000 values as the ceiling's payload file;
#   a. ceiling: org.apache.kafka.tools.ProducerPerformance sends those EventIngested values (acks=all, idempotent)
#      to the ceiling topic, once before (b) and once after (c); the higher                  → records/s;
#   b. throughput: starts feature-service (its packaged jar, pipelines/) on the backlog and times first to last
#      vector of the N on flywheel.card-fraud.features (the vectors' own timestamps)       → events/s, ÷ (a);
#   c. latency: sends further payments at half of (b), paced, for S seconds (the first W not counted), and
#      reads the vectors back                → p50/p90/p99 event→vector (append and read_committed-visible).
# It writes bench/results/feature-<UTC date>.md (the table, the machine, its load before and after) and
# prints it. Whatever it started is stopped on exit, failure and Ctrl-C included.
#
# Environment knobs (defaults in brackets, --quick ones after the slash): BENCH_FEATURE_RECORDS [30000/5000],
# BENCH_LATENCY_SECONDS [40/15], BENCH_LATENCY_WARMUP_SECONDS [10/5], BENCH_CEILING_RECORDS [500000/100000].
# BENCH_SERVICE_JAVA_OPTS [none] goes to the service's JVM, e.g. -XX:StartFlightRecording=filename=/tmp/f.jfr.
#
# The helpers below (log, fail, stop_pid, free_port, await, field, cpu_ticks) are those of bench/ingest/run.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

QUICK=0
case "${1:-}" in
  --quick) QUICK=1 ;;
  "") ;;
  *) echo "usage: bench/feature/run.sh [--quick]" >&2; exit 2 ;;
esac

PIPELINE=card-fraud
CEILING_TOPIC=bench.ceiling
PARTITIONS=3          # the services' default (flywheel.topics.partitions)
if [ $QUICK -eq 1 ]; then
  RECORDS=${BENCH_FEATURE_RECORDS:-5000}
  LATENCY_SECONDS=${BENCH_LATENCY_SECONDS:-15}
  LATENCY_WARMUP=${BENCH_LATENCY_WARMUP_SECONDS:-5}
  CEILING_RECORDS=${BENCH_CEILING_RECORDS:-100000}
else
  RECORDS=${BENCH_FEATURE_RECORDS:-30000}
  LATENCY_SECONDS=${BENCH_LATENCY_SECONDS:-40}
  LATENCY_WARMUP=${BENCH_LATENCY_WARMUP_SECONDS:-10}
  CEILING_RECORDS=${BENCH_CEILING_RECORDS:-500000}
fi

STARTED_AT=$(date -u +%Y%m%dT%H%M%SZ)
RUN=$ROOT/bench/target/feature-run-$STARTED_AT
LOGS=$RUN/logs
mkdir -p "$LOGS"

# shellcheck source=../lib.sh
source "$ROOT/bench/lib.sh"

# --- build --------------------------------------------------------------------------------------------

STAMP=$ROOT/bench/target/feature-build.stamp
built() {
  [ -f "$STAMP" ] && [ -f bench/target/bench.classpath ] && [ -f kafka-local/target/broker.classpath ] \
    && [ -f feature-service/target/quarkus-app/quarkus-run.jar ] || return 1
  [ -z "$(find pom.xml contracts kafka-local service-runtime simulator feature-service bench pipelines \
    -path '*/target' -prune -o \( -name pom.xml -o -path '*/src/main/*' -o -name '*.yaml' \) -newer "$STAMP" -print -quit)" ]
}
if ! built; then
  # Only the modules the bench runs (and what they need): the other services play no part here.
  log "building bench, kafka-local and feature-service (tests skipped)"
  ./mvnw -B -q package -DskipTests -pl bench,kafka-local,feature-service -am
  touch "$STAMP"
fi
BENCH_CP="$ROOT/bench/target/classes:$(cat bench/target/bench.classpath)"
bench_java() {
  java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$BENCH_CP" dev.flywheel.bench.feature.FeatureBench "$@"
}

# --- processes ----------------------------------------------------------------------------------------

BROKER_PID=""
SERVICE_PID=""
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_pid "$SERVICE_PID"
  stop_pid "$BROKER_PID"
  rm -rf "$RUN/kafka" "$RUN/streams-state"
  [ $status -eq 0 ] || log "stopped after a failure; logs in $LOGS"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

LOAD_BEFORE=$(uptime)
log "load at start: $LOAD_BEFORE"

start_broker
HTTP_PORT=$(free_port)
while [ "$HTTP_PORT" = "$KAFKA_PORT" ] || [ "$HTTP_PORT" = "$CONTROLLER_PORT" ]; do HTTP_PORT=$(free_port); done

await_broker

bench_java topics --bootstrap "$BOOTSTRAP" --pipeline $PIPELINE --partitions $PARTITIONS \
  --ceiling-topic $CEILING_TOPIC >>"$LOGS/bench.log"
log "topics ready ($PARTITIONS partitions each)"

# --- 2. preload ---------------------------------------------------------------------------------------

log "2. preloading flywheel.$PIPELINE.events with $RECORDS simulated payments"
PRELOAD_LINE=$(bench_java preload --bootstrap "$BOOTSTRAP" --pipeline $PIPELINE --records "$RECORDS" \
  --payload-file "$RUN/payloads/events.jsonl")
echo "$PRELOAD_LINE" >>"$LOGS/bench.log"
EVENT_BYTES=$(field mean-bytes "$PRELOAD_LINE")
log "2. $PRELOAD_LINE"

# --- a. ceiling ---------------------------------------------------------------------------------------

CEILING_PROPS=(bootstrap.servers="$BOOTSTRAP" acks=all enable.idempotence=true linger.ms=5 batch.size=65536)
# Measured before and after, with the service stopped both times; the higher is the ceiling (one run alone
# swung by half on the shared machine, see bench/README.md).
CEILING_START=$(ceiling_run start "$RUN/payloads/events.jsonl")

# --- b. throughput over the backlog ---------------------------------------------------------------------

log "b. starting feature-service on :$HTTP_PORT over the $RECORDS-event backlog"
SERVICE_STARTED=$(date +%s%3N)
# shellcheck disable=SC2086 # BENCH_SERVICE_JAVA_OPTS holds several options
java -Xmx512m ${BENCH_SERVICE_JAVA_OPTS:-} -Dquarkus.http.port="$HTTP_PORT" -Dkafka.bootstrap.servers="$BOOTSTRAP" -Dflywheel.security.enabled=false \
  -Dflywheel.pipelines-dir="$ROOT/pipelines" -Dflywheel.parent-pid=$$ \
  -Dkafka-streams.state.dir="$RUN/streams-state" \
  -jar feature-service/target/quarkus-app/quarkus-run.jar >"$LOGS/feature-service.log" 2>&1 &
SERVICE_PID=$!
await feature-service 120 "$SERVICE_PID" http_ready "$HTTP_PORT"
SERVICE_TICKS=$(cpu_ticks "$SERVICE_PID")
THROUGHPUT_LINE=$(bench_java throughput --bootstrap "$BOOTSTRAP" --pipeline $PIPELINE --records "$RECORDS" \
  --timeout-s 1800)
SERVICE_TICKS=$(( $(cpu_ticks "$SERVICE_PID") - SERVICE_TICKS ))
echo "$THROUGHPUT_LINE" >>"$LOGS/bench.log"
VECTORS=$(field vectors "$THROUGHPUT_LINE")
[ "$VECTORS" = "$RECORDS" ] || fail "only $VECTORS of $RECORDS vectors came: $THROUGHPUT_LINE"
RATE=$(field events_per_s "$THROUGHPUT_LINE")
SPAN_MS=$(field span_ms "$THROUGHPUT_LINE")
LAST_MS=$(field last_ms "$THROUGHPUT_LINE")
SINCE_START_S=$(awk -v l="$LAST_MS" -v s="$SERVICE_STARTED" 'BEGIN {printf "%.1f", (l - s) / 1000}')
CPU_US=$(awk -v t="$SERVICE_TICKS" -v hz="$TICKS_PER_S" -v n="$RECORDS" 'BEGIN {printf "%.0f", t / hz * 1e6 / n}')
log "b. $THROUGHPUT_LINE (last vector ${SINCE_START_S}s after the service was launched; ~$CPU_US µs service CPU/event)"

# --- c. latency at half the throughput ----------------------------------------------------------------

HALF=$(awk -v r="$RATE" 'BEGIN {printf "%.0f", r / 2}')
[ "$HALF" -gt 0 ] || fail "no throughput to halve: $THROUGHPUT_LINE"
log "c. ${LATENCY_SECONDS}s of paced payments at $HALF/s (first ${LATENCY_WARMUP}s not counted)"
LATENCY_LINE=$(bench_java latency --bootstrap "$BOOTSTRAP" --pipeline $PIPELINE --skip "$RECORDS" --rate "$HALF" \
  --seconds "$LATENCY_SECONDS" --warmup-s "$LATENCY_WARMUP")
echo "$LATENCY_LINE" >>"$LOGS/bench.log"
log "c. $LATENCY_LINE"
COUNTED=$(field counted "$LATENCY_LINE")
EXPECTED=$(field of "$LATENCY_LINE")
ACHIEVED=$(field achieved_rate "$LATENCY_LINE")
A50=$(field append_p50_ms "$LATENCY_LINE"); A90=$(field append_p90_ms "$LATENCY_LINE")
A99=$(field append_p99_ms "$LATENCY_LINE"); AMAX=$(field append_max_ms "$LATENCY_LINE")
V50=$(field visible_p50_ms "$LATENCY_LINE"); V90=$(field visible_p90_ms "$LATENCY_LINE")
V99=$(field visible_p99_ms "$LATENCY_LINE"); VMAX=$(field visible_max_ms "$LATENCY_LINE")

# The service stops first, so the second ceiling runs on the same quiet broker as the first.
stop_pid "$SERVICE_PID"
CEILING_END=$(ceiling_run end "$RUN/payloads/events.jsonl")
CEILING=$(( CEILING_START > CEILING_END ? CEILING_START : CEILING_END ))
LOAD_AFTER=$(uptime)

# --- results ------------------------------------------------------------------------------------------

RATIO=$(ratio "$RATE" "$CEILING")

if [ $QUICK -eq 1 ]; then
  RESULTS=$ROOT/bench/target/feature-$(date -u +%F)-quick.md
else
  mkdir -p bench/results
  RESULTS=$ROOT/bench/results/feature-$(date -u +%F).md
fi
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
# Earlier results files do not count as changes to what was measured.
git diff --quiet HEAD -- . ':(exclude)bench/results' 2>/dev/null || COMMIT="$COMMIT (with uncommitted changes)"
{
  echo "# Feature benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC')$([ $QUICK -eq 1 ] && echo ' (quick smoke run)')"
  echo
  echo "\`bench/feature/run.sh$([ $QUICK -eq 1 ] && echo ' --quick')\` at commit $COMMIT. The ratio divides by (a), measured in"
  echo "this run on this broker. Inputs are simulated card payments (1,000 cards, 2,000 terminals, seeded) as"
  echo "\`EventIngested\` records of ~${EVENT_BYTES} bytes; the service computes the card-fraud pipeline's 15 features"
  echo "with exactly-once processing, $PARTITIONS partitions, one stream thread."
  echo
  echo "| what | value | ceiling | ratio |"
  echo "|---|---|---|---|"
  echo "| a. Kafka producer ceiling: ProducerPerformance, $CEILING_RECORDS records of those EventIngested values, acks=all, idempotent, linger 5 ms, batch 64 KiB, $PARTITIONS partitions; the higher of a run before (b) ($CEILING_START) and one after (c) ($CEILING_END) | $CEILING records/s | — | 1.00 |"
  echo "| b. throughput: a backlog of $RECORDS events through the full topology, first to last vector ($SPAN_MS ms; last vector ${SINCE_START_S} s after the service was launched; service CPU from readiness to the last vector ÷ events: ~$CPU_US µs/event) | $RATE events/s | $CEILING | $RATIO |"
  echo "| c. latency at half of (b): $HALF events/s offered ($ACHIEVED sent), ${LATENCY_SECONDS} s, the first ${LATENCY_WARMUP} s not counted ($COUNTED of $EXPECTED vectors counted) | append: p50 $A50 ms, p90 $A90 ms, **p99 $A99 ms**, max $AMAX ms; visible to a read_committed reader: p50 $V50 ms, p90 $V90 ms, p99 $V99 ms, max $VMAX ms | — | — |"
  echo
  echo "Machine: $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)),"
  echo "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(java -version 2>&1 | head -n 1)."
  echo "Shared with other work while it ran; load before and after:"
  echo
  echo "    before: $LOAD_BEFORE"
  echo "    after:  $LOAD_AFTER"
  echo
  echo "Raw result lines:"
  echo
  sed 's/^/    a. /' "$LOGS/ceiling-lines.log"
  echo "    b. $THROUGHPUT_LINE"
  echo "    c. $LATENCY_LINE"
} >"$RESULTS"
log "results in ${RESULTS#$ROOT/}; logs in ${LOGS#$ROOT/}"
cat "$RESULTS"
