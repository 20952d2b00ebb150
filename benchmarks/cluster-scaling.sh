#!/usr/bin/env bash
# The same generated day on a cluster of real processes: a coordinator node (no worker role) and 1, 2, then 3 worker
# nodes, each with its default slots (one per core). Prints wall time from submit to commit, records/s and the ratio to
# one worker. On one 2-core machine the workers share the cores, so this shows the cluster's overhead and that adding
# nodes does not lose work, not scale-out; see docs/performance.md for the projection to real nodes.
#   benchmarks/cluster-scaling.sh [--records 200000] [--dir bench-data/cluster] [--nodes "1 2 3"]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
records=200000; dir="$root/bench-data/cluster"; nodes="1 2 3"
while [ $# -gt 0 ]; do
  case "$1" in
    --records) records=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --nodes) nodes=$2; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
files=80
dotnet build -c Release "$root/src/Coordinator" -v q -nologo >/dev/null
dotnet build -c Release "$root/src/Worker" -v q -nologo >/dev/null
dotnet build -c Release "$root/src/Cli" -v q -nologo >/dev/null
bin() { echo "$root/src/$1/bin/Release/net10.0/$2.dll"; }
akkaetl=$(bin Coordinator akkaetl); worker=$(bin Worker akkaetl-worker); etl=$(bin Cli etl)

if [ ! -f "$dir/raw/.generated-$records" ]; then
  rm -rf "$dir/raw"
  dotnet "$akkaetl" generate --out "$dir/raw" --days 2020-01-01 --files $files --records-per-file $((records / files)) --seed 17 >/dev/null
  touch "$dir/raw/.generated-$records"
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill -9 "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

printf '%-8s %10s %10s %12s %8s\n' workers records seconds records/s ratio
base=""
for n in $nodes; do
  run="$dir/run-$n"; rm -rf "$run"; mkdir -p "$run"
  port=$(free_port); api=$(free_port); seeds="127.0.0.1:$port"
  dotnet "$akkaetl" serve --port "$port" --seeds "$seeds" --api "127.0.0.1:$api" --source "$dir/raw" --warehouse "$run/wh" \
    --state "$run/state" >"$run/coordinator.log" 2>&1 &
  pids+=($!)
  for i in $(seq 1 "$n"); do
    dotnet "$worker" --port "$(free_port)" --seeds "$seeds" >"$run/worker-$i.log" 2>&1 &
    pids+=($!)
  done
  # Up and every worker a member (the coordinator node is one more).
  for _ in $(seq 1 120); do
    members=$(dotnet "$etl" --host "127.0.0.1:$api" --json cluster show 2>/dev/null \
      | python3 -c 'import json,sys; print(sum(1 for m in json.load(sys.stdin)["members"] if m["status"]=="up"))' 2>/dev/null || echo 0)
    [ "$members" -ge $((n + 1)) ] && break
    sleep 1
  done
  [ "$members" -ge $((n + 1)) ] || { echo "cluster of $n workers did not form; see $run/*.log" >&2; exit 1; }
  start=$(date +%s.%N)
  dotnet "$etl" --host "127.0.0.1:$api" --json submit 2020-01-01 --wait >"$run/submit.json" 2>"$run/submit.log"
  end=$(date +%s.%N)
  rows=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d=d[0] if isinstance(d,list) else d; print(d.get("lines") or d.get("committed_rows"))' "$run/submit.json")
  seconds=$(python3 -c "print(f'{$end-$start:.1f}')")
  rate=$(python3 -c "print(int($rows/($end-$start)))")
  [ -z "$base" ] && base=$rate
  printf '%-8s %10s %10s %12s %8s\n' "$n" "$rows" "$seconds" "$rate" "$(python3 -c "print(f'{$rate/$base:.2f}x')")"
  cleanup; pids=()
done
