# Shared by the bench scripts: build the release binary, install measuring tools, start sandboxes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
BIN=$ROOT/target/release/clarion
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

need() { # need TOOL [DEBIAN_PACKAGE]
  command -v "$1" >/dev/null && return
  echo "installing $1 ..." >&2
  (apt-get install -y "${2:-$1}" >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 && apt-get install -y "${2:-$1}" >/dev/null; })
}

build() {
  echo "building the release binary ..." >&2
  cargo build --release --locked --quiet
}

# start_sandbox ARGS...: starts `clarion sandbox serve` on a free port; sets SANDBOX_URL, and
# SANDBOX_LOG to the file its log (stderr) goes to.
start_sandbox() {
  local out=$WORK/sandbox.$RANDOM
  SANDBOX_LOG=$out.log
  "$BIN" sandbox serve --addr 127.0.0.1:0 "$@" >"$out" 2>"$SANDBOX_LOG" &
  PIDS+=($!)
  for _ in $(seq 100); do [ -s "$out" ] && break; sleep 0.05; done
  SANDBOX_URL=$(head -n 1 "$out")
  [ -n "$SANDBOX_URL" ] || { echo "the sandbox did not start" >&2; exit 1; }
}

ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$1" "$2"; }

# result FIGURE VALUE GOAL: one line for bench/all.sh's table, when it is collecting them.
result() {
  [ -n "${BENCH_RESULTS:-}" ] && printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$BENCH_RESULTS"
  return 0
}
