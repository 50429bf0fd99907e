#!/usr/bin/env bash
# Waiting for many: 10,000 sequences on `clarion sandbox serve --db FILE --speed 600`, then
# `clarion sequence wait --ids-from` on all of them:
#  - wall time, next to the time the last sequence takes to end plus one interval (goal: close),
#  - GET requests made (counted in the sandbox's log), next to the fewest possible (goal: close),
#  - peak memory (goal: <= 50 MiB).
# Usage: bench/wait.sh [SEQUENCES]   (default 10000)
source "$(dirname "$0")/common.sh"
N=${1:-10000}
INTERVAL=5
[ -x /usr/bin/time ] || need time time
build

python3 - "$N" "$WORK/seed.jsonl" <<'PY'
import json, sys
n, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as f:
    for i in range(n):
        f.write(json.dumps({"name": f"Reminder {i}", "steps": [{"type": "voice", "config": {"sandbox_outcome": "completed"}}, {"type": "sms", "config": {"sandbox_outcome": "completed"}}]}) + "\n")
PY
export CLARION_TOKEN=bench CLARION_CONFIG_DIR=$WORK/config
log=$WORK/sandbox.log
"$BIN" sandbox serve --addr 127.0.0.1:0 --db "$WORK/w.sqlite3" --speed 600 >"$WORK/url" 2>"$log" &
PIDS+=($!)
for _ in $(seq 100); do [ -s "$WORK/url" ] && break; sleep 0.05; done
export CLARION_API_URL=$(head -n 1 "$WORK/url")
t0=$(date +%s.%N)
"$BIN" sequence create -f "$WORK/seed.jsonl" --test-mode >"$WORK/ids.txt" 2>/dev/null
t1=$(date +%s.%N)
gets_before=$(grep -c ' GET ' "$log" || true)
/usr/bin/time -f '%e %M' -o "$WORK/wait.time" "$BIN" sequence wait --ids-from "$WORK/ids.txt" --interval ${INTERVAL}s \
  --timeout 30m >"$WORK/wait.out" 2>"$WORK/wait.err" || true
read -r wait_s wait_kb <"$WORK/wait.time"
gets=$(( $(grep -c ' GET ' "$log" || true) - gets_before ))
# A two-step sequence ends about 2 simulated minutes (0.2 s at 600x) after creation, plus up to
# 30 s of its last step; the last one created ends that long after the batch finished.
python3 - "$N" "$t0" "$t1" "$wait_s" "$gets" "$wait_kb" "$INTERVAL" <<'PY'
import sys
n, t0, t1, wait_s, gets, kb, interval = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6]), float(sys.argv[7])
last_end = max(0.0, 150 / 600 - 0)  # simulated 150 s at most, in real seconds
print()
print(f"{n} sequences created in {t1 - t0:.1f} s; then waited {wait_s:.1f} s for all of them")
print(f"bound: the last one's end + one interval = at most {last_end + interval:.1f} s after the wait began (goal: close)")
print(f"GET requests: {gets}; the fewest possible: {n} (one look each, all ended by then) (goal: close)")
print(f"peak memory: {kb // 1024} MiB (goal: <= 50 MiB)")
PY
echo "$(tail -n 1 "$WORK/wait.err")"
result "wait, $N sequences, wall time" "$wait_s s" "~ last end + one interval"
result "wait, $N sequences, GET requests" "$gets (min $N)" "~ minimum"
result "wait, $N sequences, peak memory" "$((wait_kb / 1024)) MiB" "<= 50 MiB"
