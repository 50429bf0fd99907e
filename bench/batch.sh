#!/usr/bin/env bash
# Bulk create, measured against `clarion sandbox serve --db FILE` on this machine:
#  - 10,000 sequences from one JSONL file with `clarion sequence create -f` (default settings),
#  - the usual alternative: `xargs -P 8` running one `curl` per sequence (goal: 10x faster),
#  - what a load generator (wrk, 8 connections, the same bodies and a unique Idempotency-Key
#    per request, as clarion sends) gets from the same sandbox (goal: clarion at >= 90% of it).
#    Client and sandbox share this machine's cores, and its speed drifts by a quarter within
#    minutes; so the two alternate, ROUNDS times (clarion first in odd rounds, wrk in even ones),
#    each against a fresh durable sandbox, and the figure is the ratio of their median rates,
#  - a 1,000,000-line run against a durable sandbox too: peak memory (goal: <= 50 MiB) and its
#    rate (goal: within 10% of the median of 10,000-line runs made just before and after it).
# Usage: bench/batch.sh [LINES_FOR_MEMORY_RUN] [ROUNDS]   (defaults 1000000 and 9)
source "$(dirname "$0")/common.sh"
MEM_LINES=${1:-1000000}
ROUNDS=${2:-9}
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

# xargs -P 8 curl, one process per sequence
start_sandbox --db "$WORK/curl.sqlite3"
split -l 1 -a 5 "$WORK/ten.jsonl" "$WORK/line."
t0=$(now)
ls "$WORK"/line.* | xargs -P 8 -I{} curl -s -o /dev/null -H 'Authorization: Bearer bench' \
  -H 'Content-Type: application/json' --data-binary @{} "$SANDBOX_URL/v1/sequence-manager/sequences"
t1=$(now)
curl_s=$(python3 -c "print($t1 - $t0)")
rm -f "$WORK"/line.*

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

stop_sandbox() { kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true; }

# clarion: 10,000 lines, one run, against a fresh durable sandbox; appends its rate (wall time,
# start-up included) to CLARION_RATES.
CLARION_RATES=()
clarion_round() { # clarion_round ROUND
  start_sandbox --db "$WORK/clarion.$1.sqlite3"
  local t0 t1
  t0=$(now)
  CLARION_API_URL=$SANDBOX_URL "$BIN" sequence create -f "$WORK/ten.jsonl" --journal "$WORK/journal.$1" \
    >"$WORK/ids.txt" 2>"$WORK/batch.err"
  t1=$(now)
  stop_sandbox
  [ "$(wc -l <"$WORK/ids.txt")" -eq 10000 ] || { echo "clarion did not create 10000 sequences" >&2; cat "$WORK/batch.err" >&2; exit 1; }
  CLARION_RATES+=("$(python3 -c "print(10000 / ($t1 - $t0))")")
}

