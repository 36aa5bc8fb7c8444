#!/usr/bin/env bash
# Ingest benchmarks: how fast ingest-service admits card-fraud events, as ratios against Kafka's own
# producer measured in the same run on the same broker.
#
# usage: bench/ingest/run.sh [--quick]
#   --quick   every step short (a smoke run); the table goes to bench/target/ingest-<date>-quick.md
#             instead of bench/results/.
#
# What it does, in order, on a fresh single-node broker (kafka-local's BrokerMain on free loopback ports,
# data in bench/target/ingest-run-<time>/, deleted on exit; the logs stay):
#   0. builds bench, kafka-local and ingest-service when a source or pom is newer than the last build;
#      installs wrk with apt when it is missing (needs root);
#   1. creates the service's topics (3 partitions, the service default) and a ceiling topic with as many
#      partitions as flywheel.card-fraud.events;
#   a. ceiling: org.apache.kafka.tools.ProducerPerformance sends ~200-byte card-fraud events (acks=all,
#      idempotent) to the ceiling topic, once first and once after (d); the higher    → records/s;
#   c. fills flywheel.card-fraud.events.raw with valid events, then starts ingest-service (pipelines/,
#      the card-fraud pipeline) and times its drain to flywheel.card-fraud.events, first to last record,
#      over the whole backlog or the first 60 s of it (what is left is then deleted and the service
#      restarted, so no raw-topic work runs beside the HTTP steps); the steady rate leaves out the first
#      third of the backlog, which a cold JVM runs while it compiles        → records/s (steady), ÷ (a);
#   b. wrk POSTs batches of 500 events to /v1/pipelines/card-fraud/events (after a warm-up run)
#                                                                  → events/s = 200-answers/s × 500, ÷ (a);
#   d. wrk POSTs single events from 10 connections each pausing 7 ms after every answer (~1,000 req/s
#      offered while answers take ~3 ms)
#                                                                  → achieved rate, p50/p90/p99 latency.
# It writes bench/results/ingest-<UTC date>.md (the table, the machine, its load before and after) and
# prints it. Whatever it started is stopped on exit, failure and Ctrl-C included.
#
# Environment knobs (defaults in brackets): BENCH_CEILING_RECORDS [1000000], BENCH_DRAIN_RECORDS [600000],
# BENCH_DRAIN_WINDOW_SECONDS [60], BENCH_BATCH_SECONDS [30], BENCH_LATENCY_SECONDS [30],
# BENCH_BATCH_CONNECTIONS [8]; --quick shortens all but the connections. BENCH_SERVICE_JAVA_OPTS [none]
# goes to the service's JVM, e.g. -XX:StartFlightRecording=filename=/tmp/ingest.jfr to profile it.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

QUICK=0
case "${1:-}" in
  --quick) QUICK=1 ;;
  "") ;;
  *) echo "usage: bench/ingest/run.sh [--quick]" >&2; exit 2 ;;
esac

PIPELINE=card-fraud
CEILING_TOPIC=bench.ceiling
PARTITIONS=3          # ingest-service's default (flywheel.topics.partitions)
BATCH_SIZE=500
BATCH_BODIES=8
LATENCY_CONNECTIONS=10
LATENCY_PAUSE_MS=7     # with ~3 ms answers, 10 connections offer ~1,000 req/s
if [ $QUICK -eq 1 ]; then
  CEILING_RECORDS=${BENCH_CEILING_RECORDS:-100000}
  DRAIN_RECORDS=${BENCH_DRAIN_RECORDS:-60000}
  BATCH_SECONDS=${BENCH_BATCH_SECONDS:-5}
  LATENCY_SECONDS=${BENCH_LATENCY_SECONDS:-5}
  DRAIN_WINDOW=${BENCH_DRAIN_WINDOW_SECONDS:-15}
  WARMUP_SECONDS=3
else
  CEILING_RECORDS=${BENCH_CEILING_RECORDS:-1000000}
  DRAIN_RECORDS=${BENCH_DRAIN_RECORDS:-600000}
  BATCH_SECONDS=${BENCH_BATCH_SECONDS:-30}
  LATENCY_SECONDS=${BENCH_LATENCY_SECONDS:-30}
  DRAIN_WINDOW=${BENCH_DRAIN_WINDOW_SECONDS:-60}
  WARMUP_SECONDS=10
fi
BATCH_CONNECTIONS=${BENCH_BATCH_CONNECTIONS:-8}

STARTED_AT=$(date -u +%Y%m%dT%H%M%SZ)
RUN=$ROOT/bench/target/ingest-run-$STARTED_AT
LOGS=$RUN/logs
mkdir -p "$LOGS"

# shellcheck source=../lib.sh
source "$ROOT/bench/lib.sh"

