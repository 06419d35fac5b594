#!/usr/bin/env bash
# Chaos under load: the load tool (`synaq-loadtests exam`) runs a swarm of candidates while a
# fault is injected; its lost-answer audit then checks every acknowledged answer against the
# server. Prints one JSON line per scenario: the tool's summary plus the fault's figures.
#
#   loadtests/chaos.sh SCENARIO CANDIDATES [DURATION_S]
#
# Scenarios:
#   kills     one node (SQLite, in-process live state) is SIGKILLed and restarted KILLS
#             times (default 20), every KILL_EVERY_S seconds (default 3); recover_s per cycle
#             is the time from the kill until 95% of the candidates hold a socket again.
#   failover  two nodes on PostgreSQL + Redis; candidates split between them; node A is
#             SIGKILLed; failover_s is the time until node B holds all of them. A is
#             restarted afterwards for the audit.
#   postgres  one node on PostgreSQL + Redis; PostgreSQL is restarted mid-exam
#             (pg_ctlcluster ... restart): outage_s and the errors candidates saw.
#   redis     one node on PostgreSQL + Redis; Redis is restarted mid-exam, this run's keys
#             lost (deleted, then SHUTDOWN SAVE so other users of the Redis keep theirs).
#
# The PostgreSQL and Redis scenarios restart services shared with everything else on the
# machine: run them when nobody else needs them. Each node's log is kept in the work
# directory printed on stderr. Binaries: target/$PROFILE (PROFILE=release by default; build
# with `cargo build --release --workspace`).
set -euo pipefail
scenario=${1:?scenario: kills, failover, postgres or redis}
n=${2:?candidates}
duration=${3:-300}
kills=${KILLS:-20}
think=${THINK_MS:-3000}
root=$(cd "$(dirname "$0")/.." && pwd)
profile=${PROFILE:-release}
bin=$root/target/$profile/synaq
tool=$root/target/$profile/synaq-loadtests
work=$(mktemp -d /tmp/synaq-chaos.XXXXXX)
echo "chaos: $scenario, $n candidates, work directory $work" >&2
base_port=$((18800 + RANDOM % 400))
prefix="synaq-chaos-$(date +%s)-$RANDOM:"
ulimit -n 20000
pids=()

now() { date +%s.%N; }
since() { printf "%.3f" "$(echo "$(now) - $1" | bc)"; }

use_sqlite() {
  export DATABASE_URL="sqlite://$work/synaq.db"
  unset REDIS_URL || true
}
use_postgres() {
  db="chaos_$(date +%s)_$RANDOM"
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $db"
  export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$db"
  export REDIS_URL="redis://127.0.0.1:6379"
  export SYNAQ_REDIS_PREFIX=$prefix
}
drop_redis_keys() {
  redis-cli --scan --pattern "$prefix*" | xargs -r redis-cli del >/dev/null || true
}

# start_node INDEX: node INDEX on port base_port+INDEX, its pid in pids[INDEX].
start_node() {
  local i=$1 port=$((base_port + $1))
  "$bin" serve --addr "127.0.0.1:$port" --node "chaos-$i" >>"$work/node$i.log" 2>&1 &
  pids[$i]=$!
  for _ in $(seq 1 300); do
    curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "node $i did not start; see $work/node$i.log" >&2
  exit 2
}
kill_node() {
  kill -9 "${pids[$1]}" 2>/dev/null || true
  wait "${pids[$1]}" 2>/dev/null || true
}
url() { echo "http://127.0.0.1:$((base_port + $1))"; }
sockets() { curl -fs --max-time 2 "$(url "$1")/health" 2>/dev/null | jq -r '.sockets // 0' 2>/dev/null || echo 0; }
# wait_sockets COUNT TIMEOUT_S NODE...: until the nodes hold COUNT sockets together; 0 when
# they did.
wait_sockets() {
  local want=$1 limit=$2 t0 total
  shift 2
  t0=$(now)
  while (($(echo "$(since "$t0") < $limit" | bc))); do
    total=0
    for i in "$@"; do total=$((total + $(sockets "$i"))); done
    ((total >= want)) && return 0
    if [ -n "${tool_pid:-}" ] && ! kill -0 "$tool_pid" 2>/dev/null; then
      echo "the load tool stopped: $(tail -3 "$work/tool.log")" >&2
      exit 2
    fi
    sleep 0.1
  done
  return 1
}

