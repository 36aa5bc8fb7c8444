#!/usr/bin/env bash
# Online-store lookup latency: how fast a feature-service instance answers GET /v1/pipelines/card-fraud/features/...
# for an entity it owns (its own store) and for one the other instance owns (forwarded there), over loopback.
#
# usage: bench/feature/lookup.sh [--quick]
#   --quick   short steps (a smoke run); the table goes to bench/target/feature-lookup-<date>-quick.md instead of
#             bench/results/.
#
# What it does, in order, on a fresh single-node broker (kafka-local's BrokerMain on free loopback ports, data in
# bench/target/lookup-run-<time>/, deleted on exit; the logs stay):
#   0. builds bench, kafka-local and feature-service when a source or pom is newer than the last build;
#   1. starts two feature-service instances (A and B, quarkus-run.jar, pipelines/, one stream thread each), each
#      with its own port, state folder and application.server; they create the topics with 4 partitions and
#      split the tasks between them;
#   2. publishes 2 card payments each for N customers at N terminals (customer i at terminal i) and waits until A
#      serves every one of the 2N entities as of its last payment;
#   3. asks A once for every entity to learn which ones A owns (answer header X-Flywheel-Served-By), then runs
#      client threads against A, each pausing after every answer, taking in turn: a key A owns (local), a key B
#      owns (routed: A forwards to B), a merged customer + terminal vector (?customer_id=..&terminal_id=..), and
#      GET /v1/pipelines as a baseline (what HTTP and the client cost on this machine, no store involved);
#      warm-up first, not counted                                              → rate and p50/p90/p99/p99.9 per kind.
# It writes bench/results/feature-lookup-<UTC date>.md (the table, the machine, its load before and after) and
# prints it. Whatever it started is stopped on exit, failure and Ctrl-C included.
#
# Environment knobs (defaults in brackets): BENCH_LOOKUP_ENTITIES [2000], BENCH_LOOKUP_SECONDS [30],
# BENCH_LOOKUP_WARMUP_SECONDS [10], BENCH_LOOKUP_THREADS [4], BENCH_LOOKUP_PAUSE_MS [2]; --quick shortens
# entities and times. BENCH_SERVICE_JAVA_OPTS [none] goes to both services' JVMs.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

QUICK=0
case "${1:-}" in
  --quick) QUICK=1 ;;
  "") ;;
  *) echo "usage: bench/feature/lookup.sh [--quick]" >&2; exit 2 ;;
esac

PIPELINE=card-fraud
PARTITIONS=4
if [ $QUICK -eq 1 ]; then
  ENTITIES=${BENCH_LOOKUP_ENTITIES:-300}
  SECONDS_MEASURED=${BENCH_LOOKUP_SECONDS:-8}
  WARMUP_SECONDS=${BENCH_LOOKUP_WARMUP_SECONDS:-4}
else
  ENTITIES=${BENCH_LOOKUP_ENTITIES:-2000}
  SECONDS_MEASURED=${BENCH_LOOKUP_SECONDS:-30}
  WARMUP_SECONDS=${BENCH_LOOKUP_WARMUP_SECONDS:-10}
fi
THREADS=${BENCH_LOOKUP_THREADS:-4}
PAUSE_MS=${BENCH_LOOKUP_PAUSE_MS:-2}

STARTED_AT=$(date -u +%Y%m%dT%H%M%SZ)
RUN=$ROOT/bench/target/lookup-run-$STARTED_AT
LOGS=$RUN/logs
mkdir -p "$LOGS"

BENCH_NAME=lookup
# shellcheck source=../lib.sh
source "$ROOT/bench/lib.sh"

# --- build ----------------------------------------------------------------------------------------------