# --- build and tools --------------------------------------------------------------------------------

STAMP=$ROOT/bench/target/build.stamp
built() {
  [ -f "$STAMP" ] && [ -f bench/target/bench.classpath ] && [ -f kafka-local/target/broker.classpath ] \
    && [ -f ingest-service/target/quarkus-app/quarkus-run.jar ] || return 1
  [ -z "$(find pom.xml contracts kafka-local service-runtime ingest-service bench pipelines \
    -path '*/target' -prune -o \( -name pom.xml -o -path '*/src/main/*' -o -name '*.yaml' \) -newer "$STAMP" -print -quit)" ]
}
if ! built; then
  # Only the modules the bench runs (and what they need): the other services play no part here.
  log "building bench, kafka-local and ingest-service (tests skipped)"
  ./mvnw -B -q package -DskipTests -pl bench,kafka-local,ingest-service -am
  touch "$STAMP"
fi
ensure_wrk
BENCH_CP="$ROOT/bench/target/classes:$(cat bench/target/bench.classpath)"
bench_java() {
  java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$BENCH_CP" dev.flywheel.bench.ingest.IngestBench "$@"
}

# --- processes ----------------------------------------------------------------------------------------

BROKER_PID=""
SERVICE_PID=""
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_pid "$SERVICE_PID"
  stop_pid "$BROKER_PID"
  rm -rf "$RUN/kafka"
  [ $status -eq 0 ] || log "stopped after a failure; logs in $LOGS"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_service() {
  log "starting ingest-service on :$HTTP_PORT"
  # shellcheck disable=SC2086 # BENCH_SERVICE_JAVA_OPTS holds several options
  java -Xmx512m ${BENCH_SERVICE_JAVA_OPTS:-} -Dquarkus.http.port="$HTTP_PORT" -Dkafka.bootstrap.servers="$BOOTSTRAP" -Dflywheel.security.enabled=false \
    -Dflywheel.pipelines-dir="$ROOT/pipelines" -Dflywheel.parent-pid=$$ \
    -jar ingest-service/target/quarkus-app/quarkus-run.jar >"$LOGS/ingest-service.log" 2>&1 &
  SERVICE_PID=$!
  await ingest-service 120 "$SERVICE_PID" http_ready "$HTTP_PORT"
}

LOAD_BEFORE=$(uptime)
log "load at start: $LOAD_BEFORE"

start_broker
HTTP_PORT=$(free_port)

await_broker

PAYLOADS=$RUN/payloads
bench_java payloads --dir "$PAYLOADS" --batch-size $BATCH_SIZE --batches $BATCH_BODIES --lines 5000 | tee -a "$LOGS/bench.log" >&2
PAYLOAD_LINE=$(tail -n 1 "$LOGS/bench.log")
EVENT_BYTES=$(field mean-bytes "$PAYLOAD_LINE")
TOPICS_LINE=$(bench_java topics --bootstrap "$BOOTSTRAP" --pipeline $PIPELINE --partitions $PARTITIONS \
  --ceiling-topic $CEILING_TOPIC)
CEILING_PARTITIONS=$(field partitions "$TOPICS_LINE")
log "topics ready; $CEILING_TOPIC has $CEILING_PARTITIONS partitions like flywheel.$PIPELINE.events"

# --- a. ceiling ---------------------------------------------------------------------------------------

CEILING_PROPS=(bootstrap.servers="$BOOTSTRAP" acks=all enable.idempotence=true linger.ms=5 batch.size=65536)
# Measured at the start and again at the end; the higher is the ceiling. On a shared machine one run
# alone swung by half between otherwise equal runs.
CEILING_START=$(ceiling_run start "$PAYLOADS/events.jsonl")

# --- c. Kafka-to-Kafka validation (before HTTP, so the raw backlog is all the service has to do) -------

log "c. filling flywheel.$PIPELINE.events.raw with $DRAIN_RECORDS valid events"
bench_java preload --bootstrap "$BOOTSTRAP" --pipeline $PIPELINE --records "$DRAIN_RECORDS" >>"$LOGS/bench.log"

DRAIN_STARTED=$(date +%s)
start_service
DRAIN_LINE=$(bench_java drain --bootstrap "$BOOTSTRAP" --pipeline $PIPELINE --records "$DRAIN_RECORDS" \
  --warmup $(( DRAIN_RECORDS / 3 )) --window-s "$DRAIN_WINDOW" --timeout-s 300)
