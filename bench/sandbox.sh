#!/usr/bin/env bash
# Creates per second the sandbox sustains with a durable SQLite file (`sandbox serve --db`),
# measured with wrk (2 threads, 16 connections, the contract's example body), next to Prism's
# mock of the same contract (`prism mock`), the usual stand-in server. Every create is
# committed before it is answered; the stored row count is checked against wrk's count.
# Goal: at least 7x Prism.
# Usage: bench/sandbox.sh [SECONDS]   (default 10; installs wrk and Prism if missing)
source "$(dirname "$0")/common.sh"
SECS=${1:-10}
CONTRACT=$ROOT/contract/openapi.yaml
PRISM_DIR=${XDG_CACHE_HOME:-$HOME/.cache}/clarion-bench/prism
need wrk
need npm
build

# The request body of the contract's example, no Idempotency-Key (Prism ignores it anyway).
cat >"$WORK/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"name":"Appointment reminder","description":"Call the patient two days before the visit","steps":[{"order":1,"type":"voice","config":{"voicemail_message":"Hi, this is Clarion Clinic calling about your appointment."}}]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer bench"
LUA

# run_wrk URL: prints requests/s, non-2xx count and the number of requests.
run_wrk() {
  wrk -t2 -c16 -d"${SECS}s" -s "$WORK/post.lua" "$1" >"$WORK/wrk.txt" 2>&1
  local rps bad total
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/wrk.txt")
  bad=$(awk '/Non-2xx/ {print $NF}' "$WORK/wrk.txt")
  total=$(awk '/requests in/ {print $1}' "$WORK/wrk.txt")
  echo "$rps ${bad:-0} ${total:-0}"
}

start_sandbox --db "$WORK/bench.sqlite3"
read -r sandbox_rps sandbox_bad sandbox_total < <(run_wrk "$SANDBOX_URL/v1/sequence-manager/sequences")
kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true
# The sandbox says on stopping how many creates its commits carried.
per_fsync=$(sed -n 's/.*group commit: .*, \([0-9.]*\) per fsync.*/\1/p' "$SANDBOX_LOG")
stored=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from sequences').fetchone()[0])" "$WORK/bench.sqlite3")

if [ ! -x "$PRISM_DIR/node_modules/.bin/prism" ]; then
  echo "installing Prism (npm) into $PRISM_DIR ..." >&2
  mkdir -p "$PRISM_DIR"
  npm install --silent --prefix "$PRISM_DIR" @stoplight/prism-cli >/dev/null 2>&1
fi
port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
"$PRISM_DIR/node_modules/.bin/prism" mock -h 127.0.0.1 -p "$port" "$CONTRACT" >"$WORK/prism.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 200); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
read -r prism_rps prism_bad _ < <(run_wrk "http://127.0.0.1:$port/v1/sequence-manager/sequences")

echo
echo "sandbox serve --db: $sandbox_rps creates/s  (non-2xx: $sandbox_bad; requests: $sandbox_total; sequences stored: $stored; ${per_fsync:-?} creates per fsync)"
echo "prism mock:         $prism_rps creates/s  (non-2xx: $prism_bad; stores nothing)"
echo "ratio sandbox/prism: $(ratio "$sandbox_rps" "$prism_rps")   (goal: >= 7)"
result "sandbox serve --db creates/s" "$sandbox_rps ($stored stored of $sandbox_total; ${per_fsync:-?} per fsync)" ""
result "sandbox / Prism" "$(ratio "$sandbox_rps" "$prism_rps")x" ">= 7x"