cleanup() {
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  [ -n "${tool_pid:-}" ] && kill "$tool_pid" 2>/dev/null || true
  if [ -n "${REDIS_URL:-}" ]; then drop_redis_keys; fi
  if [ -n "${db:-}" ]; then
    psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

# run_tool EXTRA...: the swarm against node 0 (and EXTRA args), in the background.
run_tool() {
  token=$("$bin" token issue --role admin --name chaos | jq -r .token)
  "$tool" exam --url "$(url 0)" --admin-token "$token" --candidates "$n" --think-ms "$think" \
    --duration-s "$duration" --reconnect-prob 0 --ramp-s "$((n / 100 + 1))" --json "$@" \
    >"$work/result.json" 2>"$work/tool.log" &
  tool_pid=$!
}
finish() {
  local extra=$1 rc=0
  wait "$tool_pid" || rc=$?
  tool_pid=
  if [ ! -s "$work/result.json" ]; then
    echo "the load tool printed no summary (exit $rc); see $work/tool.log" >&2
    exit 2
  fi
  jq -c --arg scenario "$scenario" --argjson extra "$extra" --argjson rc "$rc" \
    '{scenario: $scenario, tool_exit: $rc} + $extra + .' "$work/result.json"
}

case $scenario in
kills)
  use_sqlite
  start_node 0
  run_tool
  wait_sockets "$n" 600 0 || { echo "not every candidate connected" >&2; exit 2; }
  recover=()
  for cycle in $(seq 1 "$kills"); do
    sleep "${KILL_EVERY_S:-3}"
    kill_node 0
    t0=$(now)
    start_node 0
    restart_s=$(since "$t0")
    # Every candidate still answering is back; those that finished meanwhile are not.
    if wait_sockets "$((n * 95 / 100))" 60 0; then r=$(since "$t0"); else r=null; fi
    recover+=("$r")
    echo "kill $cycle: up again in ${restart_s}s, 95% of sockets back in ${r}s" >&2
  done
  finish "$(printf '%s\n' "${recover[@]}" | jq -s -c '{kills: length, recover_s: ., recover_max_s: (map(select(. != null)) | max)}')"
  ;;
failover)
  use_postgres
  start_node 0
  start_node 1
  run_tool --also-url "$(url 1)"
  wait_sockets "$n" 600 0 1 || { echo "not every candidate connected" >&2; exit 2; }
  sleep 5
  on_a=$(sockets 0)
  on_b=$(sockets 1)
  kill_node 0
  t0=$(now)
  if wait_sockets "$((on_a + on_b))" 60 1; then failover_s=$(since "$t0"); else failover_s=null; fi
  echo "node A ($on_a sockets) killed; node B holds all $((on_a + on_b)) after ${failover_s}s" >&2
  sleep 5
  start_node 0 # for the audit, which uses node A's URL
  finish "{\"on_a\": $on_a, \"on_b\": $on_b, \"failover_s\": $failover_s}"
  ;;
postgres)
  use_postgres
  start_node 0
  run_tool
  wait_sockets "$n" 600 0 || { echo "not every candidate connected" >&2; exit 2; }
  sleep 5
  cluster=$(ls /etc/postgresql)
  t0=$(now)
  pg_ctlcluster --skip-systemctl-redirect "$cluster" main restart
  until pg_isready -h 127.0.0.1 -q; do sleep 0.1; done
  outage_s=$(since "$t0")
  if wait_sockets "$((n * 95 / 100))" 60 0; then back_s=$(since "$t0"); else back_s=null; fi
  echo "PostgreSQL restarted: accepting again after ${outage_s}s; sockets back after ${back_s}s" >&2
  finish "{\"outage_s\": $outage_s, \"sockets_back_s\": $back_s}"
  ;;
redis)
  use_postgres
  start_node 0
  run_tool
  wait_sockets "$n" 600 0 || { echo "not every candidate connected" >&2; exit 2; }
  sleep 5
  # The running server's own settings, to start it again as it was.
  conf() { redis-cli config get "$1" | tail -1; }
  # shellcheck disable=SC2046 # bind is a list of addresses, one argument each
  args=(--daemonize yes --port "$(conf port)" --bind $(conf bind) --dir "$(conf dir)"
    --save "$(conf save)" --appendonly "$(conf appendonly)" --maxclients "$(conf maxclients)"
    --pidfile "$(conf pidfile)" --logfile "$(conf logfile)")
  keys=$(redis-cli --scan --pattern "$prefix*" | wc -l)
  t0=$(now)
  drop_redis_keys
  redis-cli shutdown save >/dev/null 2>&1 || true
  redis-server "${args[@]}"
  for _ in $(seq 1 100); do redis-cli ping >/dev/null 2>&1 && break; sleep 0.05; done
  if ! redis-cli ping >/dev/null 2>&1; then
    echo "Redis did not come back with its settings; starting it plain on 127.0.0.1:6379" >&2
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
    until redis-cli ping >/dev/null 2>&1; do sleep 0.05; done
  fi
  outage_s=$(since "$t0")
  if wait_sockets "$((n * 95 / 100))" 60 0; then back_s=$(since "$t0"); else back_s=null; fi
  echo "Redis restarted with this run's $keys keys lost: up after ${outage_s}s; sockets back after ${back_s}s" >&2
  finish "{\"outage_s\": $outage_s, \"keys_lost\": $keys, \"sockets_back_s\": $back_s}"
  ;;
*)
  echo "scenario: kills, failover, postgres or redis" >&2
  exit 2
  ;;
esac