STAMP=$ROOT/bench/target/lookup-build.stamp
built() {
  [ -f "$STAMP" ] && [ -f bench/target/bench.classpath ] && [ -f kafka-local/target/broker.classpath ] \
    && [ -f feature-service/target/quarkus-app/quarkus-run.jar ] || return 1
  [ -z "$(find pom.xml contracts kafka-local service-runtime feature-service bench pipelines \
    -path '*/target' -prune -o \( -name pom.xml -o -path '*/src/main/*' -o -name '*.yaml' \) -newer "$STAMP" -print -quit)" ]
}
if ! built; then
  log "building bench, kafka-local and feature-service (tests skipped)"
  ./mvnw -B -q package -DskipTests -pl bench,kafka-local,feature-service -am
  touch "$STAMP"
fi
BENCH_CP="$ROOT/bench/target/classes:$(cat bench/target/bench.classpath)"
lookup_java() {
  java -Xmx256m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$BENCH_CP" dev.flywheel.bench.feature.LookupBench "$@"
}

# --- processes ----------------------------------------------------------------------------------------

BROKER_PID=""
A_PID=""
B_PID=""
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_pid "$A_PID"
  stop_pid "$B_PID"
  stop_pid "$BROKER_PID"
  rm -rf "$RUN/kafka" "$RUN/state-a" "$RUN/state-b"
  [ $status -eq 0 ] || log "stopped after a failure; logs in $LOGS"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

streams_running() { curl -fsS "http://127.0.0.1:$1/v1/pipelines/$PIPELINE/stats" 2>/dev/null | grep -q '"RUNNING"'; }

# start_service NAME PORT: prints the pid.
start_service() {
  local name=$1 port=$2
  # shellcheck disable=SC2086 # BENCH_SERVICE_JAVA_OPTS holds several options
  java -Xmx384m ${BENCH_SERVICE_JAVA_OPTS:-} -Dquarkus.http.port="$port" -Dflywheel.security.enabled=false \
    -Dquarkus.kafka-streams.application-server="127.0.0.1:$port" \
    -Dkafka.bootstrap.servers="$BOOTSTRAP" -Dquarkus.kafka-streams.bootstrap-servers="$BOOTSTRAP" \
    -Dkafka-streams.state.dir="$RUN/state-$name" -Dflywheel.topics.partitions=$PARTITIONS \
    -Dflywheel.pipelines-dir="$ROOT/pipelines" -Dflywheel.parent-pid=$$ \
    -jar feature-service/target/quarkus-app/quarkus-run.jar >"$LOGS/feature-service-$name.log" 2>&1 &
  echo $!
}

LOAD_BEFORE=$(uptime)
log "load at start: $LOAD_BEFORE"

start_broker
A_PORT=$(free_port)
B_PORT=$(free_port)

await_broker

log "1. starting feature-service A on :$A_PORT and B on :$B_PORT"
A_PID=$(start_service a "$A_PORT")
B_PID=$(start_service b "$B_PORT")
await feature-service-a 180 "$A_PID" http_ready "$A_PORT"
await feature-service-b 180 "$B_PID" http_ready "$B_PORT"
await feature-service-a 180 "$A_PID" streams_running "$A_PORT"
await feature-service-b 180 "$B_PID" streams_running "$B_PORT"

RUN_ID=$(date +%s)
ENTITY_ARGS=(--pipeline $PIPELINE --run "$RUN_ID" --entities "$ENTITIES" --events 2)
log "2. publishing 2 payments each of $ENTITIES customers at $ENTITIES terminals"
PRELOAD_LINE=$(lookup_java preload --bootstrap "$BOOTSTRAP" "${ENTITY_ARGS[@]}")
log "2. $PRELOAD_LINE"
AWAIT_LINE=$(lookup_java await --url "http://127.0.0.1:$A_PORT" "${ENTITY_ARGS[@]}" --timeout-s 600)
log "2. $AWAIT_LINE"

