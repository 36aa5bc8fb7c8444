#!/usr/bin/env bash
# Inference benchmarks: single-row predictions of the card-fraud MLP and of gradient-boosted trees (xgboost) over
# HTTP, as ratios against the same server's empty endpoint measured in the same run; latency at a fixed 2,000
# requests/s; and three hot swaps under load.
#
# usage: bench/inference/run.sh [--quick]
#   --quick   every step short (a smoke run); the table goes to bench/target/inference-quick.md instead of
#             bench/results/inference.md.
#
# What it does, in order, on a fresh single-node broker (kafka-local's BrokerMain on free loopback ports, data
# in bench/target/inference-run-<time>/, deleted on exit; the logs stay):
#   0. builds bench, kafka-local and inference-service when a source or pom is newer than the last build;
#      installs wrk with apt when it is missing (needs root);
#   1. trains an MLP (hidden 32-16, model-core, synthetic rows) once and writes it as registry versions 1-4 of
#      card-fraud, and xgboost trees (100 trees of depth 6, the family's defaults) as version 5; writes 1,000
#      single-row predict bodies (15 features, ~400 bytes); starts inference-service (OMP_WAIT_POLICY=passive) on
#      that registry and promotes version 1 on flywheel.models;
#   a. after a JIT warm-up (BENCH_JIT_WARMUP_SECONDS [40] of predicts, not counted), at concurrency 1, 8 and 64:
#      wrk GETs /v1/ping (the ceiling: same server, same HTTP stack, no work), then
#      POSTs single rows to /v1/pipelines/card-fraud/predict (each after a warm-up run)
#                                                   → req/s, p50/p99, predict ÷ ping, the service's CPU per request;
#   b. a fixed 2,000 req/s of single-row predicts for 30 s from 32 keep-alive connections (InferenceBench paced:
#      latency counted from each request's scheduled time, so stalls are not hidden)        → p50/p99/p99.9;
#   c. wrk (8 connections) predicting for 20 s while versions 2, 3 and 4 are promoted 4 s apart
#                                                   → answers that were not 200 (must be 0), swaps counted;
#   d. the service's own time per single prediction (flywheel_inference_latency, mode=single) from /q/metrics;
#   f. promotes version 5 (the trees) and repeats a. and b. with it;
#   e. with the service stopped: each model's own time per row scored alone and in calls of 8 and 64 rows (what
#      micro-batching concurrent single-row requests could save at most).
# It writes the table (the machine, its load before and after) and prints it. Whatever it started is stopped
# on exit, failure and Ctrl-C included.
#
# Environment knobs (defaults in brackets): BENCH_STEP_SECONDS [15], BENCH_PACED_SECONDS [30],
# BENCH_PACED_RATE [2000], BENCH_SWAP_SECONDS [20], BENCH_JIT_WARMUP_SECONDS [40]; --quick shortens them.
# BENCH_SERVICE_JAVA_OPTS [none] goes to the service's JVM.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

QUICK=0
case "${1:-}" in
  --quick) QUICK=1 ;;
  "") ;;
  *) echo "usage: bench/inference/run.sh [--quick]" >&2; exit 2 ;;
esac

PIPELINE=card-fraud
CONCURRENCIES=(1 8 64)
PACED_CONNECTIONS=32
SWAP_CONNECTIONS=8
if [ $QUICK -eq 1 ]; then
  STEP_SECONDS=${BENCH_STEP_SECONDS:-4}
  WARMUP_SECONDS=2
  JIT_WARMUP_SECONDS=5
  PACED_SECONDS=${BENCH_PACED_SECONDS:-8}
  PACED_WARMUP=2
  SWAP_SECONDS=${BENCH_SWAP_SECONDS:-16}
else
  STEP_SECONDS=${BENCH_STEP_SECONDS:-15}
  WARMUP_SECONDS=5
  # A fresh JVM on a busy machine compiles the predict path (DJL, xgboost, Jackson, Kafka) slowly: the first
  # cells were measuring the interpreter.
  JIT_WARMUP_SECONDS=${BENCH_JIT_WARMUP_SECONDS:-40}
  PACED_SECONDS=${BENCH_PACED_SECONDS:-30}
  PACED_WARMUP=5
  SWAP_SECONDS=${BENCH_SWAP_SECONDS:-20}
fi
PACED_RATE=${BENCH_PACED_RATE:-2000}

STARTED_AT=$(date -u +%Y%m%dT%H%M%SZ)
RUN=$ROOT/bench/target/inference-run-$STARTED_AT
LOGS=$RUN/logs
mkdir -p "$LOGS"
BENCH_NAME=inference
# shellcheck source=../lib.sh
source "$ROOT/bench/lib.sh"