# wrk: 8 connections for 2 s (about as long as clarion's run) against a fresh durable sandbox;
# appends its rate, and counts its requests, non-2xx answers and the rows it left.
WRK_RATES=(); WRK_TOTAL=0; WRK_BAD=0; WRK_STORED=0
wrk_round() { # wrk_round ROUND
  start_sandbox --db "$WORK/wrk.$1.sqlite3"
  wrk -t2 -c8 -d2s -s "$WORK/post.lua" "$SANDBOX_URL/v1/sequence-manager/sequences" >"$WORK/wrk.txt" 2>&1
  stop_sandbox
  WRK_RATES+=("$(awk '/^Requests\/sec:/ {print $2}' "$WORK/wrk.txt")")
  WRK_TOTAL=$((WRK_TOTAL + $(awk '/requests in/ {print $1}' "$WORK/wrk.txt")))
  WRK_BAD=$((WRK_BAD + $(awk '/Non-2xx/ {print $NF; f=1} END {if (!f) print 0}' "$WORK/wrk.txt")))
  WRK_STORED=$((WRK_STORED + $(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from sequences').fetchone()[0])" "$WORK/wrk.$1.sqlite3")))
}

for r in $(seq "$ROUNDS"); do
  if [ $((r % 2)) -eq 1 ]; then clarion_round "$r"; wrk_round "$r"; else wrk_round "$r"; clarion_round "$r"; fi
  echo "round $r: clarion $(secs "${CLARION_RATES[-1]}") /s, wrk ${WRK_RATES[-1]} /s" >&2
done
median() { python3 -c "import statistics,sys; print(statistics.median(map(float, sys.argv[1:])))" "$@"; }
clarion_rate=$(median "${CLARION_RATES[@]}")
clarion_s=$(python3 -c "print(10000 / $clarion_rate)")
wrk_rate=$(median "${WRK_RATES[@]}")
round_ratios=$(python3 -c "
import sys
n = len(sys.argv) // 2
c, w = sys.argv[1:n + 1], sys.argv[n + 1:]
r = sorted(float(a) / float(b) for a, b in zip(c, w))
print(f'{r[0]:.2f} to {r[-1]:.2f}')" "${CLARION_RATES[@]}" "${WRK_RATES[@]}")

# peak memory and rate, 1M lines, durable sandbox. Its rate is wall time, start-up and the
# validation pass included, as the 10,000-line runs' is; and it is compared with 10,000-line
# runs made just before and just after it (3 each, their median), since the rounds above ran
# minutes earlier on what may by now be a slower or faster machine. The disk is flushed before
# each side, so that neither pays for writing back the other's files (the input is 100 MB,
# the database more).
gen "$MEM_LINES" "$WORK/big.jsonl"
sync
first=${#CLARION_RATES[@]}
for i in 1 2 3; do clarion_round "before$i"; done
start_sandbox --db "$WORK/big.sqlite3"
t0=$(now)
/usr/bin/time -v env CLARION_API_URL=$SANDBOX_URL "$BIN" sequence create -f "$WORK/big.jsonl" >/dev/null 2>"$WORK/mem.txt" || true
t1=$(now)
stop_sandbox
rm -f "$WORK"/big.*
sync
for i in 1 2 3; do clarion_round "after$i"; done
peak_kb=$(awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}' "$WORK/mem.txt")
mem_summary=$(grep -E '^created ' "$WORK/mem.txt" || true)
grep -q "^created $MEM_LINES, already created 0, failed 0, invalid 0" <<<"$mem_summary" ||
  { echo "the $MEM_LINES-line run did not create every line: $mem_summary" >&2; exit 1; }
big_rate=$(python3 -c "print($MEM_LINES / ($t1 - $t0))")
# The bracketing runs' rates, kept apart from the rounds' (whose median was taken above).
BRACKET=("${CLARION_RATES[@]:$first}")
read -r bracket before after < <(python3 -c "
import statistics, sys
r = [float(x) for x in sys.argv[1:]]
print(statistics.median(r), statistics.median(r[:3]), statistics.median(r[3:]))" "${BRACKET[@]}")
bracket_runs="$(secs "$before") /s before, $(secs "$after") /s after"

echo
echo "10,000 sequences, clarion batch:      $(secs "$clarion_s") s  ($(secs "$clarion_rate") /s, the median of $ROUNDS runs)"
echo "10,000 sequences, xargs -P 8 curl:    $(secs "$curl_s") s"
echo "speed-up over the curl loop:          $(ratio "$curl_s" "$clarion_s")x   (goal: >= 10x)"
echo "wrk, 8 connections, same sandbox:     $(secs "$wrk_rate") /s, the median of $ROUNDS runs   (requests: $WRK_TOTAL, non-2xx: $WRK_BAD, sequences stored: $WRK_STORED)"
echo "clarion / wrk:                        $(ratio "$clarion_rate" "$wrk_rate")   (goal: >= 0.90; round by round: $round_ratios)"
echo "peak memory, $MEM_LINES lines:        $((peak_kb / 1024)) MiB   (goal: <= 50 MiB; $mem_summary)"
echo "$MEM_LINES-line rate / 10,000-line:    $(ratio "$big_rate" "$bracket")   (goal: >= 0.90; $(secs "$big_rate") /s against the median of 10,000-line runs just before and after it: $bracket_runs)"
result "batch, 10,000 lines" "$(secs "$clarion_rate") /s" ""
result "batch / xargs -P 8 curl" "$(ratio "$curl_s" "$clarion_s")x" ">= 10x"
result "batch / wrk (unique keys)" "$(ratio "$clarion_rate" "$wrk_rate")x (medians of $ROUNDS alternating runs; rounds $round_ratios; wrk non-2xx $WRK_BAD, stored $WRK_STORED of $WRK_TOTAL)" ">= 0.90x"
result "batch, $MEM_LINES lines, peak memory" "$((peak_kb / 1024)) MiB" "<= 50 MiB"
result "batch, $MEM_LINES lines / 10,000 lines, rate" "$(ratio "$big_rate" "$bracket")x ($(secs "$big_rate") /s; medians of 10,000 lines: $bracket_runs)" ">= 0.90x"
