#!/usr/bin/env bash
# Creates per second the sandbox sustains with a durable SQLite file (`sandbox serve --db`),
# measured with wrk, next to Prism's mock of the same contract (`prism mock`), the usual
# stand-in server. Goal: several thousand durable creates/s on 2 cores, many times Prism.
# Usage: bench/sandbox.sh [SECONDS]   (default 10; installs wrk and Prism if missing)
source "$(dirname "$0")/common.sh"
SECS=${1:-10}
CONTRACT=$ROOT/contract/openapi.yaml
need wrk
need npm
build

cat >"$WORK/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"name":"Appointment reminder","steps":[{"order":1,"type":"voice","config":{"voicemail_message":"Hi"}},{"order":2,"type":"sms"}]}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer bench"
LUA

# run_wrk URL: prints requests/s and non-2xx count.
run_wrk() {
  wrk -t2 -c32 -d"${SECS}s" -s "$WORK/post.lua" "$1" >"$WORK/wrk.txt" 2>&1
  local rps bad
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/wrk.txt")
  bad=$(awk '/Non-2xx/ {print $NF}' "$WORK/wrk.txt")
  echo "$rps ${bad:-0}"
}

start_sandbox --db "$WORK/bench.sqlite3"
read -r sandbox_rps sandbox_bad < <(run_wrk "$SANDBOX_URL/v1/sequence-manager/sequences")
stored=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from sequences').fetchone()[0])" "$WORK/bench.sqlite3")

echo "installing Prism (npm) ..." >&2
npm install --silent --prefix "$WORK/prism" @stoplight/prism-cli >/dev/null 2>&1
port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
"$WORK/prism/node_modules/.bin/prism" mock -h 127.0.0.1 -p "$port" "$CONTRACT" >"$WORK/prism.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 200); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
read -r prism_rps prism_bad < <(run_wrk "http://127.0.0.1:$port/v1/sequence-manager/sequences")

echo
echo "sandbox serve --db: $sandbox_rps creates/s  (non-2xx: $sandbox_bad; sequences stored: $stored)"
echo "prism mock:         $prism_rps creates/s  (non-2xx: $prism_bad; stores nothing)"
echo "ratio sandbox/prism: $(ratio "$sandbox_rps" "$prism_rps")"