# --- build and tools --------------------------------------------------------------------------------

STAMP=$ROOT/bench/target/inference-build.stamp
built() {
  [ -f "$STAMP" ] && [ -f bench/target/bench.classpath ] && [ -f kafka-local/target/broker.classpath ] \
    && [ -f inference-service/target/quarkus-app/quarkus-run.jar ] || return 1
  [ -z "$(find pom.xml contracts kafka-local service-runtime model-core inference-service bench pipelines \
    -path '*/target' -prune -o \( -name pom.xml -o -path '*/src/main/*' -o -name '*.yaml' \) -newer "$STAMP" -print -quit)" ]
}
if ! built; then
  log "building bench, kafka-local and inference-service (tests skipped)"
  ./mvnw -B -q package -DskipTests -pl bench,kafka-local,inference-service -am
  touch "$STAMP"
fi
ensure_wrk
BENCH_CP="$ROOT/bench/target/classes:$(cat bench/target/bench.classpath)"
bench_java() {
  OMP_WAIT_POLICY=passive java -Xmx1g -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    -cp "$BENCH_CP" dev.flywheel.bench.inference.InferenceBench "$@"
}

# --- processes ----------------------------------------------------------------------------------------

BROKER_PID=""
SERVICE_PID=""
WRK_PID=""
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_pid "$WRK_PID"
  stop_pid "$SERVICE_PID"
  stop_pid "$BROKER_PID"
  rm -rf "$RUN/kafka"
  [ $status -eq 0 ] || log "stopped after a failure; logs in $LOGS"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

LOAD_BEFORE=$(uptime)
log "load at start: $LOAD_BEFORE"

start_broker
HTTP_PORT=$(free_port)
BASE=http://127.0.0.1:$HTTP_PORT
REGISTRY=$RUN/registry

log "1. training the MLP and writing versions 1-4 to $REGISTRY; writing the request bodies"
MODELS_LINE=$(bench_java models --spec pipelines/$PIPELINE.yaml --registry "$REGISTRY" --versions 4)
BODIES_LINE=$(bench_java bodies --spec pipelines/$PIPELINE.yaml --out "$RUN/bodies.jsonl" --lines 1000)
log "1. $MODELS_LINE; $BODIES_LINE"
await_broker

log "starting inference-service on :$HTTP_PORT"
# shellcheck disable=SC2086 # BENCH_SERVICE_JAVA_OPTS holds several options
OMP_WAIT_POLICY=passive java -Xmx512m ${BENCH_SERVICE_JAVA_OPTS:-} -Dquarkus.http.port="$HTTP_PORT" -Dflywheel.security.enabled=false \
  -Dkafka.bootstrap.servers="$BOOTSTRAP" -Dflywheel.pipelines-dir="$ROOT/pipelines" \
  -Dflywheel.registry-dir="$REGISTRY" -Dflywheel.parent-pid=$$ \
  -jar inference-service/target/quarkus-app/quarkus-run.jar >"$LOGS/inference-service.log" 2>&1 &
SERVICE_PID=$!
await inference-service 120 "$SERVICE_PID" http_ready "$HTTP_PORT"

serving_version() { curl -fsS "$BASE/v1/pipelines/$PIPELINE/model" 2>/dev/null | sed -n 's/.*"modelVersion":"\([^"]*\)".*/\1/p'; }
serves() { [ "$(serving_version)" = "$1" ]; }
bench_java promote --bootstrap "$BOOTSTRAP" --registry "$REGISTRY" --pipeline $PIPELINE --version 1 >>"$LOGS/bench.log"
await inference-service 60 "$SERVICE_PID" serves 1
log "version 1 serves"
metric() { # NAME{tags}: its value on /q/metrics (0 when absent)
  local page
  page=$(curl -fsS "$BASE/q/metrics") || fail "GET /q/metrics"
  awk -v name="$1" 'index($0, name) == 1 {value = $2} END {print value == "" ? 0 : value}' <<<"$page"
}

# --- a. throughput and latency against the ceiling -------------------------------------------------------

run_wrk() { # NAME CONNECTIONS SECONDS URL [BODIES]: prints the wrk-result line
  local name=$1 connections=$2 seconds=$3 url=$4 threads=2
  shift 4
  [ "$connections" -lt 2 ] && threads=1
  wrk -t$threads -c"$connections" -d"${seconds}s" --timeout 10s --latency -s bench/inference/load.lua "$url" -- "$@" \
    >"$LOGS/$name.log" 2>&1 || { cat "$LOGS/$name.log" >&2; fail "wrk ($name)"; }
  grep '^wrk-result' "$LOGS/$name.log"
}
rps() { awk -v n="$(field requests "$1")" -v us="$(field duration_us "$1")" 'BEGIN {printf "%.0f", n * 1e6 / us}'; }

