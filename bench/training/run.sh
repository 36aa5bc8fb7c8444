#!/usr/bin/env bash
# Training benchmarks (issue #7): wall time of Flywheel training each model family on 1 M rows × 15 features
# against the same family in scikit-learn on the same rows and machine, and the quality of the tuned models on
# the demo data next to the Fraud Detection Handbook's published baseline table.
#
# usage: bench/training/run.sh [--quick]
#   --quick   100 k rows and a smaller grid (a smoke run, a few minutes); the table goes to
#             bench/target/training-<date>-quick.md instead of bench/results/.
#
# What it does, in order (no broker, no service: model-core's training path in a plain JVM):
#   0. builds bench (with model-core and simulator) when a source or pom is newer than the last build; makes a
#      Python venv under bench/target/train-venv from the machine's local wheels (scikit-learn; no index);
#   1. table: the simulator's Handbook dataset (SimulationConfig.standard(): 5,000 cards, 10,000 terminals,
#      seed 0, from 2018-04-01), its first 136 days (~1.3 M payments) with pipelines/card-fraud.yaml's 15
#      features, written once as little-endian float64 rows (bench/target/training-data/, reused while the
#      pipeline and the bench's sources are unchanged); both sides read this file;
#   2. fit: per family (logistic_regression, xgboost, mlp), Flywheel (ModelFamilies.training(...).train, a
#      fresh JVM) then scikit-learn (LogisticRegression, HistGradientBoostingClassifier, MLPClassifier, a fresh
#      Python) on the table's first BENCH_TRAIN_ROWS rows; only the fit is timed; each run BENCH_TRAIN_REPEATS
#      times alternating, the fastest counts                       → seconds each, ratio Flywheel ÷ sklearn;
#   3. quality: per family, the handbook's protocol (train 2018-07-25..31, 7-day delay, test 2018-08-08..14
#      with known compromised cards removed), params chosen by average precision on the week before
#                                                                  → AUC ROC, AP, card precision@100.
# It writes bench/results/training-<UTC date>.md (the tables, the machine, its load before, during and after)
# and prints it.
#
# Environment knobs (defaults in brackets): BENCH_TRAIN_ROWS [1000000; --quick 100000], BENCH_TRAIN_THREADS [1]
# (xgboost nthread, PyTorch intra-op threads, OpenMP/BLAS threads of scikit-learn), BENCH_TRAIN_REPEATS [1],
# BENCH_TRAIN_FAMILIES [logistic_regression xgboost mlp], BENCH_TRAIN_SKIP_QUALITY [0],
# BENCH_WHEELS ["/opt/pypi/files /opt/pypi-more/files": folders of .whl files].
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BENCH_NAME=training

QUICK=0
case "${1:-}" in
  --quick) QUICK=1 ;;
  "") ;;
  *) echo "usage: bench/training/run.sh [--quick]" >&2; exit 2 ;;
esac

if [ $QUICK -eq 1 ]; then
  ROWS=${BENCH_TRAIN_ROWS:-100000}
else
  ROWS=${BENCH_TRAIN_ROWS:-1000000}
fi
THREADS=${BENCH_TRAIN_THREADS:-1}
REPEATS=${BENCH_TRAIN_REPEATS:-1}
FAMILIES=${BENCH_TRAIN_FAMILIES:-logistic_regression xgboost mlp}
WHEELS=${BENCH_WHEELS:-/opt/pypi/files /opt/pypi-more/files}
TABLE_DAYS=136   # the quality protocol's last test day is 135

STARTED_AT=$(date -u +%Y%m%dT%H%M%SZ)
RUN=$ROOT/bench/target/training-run-$STARTED_AT
LOGS=$RUN/logs
mkdir -p "$LOGS"

# shellcheck source=../lib.sh
source "$ROOT/bench/lib.sh"

# --- build and tools --------------------------------------------------------------------------------

STAMP=$ROOT/bench/target/training-build.stamp
built() {
  [ -f "$STAMP" ] && [ -f bench/target/bench.classpath ] || return 1
  [ -z "$(find pom.xml contracts model-core simulator bench -path '*/target' -prune -o \
    \( -name pom.xml -o -path '*/src/main/*' \) -newer "$STAMP" -print -quit)" ]
}
if ! built; then
  log "building bench with model-core and simulator (tests skipped)"
  ./mvnw -B -q package -DskipTests -pl bench -am
  touch "$STAMP"
