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
hyperfine -N --warmup 20 --runs 300 --export-json "$WORK/h.json" \
  -n true "/bin/true" \
  -n version "$BIN --version" \
  -n help "$BIN --help" \
  -n clarion "$BIN sequence show 1 --json" \
  -n curl "curl -s -H 'Authorization: Bearer bench' -H 'Accept: application/json' $URL" >&2

read -r floor version help clarion curl < <(python3 -c "
import json,sys
r={x['command']:x['median']*1000 for x in json.load(open(sys.argv[1]))['results']}
print(r['true'], r['version'], r['help'], r['clarion'], r['curl'])" "$WORK/h.json")
echo
# Peak memory (GNU time's maximum resident set, KiB), the larger of five runs.
peak() { for _ in 1 2 3 4 5; do /usr/bin/time -f %M "$BIN" "$1" 2>&1 >/dev/null; done | sort -n | tail -n 1; }
version_kib=$(peak --version)
help_kib=$(peak --help)
printf '/bin/true (the floor):       %6.2f ms\n' "$floor"
printf 'clarion --version:           %6.2f ms   (median of 300; goal: <= 2 ms), peak memory %s KiB\n' "$version" "$version_kib"
printf 'clarion --help:              %6.2f ms   (goal: <= 2 ms), peak memory %s KiB (goal: <= 12 MiB)\n' "$help" "$help_kib"
printf 'clarion sequence show --json: %6.2f ms\n' "$clarion"
printf 'curl -s, same request:        %6.2f ms\n' "$curl"
echo "ratio clarion/curl: $(ratio "$clarion" "$curl")   (goal: <= 0.75)"
result "clarion --version" "$(printf '%.2f ms, %.1f MiB (/bin/true: %.2f ms)' "$version" "$(python3 -c "print($version_kib / 1024)")" "$floor")" "<= 2 ms, 12 MiB"
result "clarion --help" "$(printf '%.2f ms, %.1f MiB' "$help" "$(python3 -c "print($help_kib / 1024)")")" "<= 2 ms, 12 MiB"
result "sequence show --json / curl -s" "$(ratio "$clarion" "$curl")x ($(printf '%.2f' "$clarion") ms)" "<= 0.75x"
