# Shell helpers the bench scripts share; sourced by bench/*/*.sh after they cd to the repository root.
# BENCH_NAME (default "bench") prefixes log lines.

log() { printf '%s %s: %s\n' "$(date +%H:%M:%S)" "${BENCH_NAME:-bench}" "$*" >&2; }
fail() { log "FAILED: $*"; exit 1; }
stop_pid() {
  local pid=$1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 40); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
}
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    port_open "$port" || { echo "$port"; return; }
  done
}
http_ready() { curl -fsS -o /dev/null "http://127.0.0.1:$1/q/health/ready" 2>/dev/null; }
# await WHAT SECONDS PID CHECK...: polls CHECK each second; fails early when PID has died.
await() {
  local what=$1 seconds=$2 pid=$3; shift 3
  for _ in $(seq "$seconds"); do
    "$@" && return 0
    kill -0 "$pid" 2>/dev/null || { tail -n 20 "$LOGS/$what.log" >&2; fail "$what stopped while starting"; }
    sleep 1
  done
  fail "$what did not come up within ${seconds}s; see $LOGS/$what.log"
}
# cpu_ticks PID: user + system CPU time of a process so far, in clock ticks (fields 14 and 15 of stat).
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# field KEY LINE: the value of KEY=value in a result line.
field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }
ms() { awk -v us="$1" 'BEGIN {printf "%.2f", us / 1000}'; }
# Two decimals; three when the ratio is below 0.1, so a small one does not print as 0.00.
ratio() { awk -v v="$1" -v c="$2" 'BEGIN {r = v / c; printf (r < 0.1 ? "%.3f" : "%.2f"), r}'; }
TICKS_PER_S=$(getconf CLK_TCK)
# ceiling_run NAME PAYLOAD_FILE: one ProducerPerformance run of CEILING_RECORDS records from PAYLOAD_FILE to
# CEILING_TOPIC with CEILING_PROPS; prints its records/s, logs its summary line to $LOGS.
ceiling_run() {
  local name=$1 payload=$2 line rate
  log "a. ceiling ($name): ProducerPerformance, $CEILING_RECORDS records, ${CEILING_PROPS[*]:1}"
  java -Xmx512m -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$BENCH_CP" org.apache.kafka.tools.ProducerPerformance \
    --topic $CEILING_TOPIC --num-records "$CEILING_RECORDS" --throughput -1 --payload-file "$payload" \
    --producer-props "${CEILING_PROPS[@]}" >"$LOGS/ceiling-$name.log" 2>&1 \
    || { cat "$LOGS/ceiling-$name.log" >&2; fail "ProducerPerformance ($name)"; }
  line=$(grep 'records sent' "$LOGS/ceiling-$name.log" | tail -n 1)
  rate=$(awk '{printf "%.0f", $4}' <<<"$line")
  [ -n "$rate" ] && [ "$rate" -gt 0 ] || fail "no rate in $LOGS/ceiling-$name.log"
  log "a. ceiling ($name): $rate records/s ($line)"
  echo "$line" >>"$LOGS/ceiling-lines.log"
  echo "$rate"
}

# start_broker: a fresh single-node broker (kafka-local's BrokerMain) on two free loopback ports, data in
# $RUN/kafka, log in $LOGS/kafka.log, ended with this script (--parent-pid). Sets KAFKA_PORT, CONTROLLER_PORT,
# BOOTSTRAP and BROKER_PID; await_broker waits until it serves.
start_broker() {
  KAFKA_PORT=$(free_port)
  CONTROLLER_PORT=$(free_port)
  while [ "$CONTROLLER_PORT" = "$KAFKA_PORT" ]; do CONTROLLER_PORT=$(free_port); done
  BOOTSTRAP=127.0.0.1:$KAFKA_PORT
  log "starting a fresh broker on $BOOTSTRAP (data in $RUN/kafka)"
  java -Xmx512m -cp "$(cat kafka-local/target/broker.classpath):kafka-local/target/classes" \
    dev.flywheel.kafka.local.BrokerMain --port "$KAFKA_PORT" --controller-port "$CONTROLLER_PORT" \
    --dir "$RUN/kafka" --parent-pid $$ >"$LOGS/kafka.log" 2>&1 &
  BROKER_PID=$!
}
await_broker() {
  await kafka 90 "$BROKER_PID" grep -qs "Kafka Server started\|bootstrap=127.0.0.1:$KAFKA_PORT" "$LOGS/kafka.log"
}

# ensure_wrk: installs Debian's wrk when it is missing (needs root).
ensure_wrk() {
  command -v wrk >/dev/null && return 0
  [ "$(id -u)" = 0 ] || fail "wrk is missing and only root can install it: apt-get install wrk"
  log "installing wrk"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1 \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
}