log "3. lookups against A: $THREADS threads each pausing ${PAUSE_MS} ms, ${WARMUP_SECONDS}s warm-up, ${SECONDS_MEASURED}s measured"
lookup_java measure --url "http://127.0.0.1:$A_PORT" --self "127.0.0.1:$A_PORT" "${ENTITY_ARGS[@]}" \
  --threads "$THREADS" --pause-ms "$PAUSE_MS" --warmup-s "$WARMUP_SECONDS" --seconds "$SECONDS_MEASURED" \
  >"$LOGS/measure.log" 2>&1 || { cat "$LOGS/measure.log" >&2; fail "measure"; }
LOAD_AFTER=$(uptime)
cat "$LOGS/measure.log" >&2

# --- results ------------------------------------------------------------------------------------------

row() {
  local kind=$1 label=$2 line met
  line=$(grep "^lookup-result kind=$kind " "$LOGS/measure.log")
  if [ "$kind" = merged ] || [ "$kind" = baseline ]; then met="—"; else
    met=$(awk -v p="$(field p99_us "$line")" -v bad="$(field not_ok "$line")" 'BEGIN {print (p < 5000 && bad == 0) ? "yes" : "**no**"}')
  fi
  echo "| $label ($(field keys "$line") keys; $(field requests "$line") lookups, $(field not_ok "$line") not 200, $(field owner_changed "$line") answered by another owner than expected) | $(field rate "$line")/s | $(ms "$(field p50_us "$line")") | $(ms "$(field p90_us "$line")") | $(ms "$(field p99_us "$line")") | $(ms "$(field p999_us "$line")") | $(ms "$(field max_us "$line")") | $([ "$met" = "—" ] && echo "—" || echo "p99 < 5 ms") | $met |"
}

if [ $QUICK -eq 1 ]; then
  RESULTS=$ROOT/bench/target/feature-lookup-$(date -u +%F)-quick.md
else
  mkdir -p bench/results
  RESULTS=$ROOT/bench/results/feature-lookup-$(date -u +%F).md
fi
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- . ':(exclude)bench/results' 2>/dev/null || COMMIT="$COMMIT (with uncommitted changes)"
{
  echo "# Online-store lookup latency, $(date -u '+%Y-%m-%d %H:%M UTC')$([ $QUICK -eq 1 ] && echo ' (quick smoke run)')"
  echo
  echo "\`bench/feature/lookup.sh$([ $QUICK -eq 1 ] && echo ' --quick')\` at commit $COMMIT. Two feature-service instances on one broker"
  echo "(topics of $PARTITIONS partitions), $ENTITIES customers and $ENTITIES terminals with 2 payments each; every lookup sent"
  echo "to instance A over loopback by $THREADS client threads (JDK HttpClient, HTTP/1.1 keep-alive), each pausing"
  echo "$PAUSE_MS ms after every answer, the four kinds in turn; ${SECONDS_MEASURED} s measured after ${WARMUP_SECONDS} s of warm-up."
  echo "Latency is send to last byte at the client."
  echo
  echo "| lookup | rate | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | target | met? |"
  echo "|---|---|---|---|---|---|---|---|---|"
  row local "local: an entity A owns, from A's store"
  row routed "routed: an entity B owns, A forwards to B"
  row merged "merged: customer + terminal vector, each part local or routed"
  row baseline "baseline: GET /v1/pipelines (a plain blocking JSON endpoint: worker thread, no store, no routing)"
  echo
  echo "Machine: $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)),"
  echo "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(java -version 2>&1 | head -n 1)."
  echo "Shared with other work while it ran (broker, both services and the client on the same cores); load before and after:"
  echo
  echo "    before: $LOAD_BEFORE"
  echo "    after:  $LOAD_AFTER"
  echo
  echo "Raw result lines:"
  echo
  echo "    $PRELOAD_LINE"
  echo "    $AWAIT_LINE"
  sed 's/^/    /' "$LOGS/measure.log"
} >"$RESULTS"
log "results in ${RESULTS#$ROOT/}; logs in ${LOGS#$ROOT/}"
cat "$RESULTS"
