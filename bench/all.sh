#!/usr/bin/env bash
# Every benchmark, then one table: figure, measured, goal. The README's performance figures
# come from this table, with its date and machine.
# Usage: bench/all.sh   (takes several minutes; installs hyperfine, wrk, GNU time, Prism)
set -euo pipefail
cd "$(dirname "$0")"
export BENCH_RESULTS
BENCH_RESULTS=$(mktemp)
trap 'rm -f "$BENCH_RESULTS"' EXIT
for bench in cli.sh sandbox.sh batch.sh rows.sh wait.sh; do
  echo "== bench/$bench" >&2
  bash "$bench" >&2
done
echo
echo "$(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m), $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
printf '%-46s %-52s %s\n' "figure" "measured" "goal"
while IFS=$'\t' read -r figure value goal; do
  printf '%-46s %-52s %s\n' "$figure" "$value" "$goal"
done <"$BENCH_RESULTS"