fi
BENCH_CP="$ROOT/bench/target/classes:$(cat bench/target/bench.classpath)"
# OpenMP spin-waiting made PyTorch and xgboost many times slower on a busy 2-core machine (RUNTIME-NOTES).
export OMP_WAIT_POLICY=passive
bench_java() {
  java -Xmx6g -Dorg.slf4j.simpleLogger.defaultLogLevel=error -cp "$BENCH_CP" dev.flywheel.bench.training.TrainingBench "$@"
}

VENV=$ROOT/bench/target/train-venv
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sklearn, threadpoolctl' 2>/dev/null; then
  log "making $VENV from the local wheels in $WHEELS (no index)"
  python3 -m venv "$VENV"
  LINKS=()
  for dir in $WHEELS; do LINKS+=(--find-links "$dir"); done
  "$VENV/bin/pip" install -q --no-index "${LINKS[@]}" 'scikit-learn==1.9.1' threadpoolctl
fi
SKLEARN_VERSION=$("$VENV/bin/python" -c 'import sklearn, numpy; print(f"scikit-learn {sklearn.__version__}, numpy {numpy.__version__}")')

LOAD_BEFORE=$(uptime)
log "load at start: $LOAD_BEFORE"

# --- 1. table ---------------------------------------------------------------------------------------

TABLE=$ROOT/bench/target/training-data
TABLE_STAMP=$TABLE/table.json
if [ ! -f "$TABLE_STAMP" ] || [ -n "$(find pipelines/card-fraud.yaml simulator/src/main bench/src/main/java/dev/flywheel/bench/training/{SpecFeatures,HandbookTable,FeatureTable}.java \
    -newer "$TABLE_STAMP" -print -quit)" ]; then
  log "1. writing the feature table ($TABLE_DAYS days of the Handbook dataset) to ${TABLE#$ROOT/}"
  TABLE_LINE=$(bench_java table --pipeline pipelines/card-fraud.yaml --dir "$TABLE" --days $TABLE_DAYS)
  echo "$TABLE_LINE" >"$TABLE/table.line"
else
  TABLE_LINE=$(cat "$TABLE/table.line")
fi
log "1. $TABLE_LINE"

# --- 2. fit wall time, Flywheel against scikit-learn --------------------------------------------------

LOADS=()
declare -A BEST
best_of() { # best_of KEY LINE: keeps the faster of the lines seen for KEY
  local key=$1 line=$2 seconds
  seconds=$(field seconds "$line")
  if [ -z "${BEST[$key]:-}" ] || awk -v a="$seconds" -v b="$(field seconds "${BEST[$key]}")" 'BEGIN {exit !(a < b)}'; then
    BEST[$key]=$line
  fi
}
for round in $(seq "$REPEATS"); do
  for family in $FAMILIES; do
    log "2. round $round: $family, Flywheel, $ROWS rows, $THREADS thread(s)"
    LINE=$(bench_java fit --dir "$TABLE" --family "$family" --rows "$ROWS" --threads "$THREADS" 2>>"$LOGS/fit.log")
    echo "$LINE" | tee -a "$LOGS/fit-lines.log" >&2
    best_of "flywheel-$family" "$LINE"
    log "2. round $round: $family, scikit-learn"
    LINE=$("$VENV/bin/python" bench/training/sklearn_fit.py --dir "$TABLE" --family "$family" --rows "$ROWS" \
      --threads "$THREADS" 2>>"$LOGS/fit.log")
    echo "$LINE" | tee -a "$LOGS/fit-lines.log" >&2
    best_of "sklearn-$family" "$LINE"
    LOADS+=("$family (round $round): $(uptime | sed 's/.*load average: //')")
  done
done

# --- 3. quality on the handbook's protocol --------------------------------------------------------------

QUALITY_LINES=$LOGS/quality-lines.log
: >"$QUALITY_LINES"
if [ "${BENCH_TRAIN_SKIP_QUALITY:-0}" != 1 ]; then
  log "3. tuning and testing each family on the handbook's protocol"
  bench_java quality --dir "$TABLE" --threads "$THREADS" --quick $QUICK 2>>"$LOGS/quality.log" \
    | tee "$QUALITY_LINES" >&2
fi
LOAD_AFTER=$(uptime)

# --- results ------------------------------------------------------------------------------------------

if [ $QUICK -eq 1 ]; then
  RESULTS=$ROOT/bench/target/training-$(date -u +%F)-quick.md
else
  mkdir -p bench/results
  RESULTS=$ROOT/bench/results/training-$(date -u +%F).md
