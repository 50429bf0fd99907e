#!/usr/bin/env bash
# How quick the clarion binary is where users feel it:
#  - `clarion --version` and `clarion --help`: goal, at most 2 ms;
#  - `clarion sequence show 1 --json` against a local server, next to `curl -s` of the same
#    request: goal, at most 0.75x curl.
# Usage: bench/cli.sh   (prints the figures and the ratio; needs hyperfine, installed if missing)
source "$(dirname "$0")/common.sh"
need hyperfine
need curl
build
start_sandbox
URL=$SANDBOX_URL/v1/sequence-manager/sequences/1
curl -s -o /dev/null -H 'Authorization: Bearer bench' -H 'Content-Type: application/json' \
  -d '{"name":"bench","steps":[{"order":1,"type":"voice"}]}' "$SANDBOX_URL/v1/sequence-manager/sequences"

export CLARION_TOKEN=bench CLARION_API_URL=$SANDBOX_URL CLARION_CONFIG_DIR=$WORK/config
hyperfine -N --warmup 20 --runs 300 --export-json "$WORK/h.json" \
  -n version "$BIN --version" \
  -n help "$BIN --help" \
  -n clarion "$BIN sequence show 1 --json" \
  -n curl "curl -s -H 'Authorization: Bearer bench' -H 'Accept: application/json' $URL" >&2

read -r version help clarion curl < <(python3 -c "
import json,sys
r={x['command']:x['mean']*1000 for x in json.load(open(sys.argv[1]))['results']}
print(r['version'], r['help'], r['clarion'], r['curl'])" "$WORK/h.json")
echo
printf 'clarion --version:           %6.2f ms   (goal: <= 2 ms)\n' "$version"
printf 'clarion --help:              %6.2f ms   (goal: <= 2 ms)\n' "$help"
printf 'clarion sequence show --json: %6.2f ms\n' "$clarion"
printf 'curl -s, same request:        %6.2f ms\n' "$curl"
echo "ratio clarion/curl: $(ratio "$clarion" "$curl")   (goal: <= 0.75)"
result "clarion --version" "$(printf '%.2f ms' "$version")" "<= 2 ms"
result "clarion --help" "$(printf '%.2f ms' "$help")" "<= 2 ms"
result "sequence show --json / curl -s" "$(ratio "$clarion" "$curl")x ($(printf '%.2f' "$clarion") ms)" "<= 0.75x"
