#!/usr/bin/env bash
# Runs the single-node Kafka broker in the foreground until Ctrl-C, for the local platform.
#   kafka-local/broker.sh [--port 9092] [--controller-port 9093] [--dir DIR] [--parent-pid PID]
#                         [--sasl-port 9094 --sasl-config FILE]   (a SCRAM-SHA-512 listener; README, "A SASL listener")
# DIR defaults to kafka-local/target/kafka-data (kept across runs, removed by `mvn clean`).
# KAFKA_LOCAL_JVM_FLAGS replaces the default JVM flags. Needs `./mvnw -pl kafka-local install` first.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
classpath_file="$here/target/broker.classpath"
if [[ ! -f "$classpath_file" || ! -d "$here/target/classes" ]]; then
  echo "kafka-local is not built: run ./mvnw -B -pl kafka-local install from the repository root" >&2
  exit 1
fi

args=("$@")
if [[ " $* " != *" --dir "* ]]; then
  args+=(--dir "$here/target/kafka-data")
fi

# shellcheck disable=SC2086 # the flags are meant to split into words
exec java ${KAFKA_LOCAL_JVM_FLAGS:--Xmx1g -XX:+ExitOnOutOfMemoryError} \
  -cp "$(cat "$classpath_file"):$here/target/classes" \
  dev.flywheel.kafka.local.BrokerMain "${args[@]}"