fi
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- . ':(exclude)bench/results' ':(exclude)*.md' 2>/dev/null || COMMIT="$COMMIT (with uncommitted changes)"
quality_field() { field "$2" "$(grep "family=$1 " "$QUALITY_LINES")"; }
split_field() { field "$2" "$(grep "name=$1 " "$QUALITY_LINES")"; }
{
  echo "# Training benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC')$([ $QUICK -eq 1 ] && echo ' (quick smoke run)')"
  echo
  echo "\`bench/training/run.sh$([ $QUICK -eq 1 ] && echo ' --quick')\` at commit $COMMIT."
  echo
  echo "## Fit wall time, $ROWS rows × 15 features, $THREADS thread(s) each"
  echo
  echo "The first $ROWS rows of the feature table (the Handbook dataset's payments with the card-fraud pipeline's"
  echo "15 features; $(field fraud_rate "$TABLE_LINE") frauds), the same float64 file for both sides. Only the fit is"
  echo "timed; fastest of $REPEATS run(s) each; CPU = the process's CPU time during the fit (all threads)."
  echo
  echo "| family | Flywheel (model-core) | wall s | CPU s | scikit-learn $(sed 's/scikit-learn //; s/,.*//' <<<"$SKLEARN_VERSION") | wall s | CPU s | ratio Flywheel ÷ sklearn, wall (CPU) |"
  echo "|---|---|---|---|---|---|---|---|"
  for family in $FAMILIES; do
    F=${BEST[flywheel-$family]}
    S=${BEST[sklearn-$family]}
    echo "| $family | $(field params "$F") | $(field seconds "$F") | $(field cpu_seconds "$F") | $(field estimator "$S") (iterations $(field iterations "$S")) | $(field seconds "$S") | $(field cpu_seconds "$S") | $(ratio "$(field seconds "$F")" "$(field seconds "$S")") ($(ratio "$(field cpu_seconds "$F")" "$(field cpu_seconds "$S")")) |"
  done
  echo
  if [ -s "$QUALITY_LINES" ]; then
    echo "## Quality on the handbook's protocol, next to its baseline table"
    echo
    echo "Test week 2018-08-08..14 after training on 2018-07-25..31, known compromised cards removed: here"
    echo "$(split_field test train_rows) training rows ($(split_field test train_frauds) frauds), $(split_field test test_rows) test rows ($(split_field test test_frauds) frauds);"
    echo "the handbook reports 67,240 (598) and 58,264 (385). Params chosen by average precision on the week before"
    echo "(training from 2018-07-11; $(split_field validation test_rows) rows, $(split_field validation test_frauds) frauds), one fold."
    echo "CP@100 is the handbook's final version (cards found on earlier days removed); without removal in brackets."
    echo
    echo "| model | AUC ROC | Average precision | Card Precision@100 | params (grid size) |"
    echo "|---|---|---|---|---|"
    for family in $FAMILIES; do
      echo "| Flywheel $family, tuned | $(quality_field "$family" test_auc) | $(quality_field "$family" test_ap) | $(quality_field "$family" test_cp100) ($(quality_field "$family" test_cp100_no_removal)) | $(quality_field "$family" chosen) ($(quality_field "$family" trials)) |"
      echo "| Flywheel $family, default params | $(quality_field "$family" default_auc) | $(quality_field "$family" default_ap) | $(quality_field "$family" default_cp100) | — |"
    done
    echo "| *Handbook: logistic regression* | *0.871* | *0.606* | *0.291* | *sklearn defaults* |"
    echo "| *Handbook: decision tree, depth 2* | *0.763* | *0.496* | *0.241* | |"
    echo "| *Handbook: decision tree, unlimited* | *0.788* | *0.309* | *0.243* | |"
    echo "| *Handbook: random forest* | *0.867* | *0.658* | *0.287* | |"
    echo "| *Handbook: XGBoost* | *0.862* | *0.639* | *0.273* | *xgboost defaults* |"
    echo "| *Handbook: random scores* | *0.5* | *0.007* | *0.017* | |"
    echo
  fi
  echo "Machine: $(nproc) cores ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)),"
  echo "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(java -version 2>&1 | head -n 1), Python $("$VENV/bin/python" -c 'import platform; print(platform.python_version())'), $SKLEARN_VERSION."
  echo "OMP_WAIT_POLICY=passive. Shared with other work while it ran; load before, after each family's pair of fits, and at the end:"
  echo
  echo "    before: $LOAD_BEFORE"
  for load in "${LOADS[@]}"; do echo "    $load"; done
  echo "    after:  $LOAD_AFTER"
  echo
  echo "Raw result lines:"
  echo
  echo "    $TABLE_LINE"
  sed 's/^/    /' "$LOGS/fit-lines.log"
  sed 's/^/    /' "$QUALITY_LINES"
} >"$RESULTS"
log "results in ${RESULTS#$ROOT/}; logs in ${LOGS#$ROOT/}"
cat "$RESULTS"
