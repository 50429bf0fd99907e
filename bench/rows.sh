#!/usr/bin/env bash
# Template x rows, measured against `clarion sandbox serve --db FILE` on this machine:
#  - 100,000 sequences from a template and a 100,000-row CSV (`create -f T --rows FILE`),
#  - the same 100,000 sequences as a plain JSON Lines batch (what `--dry-run` writes),
#  - goal: the merge keeps at least 90% of the plain batch's rate, with peak memory <= 50 MiB.
# Usage: bench/rows.sh [ROWS]   (default 100000)
source "$(dirname "$0")/common.sh"
ROWS=${1:-100000}
[ -x /usr/bin/time ] || need time time
build

cat >"$WORK/t.toml" <<'TOML'
name = "Reminder for {{ first_name | title }}"
description = "Visit on {{ date }}"

[[steps]]
type = "voice"
[steps.config]
destination_number = "{{ phone }}"
voicemail_message = "Hi {{ first_name | title }}, see you on {{ date }}. {{ note | default('') }}"
TOML
python3 - "$ROWS" "$WORK/p.csv" <<'PY'
import csv, sys
n, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["first_name", "phone", "date", "note"])
    for i in range(n):
        w.writerow([f"patient{i}", f"+1555{i % 10**7:07d}", f"Tue, Dec {i % 28 + 1}", "" if i % 3 else "bring your card"])
PY
export CLARION_TOKEN=bench CLARION_CONFIG_DIR=$WORK/config
secs() { python3 -c "import sys; print(f'{float(sys.argv[1]):.2f}')" "$1"; }

# The same sequences as JSON Lines, from the dry run (which sends nothing).
"$BIN" sequence create -f "$WORK/t.toml" --rows "$WORK/p.csv" --dry-run >"$WORK/day.jsonl" 2>/dev/null
[ "$(wc -l <"$WORK/day.jsonl")" -eq "$ROWS" ] || { echo "the dry run did not render $ROWS rows" >&2; exit 1; }

run() { # run NAME URL ARGS...: one batch against the sandbox at URL; prints seconds, peak KiB
  local name=$1 url=$2; shift 2
  /usr/bin/time -f '%e %M' -o "$WORK/$name.time" env CLARION_API_URL="$url" "$BIN" sequence create "$@" \
    >"$WORK/$name.ids" 2>"$WORK/$name.err"
  [ "$(wc -l <"$WORK/$name.ids")" -eq "$ROWS" ] || { echo "$name did not create $ROWS sequences" >&2; tail "$WORK/$name.err" >&2; exit 1; }
  cat "$WORK/$name.time"
}
# Each against a fresh durable sandbox, started here so that the exit trap stops it.
start_sandbox --db "$WORK/jsonl.sqlite3"
read -r jsonl_s jsonl_kb < <(run jsonl "$SANDBOX_URL" -f "$WORK/day.jsonl")
start_sandbox --db "$WORK/rows.sqlite3"
read -r rows_s rows_kb < <(run rows "$SANDBOX_URL" -f "$WORK/t.toml" --rows "$WORK/p.csv")
jsonl_rate=$(python3 -c "print($ROWS / $jsonl_s)")
rows_rate=$(python3 -c "print($ROWS / $rows_s)")

echo
echo "$ROWS sequences, JSON Lines batch:    $(secs "$jsonl_s") s  ($(secs "$jsonl_rate") /s, peak $((jsonl_kb / 1024)) MiB)"
echo "$ROWS sequences, template x CSV:      $(secs "$rows_s") s  ($(secs "$rows_rate") /s, peak $((rows_kb / 1024)) MiB)"
echo "template x CSV / JSON Lines:          $(ratio "$rows_rate" "$jsonl_rate")   (goal: >= 0.90; peak memory goal: <= 50 MiB)"
result "template x CSV / JSON Lines, rate" "$(ratio "$rows_rate" "$jsonl_rate")x" ">= 0.90x"
result "template x CSV, peak memory" "$((rows_kb / 1024)) MiB" "<= 50 MiB"