echo "$DRAIN_LINE" >>"$LOGS/bench.log"
DRAIN_RATE=$(field steady_records_per_s "$DRAIN_LINE")
DRAIN_COLD_RATE=$(field records_per_s "$DRAIN_LINE")
DRAIN_STEADY=$(field steady_events "$DRAIN_LINE")
DRAIN_REJECTED=$(field rejected "$DRAIN_LINE")
DRAIN_MOVED=$(field events "$DRAIN_LINE")
log "c. drain: $DRAIN_LINE (service started $(( $(date +%s) - DRAIN_STARTED ))s ago)"
# Its consumer has fetched ahead of what it validated; a fresh start finds the rest of the backlog deleted,
# so no raw-topic work runs beside the HTTP benchmarks.
log "restarting ingest-service so only HTTP requests keep it busy"
stop_pid "$SERVICE_PID"
mv "$LOGS/ingest-service.log" "$LOGS/ingest-service-drain.log"
start_service

# --- b. validated HTTP ingest, batches of 500 -----------------------------------------------------------

URL=http://127.0.0.1:$HTTP_PORT/v1/pipelines/$PIPELINE/events
BODIES=()
for i in $(seq $BATCH_BODIES); do BODIES+=("$PAYLOADS/batch-$i.json"); done
log "b. warm-up: ${WARMUP_SECONDS}s of batch POSTs (not counted)"
wrk -t2 -c"$BATCH_CONNECTIONS" -d"${WARMUP_SECONDS}s" --timeout 30s -s bench/ingest/batch.lua "$URL" -- "${BODIES[@]}" \
  >"$LOGS/batch-warmup.log" 2>&1
log "b. ${BATCH_SECONDS}s of batch POSTs, $BATCH_CONNECTIONS connections, $BATCH_SIZE events each"
SERVICE_TICKS=$(cpu_ticks "$SERVICE_PID")
wrk -t2 -c"$BATCH_CONNECTIONS" -d"${BATCH_SECONDS}s" --timeout 30s --latency -s bench/ingest/batch.lua "$URL" -- "${BODIES[@]}" \
  >"$LOGS/batch.log" 2>&1 || { cat "$LOGS/batch.log" >&2; fail "wrk (batches)"; }
SERVICE_TICKS=$(( $(cpu_ticks "$SERVICE_PID") - SERVICE_TICKS ))
BATCH_LINE=$(grep '^wrk-result' "$LOGS/batch.log")
BATCH_REQUESTS=$(field requests "$BATCH_LINE")
BATCH_NOT_OK=$(field not_ok "$BATCH_LINE")
BATCH_US=$(field duration_us "$BATCH_LINE")
BATCH_RPS=$(awk -v n="$BATCH_REQUESTS" -v bad="$BATCH_NOT_OK" -v us="$BATCH_US" 'BEGIN {printf "%.1f", (n - bad) * 1e6 / us}')
BATCH_RATE=$(awk -v rps="$BATCH_RPS" -v size=$BATCH_SIZE 'BEGIN {printf "%.0f", rps * size}')
# The service's own CPU time per event: steadier than any rate on a shared machine.
BATCH_CPU_US=$(awk -v t="$SERVICE_TICKS" -v hz="$TICKS_PER_S" -v n="$BATCH_REQUESTS" -v size=$BATCH_SIZE \
  'BEGIN {printf "%.1f", t / hz * 1e6 / (n * size)}')
BATCH_CORES=$(awk -v t="$SERVICE_TICKS" -v hz="$TICKS_PER_S" -v us="$BATCH_US" 'BEGIN {printf "%.2f", t / hz * 1e6 / us}')
log "b. $BATCH_LINE → $BATCH_RPS batches/s = $BATCH_RATE events/s; service CPU $BATCH_CPU_US µs/event, $BATCH_CORES cores"

# --- d. single-event latency at ~1,000 req/s ----------------------------------------------------------

log "d. warm-up: ${WARMUP_SECONDS}s of single-event POSTs (not counted)"
wrk -t2 -c$LATENCY_CONNECTIONS -d"${WARMUP_SECONDS}s" -s bench/ingest/single.lua "$URL" -- \
  "$PAYLOADS/singles.jsonl" $LATENCY_PAUSE_MS >"$LOGS/single-warmup.log" 2>&1
log "d. ${LATENCY_SECONDS}s of single-event POSTs, $LATENCY_CONNECTIONS connections each pausing ${LATENCY_PAUSE_MS} ms"
wrk -t2 -c$LATENCY_CONNECTIONS -d"${LATENCY_SECONDS}s" --latency -s bench/ingest/single.lua "$URL" -- \
  "$PAYLOADS/singles.jsonl" $LATENCY_PAUSE_MS >"$LOGS/single.log" 2>&1 || { cat "$LOGS/single.log" >&2; fail "wrk (single)"; }
