#!/usr/bin/env bash
# Cluster benchmark (bench/README.md, "Cluster"): what `baton sweep --cluster` adds to a local sweep, how fast a batch
# of a killed worker runs elsewhere, and 1 -> 2 workers. Starts its own redis-server (scripts/redis-server.sh) and its
# own `baton worker` processes (--jobs 1 each, loopback, free ports), stops them by pid, removes everything in a trap.
#   bench/cluster.sh [CANDLES] [REPS] [PARTS]   defaults 1000000 3 "tiny scale failover"
#   - tiny:     the fixed cost of a batch: 200 trials over 500 candles (work ~0), batch size 1 (200 batches) and 200
#               (1 batch), each local (--jobs 1) and on one worker, REPS rounds back to back
#   - scale:    1,000 trials over CANDLES hourly candles (Parquet), default batch size (250): local --jobs 1, one
#               worker, two workers, local --jobs 2, REPS rounds; trials.csv compared with the local sweep's each time
#   - failover: 3 workers, a sweep of 2 batches of 1,000 trials; Baton.Cluster.Bench --failover kills -9 a worker
#               holding a batch (not the coordinator's host) and times until the batch is leased again; max(5, REPS*2)
#               times with baton worker's membership settings, then as many with Orleans' defaults
#               (BATON_BENCH_MEMBERSHIP=orleans-defaults, a benchmark knob)
set -euo pipefail
cd "$(dirname "$0")/.."
candles=${1:-1000000}
reps=${2:-3}
parts=${3:-tiny scale failover}
work=$(mktemp -d /tmp/baton-bench-cluster.XXXXXX)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
source scripts/redis-server.sh
started=()
cleanup() {  # workers and clients by pid (SIGTERM, SIGKILL after 10 s), then redis-server
  for pid in "${started[@]}"; do kill "$pid" 2>/dev/null || true; done
  for _ in $(seq 100); do
    alive=0
    for pid in "${started[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for pid in "${started[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  redis_server_stop
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

dotnet build src/Baton.Cli -c Release -v quiet -nologo >/dev/null
dotnet build bench/Baton.Cluster.Bench -c Release -v quiet -nologo >/dev/null
baton="dotnet src/Baton.Cli/bin/Release/net10.0/baton.dll"
probe="dotnet bench/Baton.Cluster.Bench/bin/Release/net10.0/Baton.Cluster.Bench.dll"
strategy=examples/strategies/sma_crossover.yaml
redis_server_start
redis_port=${BATON_TEST_REDIS##*:}

echo "== $(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"

worker_pid=
start_worker() {  # NAME: starts a worker (--jobs 1), waits until it joined; sets worker_pid
  local name=$1 log="$work/$1.log"
  $baton worker --cluster "$BATON_TEST_REDIS" --name "$name" --jobs 1 >"$log" 2>&1 &
  worker_pid=$!
  started+=("$worker_pid")
  for _ in $(seq 600); do
    grep -q "joined the cluster" "$log" && return 0
    kill -0 "$worker_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "worker $name did not join the cluster within 60 s; its stderr:" >&2; cat "$log" >&2; exit 1
}

stop() {  # PID...: SIGTERM, then SIGKILL after 30 s
  for pid in "$@"; do
    kill "$pid" 2>/dev/null || continue
    for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
}

seconds=
timed() {  # command...: runs it (stdout/stderr to $work/last.log), sets seconds
  local start end
  start=$(date +%s.%N)
  "$@" >"$work/last.log" 2>&1 || { echo "failed: $*" >&2; cat "$work/last.log" >&2; exit 1; }
  end=$(date +%s.%N)
  seconds=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$start" "$end")
}

sweep() {  # DATA OUT BATCH_SIZE JOBS_OR_CLUSTER PARAMS...: one timed baton sweep
  local data=$1 out=$2 batch=$3 where=$4; shift 4
  local place=(--jobs "$where")
  [ "$where" = cluster ] && place=(--jobs 1 --cluster "$BATON_TEST_REDIS")   # the client's own work (robustness) as local --jobs 1
  rm -rf "$out"
  timed $baton sweep "$strategy" --data "$data" "$@" --batch-size "$batch" "${place[@]}" --out "$out"
}

same() {  # A B: trials.csv byte for byte
  cmp -s "$1/trials.csv" "$2/trials.csv" && echo identical || { echo "trials.csv DIFFERS: $1 $2" >&2; exit 1; }
}

if [[ " $parts " == *" tiny "* ]]; then
  echo "== fixed cost of a batch: 200 trials x 500 candles, one worker --jobs 1 vs local --jobs 1"
  $baton data generate --symbols BTCUSDT --bars 500 --timeframe 1h --seed 42 --start 2024-01-01 --price 40000 \
    --volatility 0.01 --out "$work/tiny.csv" >/dev/null
  grid=(--param fast_period=5..14 --param slow_period=20..210:10)
  start_worker w1; w1=$worker_pid
  for round in $(seq "$reps"); do
    sweep "$work/tiny.csv" "$work/l1" 1 1 "${grid[@]}"; l1=$seconds
    sweep "$work/tiny.csv" "$work/c1" 1 cluster "${grid[@]}"; c1=$seconds; s1=$(same "$work/l1" "$work/c1")
    sweep "$work/tiny.csv" "$work/l200" 200 1 "${grid[@]}"; l200=$seconds
    sweep "$work/tiny.csv" "$work/c200" 200 cluster "${grid[@]}"; c200=$seconds; s200=$(same "$work/l200" "$work/c200")
    python3 - "$round" "$l1" "$c1" "$l200" "$c200" "$s1" "$s200" <<'EOF'
import sys
r, l1, c1, l200, c200 = sys.argv[1], *map(float, sys.argv[2:6])
per_batch = ((c1 - l1) - (c200 - l200)) / 199
print(f"round {r}: batch size 1 (200 batches): local {l1:.2f} s, cluster {c1:.2f} s; batch size 200 (1 batch): local {l200:.2f} s, "
      f"cluster {c200:.2f} s; per sweep {c200 - l200:.2f} s, per batch {per_batch * 1000:.1f} ms; trials.csv {sys.argv[6]}, {sys.argv[7]}")
EOF
  done
  stop "$w1"
fi

if [[ " $parts " == *" scale "* || " $parts " == *" failover "* ]]; then
  $baton data generate --symbols BTCUSDT --bars "$candles" --timeframe 1h --seed 42 --start 2024-01-01 --price 40000 \
    --volatility 0.01 --out "$work/btc.parquet" >/dev/null
fi

if [[ " $parts " == *" scale "* ]]; then
  echo "== 1,000 trials x $candles candles (Parquet), batch size 250 (4 batches): local vs one and two workers (--jobs 1 each)"
  grid=(--param fast_period=5..54 --param slow_period=20..210:10)
  for round in $(seq "$reps"); do
    echo "-- round $round, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    sweep "$work/btc.parquet" "$work/local1" 250 1 "${grid[@]}"; local1=$seconds
    if [ "$round" = 1 ] && [ -f "$work/local1/journal.jsonl" ]; then
      echo "outcome JSON (a journal.jsonl line, the store's value): $(( $(wc -c < "$work/local1/journal.jsonl") / 1000 )) bytes per trial"
    fi
    start_worker w1; w1=$worker_pid
    sweep "$work/btc.parquet" "$work/one" 250 cluster "${grid[@]}"; one=$seconds; same1=$(same "$work/local1" "$work/one")
    start_worker w2; w2=$worker_pid
    sweep "$work/btc.parquet" "$work/two" 250 cluster "${grid[@]}"; two=$seconds; same2=$(same "$work/local1" "$work/two")
    stop "$w1" "$w2"
    sweep "$work/btc.parquet" "$work/local2" 250 2 "${grid[@]}"; local2=$seconds
    python3 - "$local1" "$one" "$two" "$local2" "$same1" "$same2" "$candles" <<'EOF'
import sys
l1, one, two, l2 = map(float, sys.argv[1:5])
n = int(sys.argv[7]) * 1000
print(f"local --jobs 1 {l1:.2f} s ({n / l1 / 1e6:.1f} M candle-trials/s); one worker {one:.2f} s; two workers {two:.2f} s; local --jobs 2 {l2:.2f} s")
print(f"  one worker - local jobs 1: {one - l1:+.2f} s = {(one - l1) / 4 * 1000:+.0f} ms per batch, {(one - l1) / 1000 * 1e6:+.0f} us per trial, "
      f"{(one - l1) / l1 * 100:+.1f} % of the local sweep")
print(f"  scaling: two workers {one / two:.2f}x one worker; local jobs 2 {l1 / l2:.2f}x local jobs 1; trials.csv {sys.argv[5]}, {sys.argv[6]}")
EOF
  done
fi

failover() {  # SETTING ROUNDS: a worker killed while holding a batch, until its batch is leased again
  local setting=$1 rounds=$2 knob=
  [ "$setting" = orleans-defaults ] && knob=orleans-defaults
  for round in $(seq "$rounds"); do
    redis-cli -p "$redis_port" flushall >/dev/null
    local names=() pairs=()
    for name in f1 f2; do
      BATON_BENCH_MEMBERSHIP=$knob start_worker "$name"; names+=("$worker_pid"); pairs+=("$name=$worker_pid")
    done
    rm -rf "$work/failover"
    $baton sweep "$strategy" --data "$work/btc.parquet" --param fast_period=5..104 --param slow_period=20..210:10 \
      --batch-size 1000 --cluster "$BATON_TEST_REDIS" --out "$work/failover" >"$work/failover.log" 2>&1 &
    local client=$!
    started+=("$client")
    # the third worker joins once the sweep is cut into batches for two (a generation is cut into one batch per live
    # worker when it is smaller than that many full batches), so it is idle when the victim dies
    sleep 3
    BATON_BENCH_MEMBERSHIP=$knob start_worker f3; names+=("$worker_pid"); pairs+=("f3=$worker_pid")
    if line=$($probe --failover "$BATON_TEST_REDIS" "${pairs[@]}" 2>"$work/probe.log"); then
      echo "$setting $line" | tee -a "$work/failover.txt"
    else
      echo "$setting round $round: no measurement; probe:" >&2; cat "$work/probe.log" >&2
    fi
    stop "$client" "${names[@]}"
  done
}

if [[ " $parts " == *" failover "* ]]; then
  echo "== kill -9 of a worker holding a batch -> the batch leased to another worker (3 workers, 2 batches of 1,000 trials)"
  echo "   columns: setting, victim, coordinator's host, s to queued again, s to leased again, new holder"
  : >"$work/failover.txt"
  kills=${KILLS:-$(( reps * 2 > 5 ? reps * 2 : 5 ))}
  failover baton "$kills"
  failover orleans-defaults "$kills"
  python3 - "$work/failover.txt" <<'EOF'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
for setting in ("baton", "orleans-defaults"):
    for col, what in ((4, "queued again"), (5, "leased again")):
        xs = sorted(float(r[col]) for r in rows if r[0] == setting)
        if xs:
            print(f"{setting}: {what} after min {xs[0]:.2f} s, median {statistics.median(xs):.2f} s, max {xs[-1]:.2f} s ({len(xs)} kills)")
EOF
fi
echo "== done $(date -u '+%H:%M:%S UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