ROWS=()
RATIOS=()
PREDICT_URL=$BASE/v1/pipelines/$PIPELINE/predict
# The service's CPU time (user + system, from /proc) per request answered since TICKS: unlike req/s, it hardly
# depends on how much of the machine other work leaves the service.
cpu_per_request() { # TICKS WRK-RESULT-LINE
  awk -v t0="$1" -v t1="$(cpu_ticks "$SERVICE_PID")" -v hz="$(getconf CLK_TCK)" -v n="$(field requests "$2")" \
    'BEGIN {printf "%.0f", (t1 - t0) * 1e6 / hz / n}'
}
ceiling_cells() { # MODEL: a. for the model serving now
  local model=$1 C PING PREDICT PING_RPS PREDICT_RPS RATIO NOT_OK
  for C in "${CONCURRENCIES[@]}"; do
    log "a. $model, concurrency $C: warm-up, then ${STEP_SECONDS}s of GET /v1/ping and ${STEP_SECONDS}s of POST /predict"
    run_wrk "warmup-$model-$C" "$C" "$WARMUP_SECONDS" "$PREDICT_URL" "$RUN/bodies.jsonl" >/dev/null
    run_wrk "warmup-ping-$model-$C" "$C" "$WARMUP_SECONDS" "$BASE/v1/ping" >/dev/null
    TICKS=$(cpu_ticks "$SERVICE_PID")
    PING=$(run_wrk "ping-$model-$C" "$C" "$STEP_SECONDS" "$BASE/v1/ping")
    PING_CPU=$(cpu_per_request "$TICKS" "$PING")
    TICKS=$(cpu_ticks "$SERVICE_PID")
    PREDICT=$(run_wrk "predict-$model-$C" "$C" "$STEP_SECONDS" "$PREDICT_URL" "$RUN/bodies.jsonl")
    PREDICT_CPU=$(cpu_per_request "$TICKS" "$PREDICT")
    echo "ping $model c=$C $PING service_cpu_us_per_request=$PING_CPU" >>"$LOGS/results.log"
    echo "predict $model c=$C $PREDICT service_cpu_us_per_request=$PREDICT_CPU" >>"$LOGS/results.log"
    PING_RPS=$(rps "$PING")
    PREDICT_RPS=$(rps "$PREDICT")
    RATIO=$(ratio "$PREDICT_RPS" "$PING_RPS")
    RATIOS+=("$RATIO")
    NOT_OK=$(( $(field not_ok "$PREDICT") + $(field socket_errors "$PREDICT") ))
    log "a. $model c=$C: predict $PREDICT_RPS req/s (p50 $(ms "$(field p50_us "$PREDICT")") ms, p99 $(ms "$(field p99_us "$PREDICT")") ms), ping $PING_RPS req/s → $RATIO"
    ROWS+=("| $model | $C | $PREDICT_RPS | $(ms "$(field p50_us "$PREDICT")") / $(ms "$(field p99_us "$PREDICT")") | $PING_RPS | $(ms "$(field p50_us "$PING")") / $(ms "$(field p99_us "$PING")") | $RATIO | $PREDICT_CPU / $PING_CPU | $NOT_OK |")
  done
}
paced_run() { # MODEL: b. for the model serving now; prints the paced-result line
  local model=$1 line
  log "b. $model: ${PACED_RATE} req/s for ${PACED_SECONDS}s (+${PACED_WARMUP}s not counted) from $PACED_CONNECTIONS connections"
  line=$(bench_java paced --url "$PREDICT_URL" --bodies "$RUN/bodies.jsonl" --rate "$PACED_RATE" \
    --seconds "$PACED_SECONDS" --warmup-s "$PACED_WARMUP" --connections $PACED_CONNECTIONS)
  echo "$model $line" >>"$LOGS/results.log"
  log "b. $model $line"
  echo "$line"
}
log "a. JIT warm-up: ${JIT_WARMUP_SECONDS}s of POST /predict and of GET /v1/ping at 64 connections, not counted"
run_wrk jit-warmup 64 "$JIT_WARMUP_SECONDS" "$PREDICT_URL" "$RUN/bodies.jsonl" >/dev/null
run_wrk jit-warmup-ping 64 "$(( JIT_WARMUP_SECONDS / 4 + 1 ))" "$BASE/v1/ping" >/dev/null
ceiling_cells mlp

