#!/usr/bin/env bash
# Measures the live exam on this machine: a fresh release server, the load tool against it,
# the server's memory sampled every second. Prints one JSON line: the tool's summary plus
# rss_base_kib (after start-up), rss_peak_kib, server_cpu_s and run_cpu_us_per_save (the
# server's user+system CPU over the whole run — setup, start burst and audit included — per
# acknowledged save), the tool's server_cpu_us_per_save (the same over the steady window
# only: from the last candidate's first `state` to the stop), rss_per_connected_kib (the
# RSS growth per socket held at the peak), the tool's start_burst_s (from the first login to
# the last candidate's first `state`), and, with STORM=1, storm_s (the time for every
# candidate to be connected again after the server is killed with SIGKILL and restarted).
#
#   loadtests/perf.sh sqlite|postgres CANDIDATES THINK_MS DURATION_S [tool args...]
#
# SYNAQ_BIN and SYNAQ_LOADTESTS name other builds of the server and the tool (an earlier
# commit's, for a before/after comparison); by default this checkout's release builds.
#
# Needs: cargo build --release --workspace; for postgres, PostgreSQL and Redis on localhost.
set -euo pipefail
engine=$1 n=$2 think=$3 duration=$4
shift 4
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${SYNAQ_BIN:-$root/target/release/synaq}
tool=${SYNAQ_LOADTESTS:-$root/target/release/synaq-loadtests}
work=$(mktemp -d)
port=$((18400 + RANDOM % 400))
ulimit -n 20000
case $engine in
  sqlite)
    export DATABASE_URL="sqlite://$work/synaq.db"
    unset REDIS_URL || true ;;
  postgres)
    db="perf_$(date +%s)_$RANDOM"
    psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db"
    export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db"
    export REDIS_URL="redis://127.0.0.1:6379"
    redis-cli -h 127.0.0.1 --scan --pattern 'synaq:*' | xargs -r redis-cli -h 127.0.0.1 del >/dev/null ;;
  *) echo "engine: sqlite or postgres" >&2; exit 2 ;;
esac

start_server() {
  "$bin" serve --addr "127.0.0.1:$port" --node "perf-$engine" >>"$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "the server did not start; see $work/server.log" >&2
  exit 2
}
sockets() { curl -fs "http://127.0.0.1:$port/health" | jq -r .sockets; }
rss() { awk '/VmRSS/ {print $2}' "/proc/$server/status" 2>/dev/null || echo 0; }

start_server
trap 'kill $server 2>/dev/null || true; kill $sampler 2>/dev/null || true' EXIT
token=$("$bin" token issue --role admin --name perf | jq -r .token)
sleep 1
rss_base=$(rss)
echo 0 >"$work/peak"
( while sleep 1; do r=$(rss); p=$(cat "$work/peak"); [ "${r:-0}" -gt "$p" ] && echo "$r" >"$work/peak"; done ) &
sampler=$!

"$tool" exam --url "http://127.0.0.1:$port" --admin-token "$token" --candidates "$n" \
  --think-ms "$think" --duration-s "$duration" --server-pid "$server" --json "$@" >"$work/result.json" &
tool_pid=$!

storm_s=null
if [ "${STORM:-0}" = 1 ]; then
  # Wait until every candidate holds a socket, then kill -9 and restart the server.
  for _ in $(seq 1 600); do [ "$(sockets)" -ge "$n" ] 2>/dev/null && break; sleep 0.5; done
  peak_before=$(cat "$work/peak")
  kill -9 "$server"; wait "$server" 2>/dev/null || true
  t0=$(date +%s.%N)
  start_server
  for _ in $(seq 1 1200); do [ "$(sockets)" -ge "$n" ] 2>/dev/null && break; sleep 0.1; done
  storm_s=$(echo "$(date +%s.%N) - $t0" | bc)
  echo "$peak_before" >"$work/peak"
fi

wait "$tool_pid" || true
kill "$sampler" 2>/dev/null || true
rss_peak=$(cat "$work/peak")
# The server's CPU time (user + system, from /proc/PID/stat fields 14 and 15) over the whole
# run: CPU per acknowledged save stays comparable on a noisy machine, where latencies do not.
server_cpu_s=$(awk -v tck="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / tck}' "/proc/$server/stat" 2>/dev/null || echo null)
jq -c --arg engine "$engine" --argjson base "$rss_base" --argjson peak "$rss_peak" --argjson storm "$storm_s" \
  --argjson cpu "$server_cpu_s" \
  '. + {engine: $engine, rss_base_kib: $base, rss_peak_kib: $peak, storm_s: $storm, server_cpu_s: $cpu,
        run_cpu_us_per_save: (if $cpu == null or .acked == 0 then null else ($cpu * 1e6 / .acked | floor) end),
        rss_per_connected_kib: (if .connected_max == 0 then null else (($peak - $base) * 10 / .connected_max | floor) / 10 end)}' "$work/result.json"