SINGLE_LINE=$(grep '^wrk-result' "$LOGS/single.log")
SINGLE_RPS=$(awk -v n="$(field requests "$SINGLE_LINE")" -v us="$(field duration_us "$SINGLE_LINE")" 'BEGIN {printf "%.0f", n * 1e6 / us}')
P50=$(ms "$(field p50_us "$SINGLE_LINE")")
P90=$(ms "$(field p90_us "$SINGLE_LINE")")
P99=$(ms "$(field p99_us "$SINGLE_LINE")")
SINGLE_NOT_OK=$(field not_ok "$SINGLE_LINE")
log "d. $SINGLE_LINE → $SINGLE_RPS req/s"

# The service stops first, so the second ceiling runs on the same quiet broker as the first.
stop_pid "$SERVICE_PID"
CEILING_END=$(ceiling_run end "$PAYLOADS/events.jsonl")
CEILING=$(( CEILING_START > CEILING_END ? CEILING_START : CEILING_END ))
LOAD_AFTER=$(uptime)

# --- results ------------------------------------------------------------------------------------------

yes_if() { awk "BEGIN {print ($1) ? \"yes\" : \"no\"}"; }
BATCH_RATIO=$(ratio "$BATCH_RATE" "$CEILING")
DRAIN_RATIO=$(ratio "$DRAIN_RATE" "$CEILING")
BATCH_MET=$(yes_if "$BATCH_RATIO >= 0.5 && $BATCH_NOT_OK == 0")
LATENCY_MET=$(yes_if "$P99 < 10 && $SINGLE_NOT_OK == 0")
DRAIN_MET=$(yes_if "$DRAIN_RATIO >= 0.5 && $DRAIN_REJECTED == 0")

if [ $QUICK -eq 1 ]; then
  RESULTS=$ROOT/bench/target/ingest-$(date -u +%F)-quick.md
else
  mkdir -p bench/results
  RESULTS=$ROOT/bench/results/ingest-$(date -u +%F).md
fi
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
# Earlier results files do not count as changes to what was measured.
git diff --quiet HEAD -- . ':(exclude)bench/results' 2>/dev/null || COMMIT="$COMMIT (with uncommitted changes)"
{
  echo "# Ingest benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC')$([ $QUICK -eq 1 ] && echo ' (quick smoke run)')"
  echo
  echo "\`bench/ingest/run.sh$([ $QUICK -eq 1 ] && echo ' --quick')\` at commit $COMMIT. Ratios divide by (a), measured in"
  echo "this run on this broker. Events are valid card-fraud transactions of ~${EVENT_BYTES} bytes."
  echo
  echo "| what | value | ceiling | ratio | target | met? |"
  echo "|---|---|---|---|---|---|"
  echo "| a. Kafka producer ceiling: ProducerPerformance, $CEILING_RECORDS records, acks=all, idempotent, linger 5 ms, batch 64 KiB, $CEILING_PARTITIONS partitions; the higher of a run at the start ($CEILING_START) and one at the end ($CEILING_END) | $CEILING records/s | — | 1.00 | — | — |"
  echo "| b. validated HTTP ingest: wrk, $BATCH_CONNECTIONS connections, ${BATCH_SECONDS} s, POST of $BATCH_SIZE events ($BATCH_REQUESTS requests, $BATCH_NOT_OK not 200) | $BATCH_RATE events/s ($BATCH_RPS batches/s; service CPU $BATCH_CPU_US µs/event, $BATCH_CORES cores busy) | $CEILING | $BATCH_RATIO | ≥ 0.5 | $BATCH_MET |"
  echo "| c. Kafka-to-Kafka validation: $DRAIN_MOVED of a $DRAIN_RECORDS-event raw backlog moved to the events topic (all, or the first ${DRAIN_WINDOW} s; $DRAIN_REJECTED rejected); steady rate over the last $DRAIN_STEADY, first to last record | $DRAIN_RATE records/s steady ($DRAIN_COLD_RATE over the whole drain from a cold start) | $CEILING | $DRAIN_RATIO | ≥ 0.5 | $DRAIN_MET |"
  echo "| d. single-event HTTP latency: wrk, $LATENCY_CONNECTIONS connections each pausing $LATENCY_PAUSE_MS ms, ${LATENCY_SECONDS} s ($SINGLE_NOT_OK not 200) | p50 $P50 ms, p90 $P90 ms, p99 $P99 ms at $SINGLE_RPS req/s | — | — | p99 < 10 ms | $LATENCY_MET |"
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
  echo "    b. $BATCH_LINE"
  echo "    c. $DRAIN_LINE"
  echo "    d. $SINGLE_LINE"
} >"$RESULTS"
log "results in ${RESULTS#$ROOT/}; logs in ${LOGS#$ROOT/}"
cat "$RESULTS"