# --- b. fixed rate ------------------------------------------------------------------------------------

PACED=$(paced_run mlp)

# --- c. three swaps under load ------------------------------------------------------------------------

SWAPS_BEFORE=$(metric 'flywheel_inference_model_swaps_total{pipeline="card-fraud"}')
log "c. wrk for ${SWAP_SECONDS}s ($SWAP_CONNECTIONS connections) while versions 2, 3, 4 are promoted"
wrk -t2 -c$SWAP_CONNECTIONS -d"${SWAP_SECONDS}s" --timeout 10s --latency -s bench/inference/load.lua "$PREDICT_URL" -- \
  "$RUN/bodies.jsonl" >"$LOGS/swap.log" 2>&1 &
WRK_PID=$!
SWAP_GAP=$(( SWAP_SECONDS / 5 ))
for VERSION in 2 3 4; do
  sleep "$SWAP_GAP"
  bench_java promote --bootstrap "$BOOTSTRAP" --registry "$REGISTRY" --pipeline $PIPELINE --version $VERSION \
    --previous $((VERSION - 1)) >>"$LOGS/bench.log"
  await inference-service 30 "$SERVICE_PID" serves $VERSION
  log "c. version $VERSION serves"
done
wait "$WRK_PID" || { cat "$LOGS/swap.log" >&2; fail "wrk (swap)"; }
WRK_PID=""
SWAP=$(grep '^wrk-result' "$LOGS/swap.log")
echo "swap $SWAP" >>"$LOGS/results.log"
SWAPS_AFTER=$(metric 'flywheel_inference_model_swaps_total{pipeline="card-fraud"}')
SWAPS=$(awk -v a="$SWAPS_AFTER" -v b="$SWAPS_BEFORE" 'BEGIN {printf "%d", a - b}')
SWAP_NOT_OK=$(( $(field not_ok "$SWAP") + $(field socket_errors "$SWAP") ))
log "c. $SWAP; swaps $SWAPS; not 200: $SWAP_NOT_OK"

# --- d. the service's own time ------------------------------------------------------------------------

INSIDE_P50=$(metric 'flywheel_inference_latency_seconds{mode="single",pipeline="card-fraud",quantile="0.5"}')
INSIDE_P99=$(metric 'flywheel_inference_latency_seconds{mode="single",pipeline="card-fraud",quantile="0.99"}')

# --- f. the trees -------------------------------------------------------------------------------------

GBT_VERSION=$(field gbt_version "$MODELS_LINE")
bench_java promote --bootstrap "$BOOTSTRAP" --registry "$REGISTRY" --pipeline $PIPELINE --version "$GBT_VERSION" \
  --previous 4 >>"$LOGS/bench.log"
await inference-service 60 "$SERVICE_PID" serves "$GBT_VERSION"
log "f. version $GBT_VERSION (xgboost) serves"
ceiling_cells gbt
PACED_GBT=$(paced_run gbt)

# --- e. what micro-batching could save ------------------------------------------------------------------

stop_pid "$SERVICE_PID"
SERVICE_PID=""
SCORING=$(bench_java scoring --registry "$REGISTRY" --pipeline $PIPELINE --version 1)
echo "mlp $SCORING" >>"$LOGS/results.log"
SCORING_GBT=$(bench_java scoring --registry "$REGISTRY" --pipeline $PIPELINE --version "$GBT_VERSION")
echo "gbt $SCORING_GBT" >>"$LOGS/results.log"
log "e. mlp $SCORING; gbt $SCORING_GBT"
LOAD_AFTER=$(uptime)

# --- results ------------------------------------------------------------------------------------------

yes_if() { awk "BEGIN {print ($1) ? \"yes\" : \"no\"}"; }
us_of() { awk -v s="$1" 'BEGIN {printf "%.0f", s * 1e6}'; }
paced_met() { yes_if "$(ms "$(field p99_us "$1")") < 5 && $(field not_ok "$1") == 0 && $(field errors "$1") == 0"; }
paced_cell() { echo "achieved $(field achieved "$1") req/s ($(field not_ok "$1") not 200, $(field errors "$1") broken connections); p50 $(ms "$(field p50_us "$1")") ms, p90 $(ms "$(field p90_us "$1")") ms, p99 $(ms "$(field p99_us "$1")") ms, p99.9 $(ms "$(field p999_us "$1")") ms, max $(ms "$(field max_us "$1")") ms"; }
# RATIOS holds the MLP's three cells, then the trees' three.
BEST_RATIO=$(printf '%s\n' "${RATIOS[@]:0:3}" | sort -g | tail -n 1)
BEST_RATIO_GBT=$(printf '%s\n' "${RATIOS[@]:3:3}" | sort -g | tail -n 1)
RATIO_MET=$(yes_if "$BEST_RATIO >= 0.6")
RATIO_MET_GBT=$(yes_if "$BEST_RATIO_GBT >= 0.6")
SWAP_MET=$(yes_if "$SWAP_NOT_OK == 0 && $SWAPS == 3")

