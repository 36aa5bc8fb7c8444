#!/usr/bin/env bash
# Profiling throughput: 10 M generated rows x 30 columns through the EDA profiler in one pass, in a JVM capped
# at 512 MB of heap (the profile must fit in bounded memory, whatever the rows). Prints rows/s and the peak heap.
# Usage: bench/eda/run.sh [rows]     (from the repository root; default 10000000)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-10000000}
./mvnw -B -q -o verify -pl training-service -Dtest=ProfileBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false \
  -DskipITs -Dbench=true -Dbench.rows="$ROWS" -DargLine="-Xmx512m" 2>&1 | grep -E "EDA profile|FAIL|ERROR\]" || true
