#!/usr/bin/env bash
# Bulk create, measured against `clarion sandbox serve --db FILE` on this machine:
#  - 10,000 sequences from one JSONL file with `clarion sequence create -f` (default settings),
#  - the usual alternative: `xargs -P 8` running one `curl` per sequence (goal: 10x faster),
#  - what a load generator (wrk, 8 connections, the same bodies and a unique Idempotency-Key
#    per request, as clarion sends) gets from the same sandbox (goal: clarion at >= 90% of it),
#  - a 1,000,000-line run against a durable sandbox too: peak memory (goal: <= 50 MiB) and its
#    rate (goal: within 10% of the 10,000-line run's).
# Usage: bench/batch.sh [LINES_FOR_MEMORY_RUN]   (default 1000000)
source "$(dirname "$0")/common.sh"
MEM_LINES=${1:-1000000}
need wrk
need curl
[ -x /usr/bin/time ] || need time time
build

gen() { # gen N FILE
  python3 - "$1" "$2" <<'PY'
import json, sys
n, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as f:
    for i in range(n):
        f.write(json.dumps({"name": f"Reminder {i}", "steps": [{"type": "voice", "config": {"destination_number": f"+1555{i % 10**7:07d}"}}]}) + "\n")
PY
}
secs() { python3 -c "import sys; print(f'{float(sys.argv[1]):.2f}')" "$1"; }
now() { date +%s.%N; }

gen 10000 "$WORK/ten.jsonl"
export CLARION_TOKEN=bench CLARION_CONFIG_DIR=$WORK/config

# clarion, batch
start_sandbox --db "$WORK/clarion.sqlite3"
t0=$(now)
CLARION_API_URL=$SANDBOX_URL "$BIN" sequence create -f "$WORK/ten.jsonl" >"$WORK/ids.txt" 2>"$WORK/batch.err"
t1=$(now)
clarion_s=$(python3 -c "print($t1 - $t0)")
[ "$(wc -l <"$WORK/ids.txt")" -eq 10000 ] || { echo "clarion did not create 10000 sequences" >&2; cat "$WORK/batch.err" >&2; exit 1; }
clarion_rate=$(python3 -c "print(10000 / $clarion_s)")

# xargs -P 8 curl, one process per sequence
start_sandbox --db "$WORK/curl.sqlite3"
split -l 1 -a 5 "$WORK/ten.jsonl" "$WORK/line."
t0=$(now)
ls "$WORK"/line.* | xargs -P 8 -I{} curl -s -o /dev/null -H 'Authorization: Bearer bench' \
  -H 'Content-Type: application/json' --data-binary @{} "$SANDBOX_URL/v1/sequence-manager/sequences"
t1=$(now)
curl_s=$(python3 -c "print($t1 - $t0)")
rm -f "$WORK"/line.*

# wrk, the same sandbox setup, 8 connections
start_sandbox --db "$WORK/wrk.sqlite3"
# Every request a unique Idempotency-Key, as clarion sends: each thread numbers its own
# requests under a prefix of its own (threads' Lua states are seeded alike, so the thread's
# number, not math.random, keeps them apart).
cat >"$WORK/post.lua" <<'LUA'
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end
function init(args)
  n = 0
  prefix = tostring(os.time()) .. "-t" .. tostring(id)
end
request = function()
  n = n + 1
  local body = '{"name":"Reminder ' .. n .. '","steps":[{"order":1,"type":"voice","config":{"destination_number":"+15550000001"}}]}'
  return wrk.format("POST", nil, {["Content-Type"] = "application/json", ["Authorization"] = "Bearer bench", ["Idempotency-Key"] = prefix .. "-" .. n}, body)
end
LUA
wrk -t2 -c8 -d10s -s "$WORK/post.lua" "$SANDBOX_URL/v1/sequence-manager/sequences" >"$WORK/wrk.txt" 2>&1
wrk_rate=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/wrk.txt")
wrk_bad=$(awk '/Non-2xx/ {print $NF}' "$WORK/wrk.txt")
wrk_total=$(awk '/requests in/ {print $1}' "$WORK/wrk.txt")
kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true
wrk_stored=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from sequences').fetchone()[0])" "$WORK/wrk.sqlite3")

# peak memory and rate, 1M lines, durable sandbox
gen "$MEM_LINES" "$WORK/big.jsonl"
start_sandbox --db "$WORK/big.sqlite3"
/usr/bin/time -v env CLARION_API_URL=$SANDBOX_URL "$BIN" sequence create -f "$WORK/big.jsonl" >/dev/null 2>"$WORK/mem.txt" || true
peak_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$WORK/mem.txt")
mem_summary=$(grep -E '^created ' "$WORK/mem.txt" || true)
big_rate=$(echo "$mem_summary" | sed -n 's/.*(\([0-9.]*\)\/s).*/\1/p')

echo
echo "10,000 sequences, clarion batch:      $(secs "$clarion_s") s  ($(secs "$clarion_rate") /s)"
echo "10,000 sequences, xargs -P 8 curl:    $(secs "$curl_s") s"
echo "speed-up over the curl loop:          $(ratio "$curl_s" "$clarion_s")x   (goal: >= 10x)"
echo "wrk, 8 connections, same sandbox:     $wrk_rate /s   (requests: $wrk_total, non-2xx: ${wrk_bad:-0}, sequences stored: $wrk_stored)"
echo "clarion / wrk:                        $(ratio "$clarion_rate" "$wrk_rate")   (goal: >= 0.90)"
echo "peak memory, $MEM_LINES lines:        $((peak_kb / 1024)) MiB   (goal: <= 50 MiB; $mem_summary)"
echo "$MEM_LINES-line rate / 10,000-line:    $(ratio "${big_rate:-0}" "$clarion_rate")   (goal: >= 0.90)"
result "batch, 10,000 lines" "$(secs "$clarion_rate") /s" ""
result "batch / xargs -P 8 curl" "$(ratio "$curl_s" "$clarion_s")x" ">= 10x"
result "batch / wrk (unique keys)" "$(ratio "$clarion_rate" "$wrk_rate")x (wrk non-2xx ${wrk_bad:-0}, stored $wrk_stored of $wrk_total)" ">= 0.90x"
result "batch, $MEM_LINES lines, peak memory" "$((peak_kb / 1024)) MiB" "<= 50 MiB"
result "batch, $MEM_LINES lines / 10,000 lines, rate" "$(ratio "${big_rate:-0}" "$clarion_rate")x" ">= 0.90x"