if [ $QUICK -eq 1 ]; then
  RESULTS=$ROOT/bench/target/inference-quick.md
else
  mkdir -p bench/results
  RESULTS=$ROOT/bench/results/inference.md
fi
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- . ':(exclude)bench/results' 2>/dev/null || COMMIT="$COMMIT (with uncommitted changes)"
{
  echo "# Inference benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC')$([ $QUICK -eq 1 ] && echo ' (quick smoke run)')"
  echo
  echo "\`bench/inference/run.sh$([ $QUICK -eq 1 ] && echo ' --quick')\` at commit $COMMIT. One inference-service"
  echo "(\`quarkus-run.jar\`, \`-Xmx512m\`, \`OMP_WAIT_POLICY=passive\`) serving card-fraud with an MLP (hidden 32-16,"
  echo "15 features, DJL PyTorch via model-core), then with xgboost trees (gbt: 100 trees of depth 6; $MODELS_LINE);"
  echo "single-row \`POST /v1/pipelines/card-fraud/predict\`"
  echo "bodies of $(field mean-bytes "$BODIES_LINE") bytes, each prediction also logged to Kafka. wrk, the service and the broker share the machine."
  echo
  echo "**a. Throughput and latency against the ceiling** (wrk, ${STEP_SECONDS} s per cell after a ${WARMUP_SECONDS} s warm-up, all after ${JIT_WARMUP_SECONDS} s of JIT warm-up; ceiling:"
  echo "\`GET /v1/ping\` of the same server in the same run; target: predict ≥ 0.6 of the ceiling)"
  echo
  echo "| model | connections | predict req/s | predict p50 / p99 ms | ping req/s | ping p50 / p99 ms | predict ÷ ping | service CPU µs per request, predict / ping | predict not 200 |"
  echo "|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "| what | value | target | met? |"
  echo "|---|---|---|---|"
  echo "| a. best predict ÷ ping over the three concurrencies, MLP | $BEST_RATIO | ≥ 0.6 | $RATIO_MET |"
  echo "| a. best predict ÷ ping over the three concurrencies, gbt | $BEST_RATIO_GBT | ≥ 0.6 | $RATIO_MET_GBT |"
  echo "| b. fixed rate, MLP: $(field rate "$PACED") req/s offered for ${PACED_SECONDS} s, $PACED_CONNECTIONS connections; latency from the scheduled send time | $(paced_cell "$PACED") | p99 < 5 ms | $(paced_met "$PACED") |"
  echo "| b. fixed rate, gbt: the same | $(paced_cell "$PACED_GBT") | p99 < 5 ms | $(paced_met "$PACED_GBT") |"
  echo "| c. hot swap under load: wrk, $SWAP_CONNECTIONS connections, ${SWAP_SECONDS} s, versions 2, 3, 4 promoted ${SWAP_GAP} s apart | $(field requests "$SWAP") requests, $SWAP_NOT_OK not 200; $SWAPS swaps; p99 $(ms "$(field p99_us "$SWAP")") ms, max $(ms "$(field max_us "$SWAP")") ms | 0 not 200, 3 swaps | $SWAP_MET |"
  echo "| d. inside the service per single prediction (\`flywheel_inference_latency\`, mode=single, MLP part of the run) | p50 $(us_of "$INSIDE_P50") µs, p99 $(us_of "$INSIDE_P99") µs | — | — |"
  echo "| e. the MLP alone, per row (\`InferenceBench scoring\`, medians): one row per call / 8 per call / 64 per call | $(field single_us "$SCORING") µs / $(field batch8_us_per_row "$SCORING") µs / $(field batch64_us_per_row "$SCORING") µs | — | — |"
  echo "| e. the trees alone, the same | $(field single_us "$SCORING_GBT") µs / $(field batch8_us_per_row "$SCORING_GBT") µs / $(field batch64_us_per_row "$SCORING_GBT") µs | — | — |"
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
  sed 's/^/    /' "$LOGS/results.log"
} >"$RESULTS"
log "results in ${RESULTS#$ROOT/}; logs in ${LOGS#$ROOT/}"
cat "$RESULTS"
