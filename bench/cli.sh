#!/usr/bin/env bash
# How quick the clarion binary is where users feel it:
#  - `clarion --version` and `clarion --help`: goal, at most 2 ms (the median of 300 runs) and
#    12 MiB of peak memory;
#  - `clarion sequence show 1 --json` against a local server, next to `curl -s` of the same
#    request: goal, at most 0.75x curl.
# Usage: bench/cli.sh   (prints the figures and the ratio; needs hyperfine, installed if missing)
source "$(dirname "$0")/common.sh"
need hyperfine
[ -x /usr/bin/time ] || need time time
need curl
build
start_sandbox
URL=$SANDBOX_URL/v1/sequence-manager/sequences/1
curl -s -o /dev/null -H 'Authorization: Bearer bench' -H 'Content-Type: application/json' \
  -d '{"name":"bench","steps":[{"order":1,"type":"voice"}]}' "$SANDBOX_URL/v1/sequence-manager/sequences"

export CLARION_TOKEN=bench CLARION_API_URL=$SANDBOX_URL CLARION_CONFIG_DIR=$WORK/config
# /bin/true is the floor: what starting any process costs on this machine at this moment.
# The machine's speed drifts within seconds, so the commands take turns: 6 rounds of 50 runs
# each, the order reversed every other round, and each figure is the median of all its 300
# runs. (300 runs of one command, then 300 of the next, compared two different machines.)
NAMES=(true version help clarion curl)
CMDS=("/bin/true" "$BIN --version" "$BIN --help" "$BIN sequence show 1 --json"
  "curl -s -H 'Authorization: Bearer bench' -H 'Accept: application/json' $URL")
for round in 1 2 3 4 5 6; do
  order=(0 1 2 3 4)
  [ $((round % 2)) -eq 0 ] && order=(4 3 2 1 0)
  args=()
  for i in "${order[@]}"; do args+=(-n "${NAMES[$i]}" "${CMDS[$i]}"); done
  hyperfine -N --warmup 10 --runs 50 --export-json "$WORK/h.$round.json" "${args[@]}" >/dev/null
done

read -r floor version help clarion curl spread < <(python3 -c "
import json, statistics, sys
runs, medians = {}, {}
for path in sys.argv[1:]:
    for r in json.load(open(path))['results']:
        runs.setdefault(r['command'], []).extend(t * 1000 for t in r['times'])
        medians.setdefault(r['command'], []).append(r['median'] * 1000)
m = {c: statistics.median(t) for c, t in runs.items()}
h = medians['help']
print(m['true'], m['version'], m['help'], m['clarion'], m['curl'], f'{min(h):.2f}-{max(h):.2f}')" "$WORK"/h.*.json)
echo
# Peak memory (GNU time's maximum resident set, KiB), the larger of five runs.
# Stdin too is kept off the terminal, as hyperfine keeps it: on one, clap renders the help.
peak() { for _ in 1 2 3 4 5; do /usr/bin/time -f %M "$BIN" "$1" 2>&1 >/dev/null </dev/null; done | sort -n | tail -n 1; }
version_kib=$(peak --version)
help_kib=$(peak --help)
printf '/bin/true (the floor):       %6.2f ms\n' "$floor"
printf 'over /bin/true:               --version %sx, --help %sx\n' "$(ratio "$version" "$floor")" "$(ratio "$help" "$floor")"
printf 'clarion --version:           %6.2f ms   (median of 300 runs in 6 rounds; goal: <= 2 ms), peak memory %s KiB\n' "$version" "$version_kib"
printf 'clarion --help:              %6.2f ms   (goal: <= 2 ms; round medians %s ms), peak memory %s KiB (goal: <= 12 MiB)\n' "$help" "$spread" "$help_kib"
printf 'clarion sequence show --json: %6.2f ms\n' "$clarion"
printf 'curl -s, same request:        %6.2f ms\n' "$curl"
echo "ratio clarion/curl: $(ratio "$clarion" "$curl")   (goal: <= 0.75)"
# The times over /bin/true's too: this VM's speed varies by a half between hours, and the
# ratio is what stays put.
result "clarion --version" "$(printf '%.2f ms, %.1f MiB (/bin/true: %.2f ms; %sx it)' "$version" "$(python3 -c "print($version_kib / 1024)")" "$floor" "$(ratio "$version" "$floor")")" "<= 2 ms, 12 MiB"
result "clarion --help" "$(printf '%.2f ms, %.1f MiB (%sx /bin/true; rounds %s ms)' "$help" "$(python3 -c "print($help_kib / 1024)")" "$(ratio "$help" "$floor")" "$spread")" "<= 2 ms, 12 MiB"
result "sequence show --json / curl -s" "$(ratio "$clarion" "$curl")x ($(printf '%.2f' "$clarion") ms)" "<= 0.75x"
