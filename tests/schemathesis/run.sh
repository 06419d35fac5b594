#!/usr/bin/env bash
# Schemathesis against the server's own OpenAPI document (GET /api/openapi.json): starts
# BINARY (default target/release/synaq) on a fresh data directory, takes the demo author token
# and access codes it prints, issues an admin API token with the CLI, creates a commission
# chair, and runs `st run` as each (bounded examples per operation), failing on any 5xx
# (not_a_server_error), a response that breaks the document, or a panic in the server's log.
# Usage: tests/schemathesis/run.sh [BINARY]   (VENV: where schemathesis is, default
# target/schemathesis-venv; EXAMPLES per operation, default 25; PORT, default 18090).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
binary=$(realpath "${1:-$root/target/release/synaq}")
venv="${VENV:-$root/target/schemathesis-venv}"
examples="${EXAMPLES:-25}"
port="${PORT:-18090}"

if [ ! -x "$venv/bin/st" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q -r tests/schemathesis/requirements.txt
fi
"$venv/bin/st" --version

dir=$(mktemp -d)
if curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
  echo "port $port is taken by another server; stop it first" >&2
  exit 1
fi
( cd "$dir" && exec env SYNAQ_ADDR="127.0.0.1:$port" "$binary" >"$dir/server.log" 2>&1 ) &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  sleep 1
done
curl -fsS "http://127.0.0.1:$port/health" >/dev/null
url="http://127.0.0.1:$port"
admin=$(cd "$dir" && "$binary" token issue --role admin --name "schemathesis" |
  sed -n 's/.*"token": *"\([^"]*\)".*/\1/p')
author=$(sed -n 's/^demo author token (shown once): //p' "$dir/server.log")
mapfile -t codes < <(sed -n 's/^  \([0-9A-Z]\{4\}-[0-9A-Z]\{4\}-[0-9A-Z]\{4\}-[0-9A-Z]\{4\}\) .*/\1/p' "$dir/server.log")
test -n "$admin" && test -n "$author" && test "${#codes[@]}" -ge 2
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
post() { curl -fsS -H "content-type: application/json" "$@"; }
# Candidate 1 is the candidate of the candidate run; candidate 2's session is the one the
# administrator's run acts on (extend, submit, void, reinstate, answers).
login1=$(post -d "{\"code\": \"${codes[0]}\"}" "$url/api/v1/exam/login")
candidate=$(json "['token']" <<<"$login1")
login2=$(post -d "{\"code\": \"${codes[1]}\"}" "$url/api/v1/exam/login")
export ST_SESSION ST_CAMPAIGN ST_VENDOR=schemathesis
ST_SESSION=$(json "['session']['session_id']" <<<"$login2")
ST_CAMPAIGN=$(json "['session']['campaign']['campaign_id']" <<<"$login2")
post -H "Authorization: Bearer $admin" -o /dev/null \
  -d '{"name": "schemathesis", "adapter": "native", "secrets": ["a vendor secret of 32 chars...."]}' \
  "$url/api/v1/admin/proctor/vendors"
post -H "Authorization: Bearer $admin" -o /dev/null \
  -d '{"username": "st-chair", "password": "a long chair passphrase", "role": "commission_chair", "name": "St Chair"}' \
  "$url/api/v1/admin/users"
chair=$(post -d '{"username": "st-chair", "password": "a long chair passphrase"}' "$url/api/v1/auth/login" | json "['token']")

status=0
# run NAME TOKEN [FILTER...]: one bounded schemathesis run as the holder of TOKEN. One worker:
# with two, CPython 3.11's `ast.parse` (hypothesis describing its strategies) raced between the
# threads and failed the run with "AST constructor recursion depth mismatch" (gh-106905),
# a fault of the tool, not of the server.
run() {
  local name=$1 token=$2
  shift 2
  echo "-- schemathesis as $name"
  "$venv/bin/st" --config-file tests/schemathesis/schemathesis.toml run "$url/api/openapi.json" \
    --header "Authorization: Bearer $token" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --max-examples "$examples" \
    --phases examples,coverage,fuzzing \
    --generation-database none \
    --seed 12 \
    --workers 1 \
    --no-color \
    --report junit --report-junit-path "$dir/junit-$name.xml" \
    "$@" || status=1
}
# Logout is left out of every run: it would revoke the token the run authenticates with (its
# own tests are tests/api). The administrator's run covers every other operation: the admin's
# routes are exercised, the others must refuse (403), never fail.
run candidate "$candidate" --include-path-regex '^/(api/v1/(exam|me)|ws/)'
run author "$author" --include-path-regex '^/api/v1/banks'
run commission_chair "$chair" --include-path-regex '^/api/v1/commission/'
run admin "$admin" --exclude-path /api/v1/auth/logout
if grep -q "panicked\|internal error" "$dir/server.log"; then
  echo "the server logged a panic or an internal error:" >&2
  grep -n "panicked\|internal error" "$dir/server.log" | head -n 20 >&2
  status=1
fi
kill $server
wait $server 2>/dev/null || true
trap - EXIT
exit $status
