#!/usr/bin/env bash
# Regenerates scripts/text-order/symbol-order.txt: the functions the common runs of roadmap
# execute, in first-execution order, for lld's --symbol-ordering-file, which puts them first
# in .text so that those runs map few pages of the binary (docs/performance.md, "Memory").
#
#   scripts/text-order/make-order.sh BINARY [OUT]
#
# BINARY: a release roadmap (`make release`) linked WITHOUT an ordering file and not
#         stripped (the functions are found by its symbol table).
# OUT:    default scripts/text-order/symbol-order.txt
#
# Environment:
#   ORDER_REPO        the benchmark's 10,000-item repository (default bench-out/repo-10000-20000-s1,
#                     made by scripts/bench.sh), with its .json beside it (stage_path, history_id)
#   ORDER_GRAPH_REPO  the same with a commit-graph (default bench-out/repo-10000-20000-s1-graph)
#   ORDER_MAP         lld's -Map of BINARY's link (`-Xlinker -Map=FILE`), optional: needed to
#                     place functions that have no name of their own when every function has
#                     its own section (swiftc -Xfrontend -function-sections); see order.py
#   ORDER_MODE        functions (default: an int3 on every function entry, exact) or pages
#                     (execute faults per page: every function of an executed page)
#   ORDER_WORK        scratch folder (default: a new temporary one, removed at the end)
#
# The repositories are copied (cp -a) into the scratch folder and never changed. Runs, in
# this order (their union, first-executed first): --version; the pre-commit hook (warm) on a
# one-item repository and on the 10,000-item one with one story edited and staged; history
# of the benchmark's release, warm then cold, with the commit-graph; review (warm); list;
# show. Needs cc, readelf and python3; no network, no terminal.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
usage() { sed -n '5,10p' "$0" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] || usage
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
OUT=${2:-$here/symbol-order.txt}
[ -x "$BIN" ] || { echo "make-order: $1: not an executable" >&2; exit 2; }
REPO=${ORDER_REPO:-$root/bench-out/repo-10000-20000-s1}
GRAPH=${ORDER_GRAPH_REPO:-$root/bench-out/repo-10000-20000-s1-graph}
MODE=${ORDER_MODE:-functions}
TODAY=2026-11-22
for r in "$REPO" "$GRAPH"; do
  [ -d "$r/.git" ] && [ -f "$r.json" ] || { echo "make-order: $r: no repository with its .json (run scripts/bench.sh once, or set ORDER_REPO / ORDER_GRAPH_REPO)" >&2; exit 2; }
done
if [ -n "${ORDER_WORK:-}" ]; then
  work=$ORDER_WORK; mkdir -p "$work"
else
  work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fi
meta() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1.json" "$2"; }
exec </dev/null

cc -O2 -Wall -shared -fPIC -o "$work/trace-text.so" "$here/trace-text.c" -ldl
python3 "$here/order.py" entries "$BIN" > "$work/entries.txt"

echo "make-order: copying the repositories to $work" >&2
rm -rf "$work/repo" "$work/graph" "$work/tiny"
cp -a "$REPO" "$work/repo"
cp -a "$GRAPH" "$work/graph"
stage=$(meta "$REPO" stage_path)
sid=$(meta "$REPO" stage_id)
hid=$(meta "$GRAPH" history_id)
tiny=$work/tiny
git init -q -b main "$tiny"
"$BIN" init --no-hooks "$tiny" >/dev/null
mkdir -p "$tiny/roadmap/stories"
printf 'kind: story\ntitle: One\nstatus: proposed\n' > "$tiny/roadmap/stories/one.yaml"
git -C "$tiny" add -A
git -C "$tiny" -c user.name=order -c user.email=order@example.com commit -qm one
printf '  # edited\n' >> "$tiny/roadmap/stories/one.yaml"
git -C "$tiny" add -A
printf '  Edited for the benchmark.\n' >> "$work/repo/$stage"
git -C "$work/repo" add "$stage"

traces=()
n=0
traced() {  # PREPARE COMMAND...: runs PREPARE untraced, then COMMAND traced
  local prep=$1; shift
  n=$((n + 1))
  local out="$work/trace-$n.txt"
  sh -c "$prep" >/dev/null 2>&1 || true
  rm -f "$out"
  TRACE_TEXT_OUT=$out TRACE_TEXT_MODE=$MODE TRACE_TEXT_ENTRIES=$work/entries.txt \
    SWIFT_BACKTRACE=enable=no LD_PRELOAD=$work/trace-text.so "$BIN" "$@" >/dev/null 2>&1 || true
  [ -s "$out" ] || { echo "make-order: no trace from: roadmap $*" >&2; exit 1; }
  echo "make-order: $(wc -l < "$out") $MODE: roadmap $*" >&2
  traces+=("$out")
}
B=$BIN
traced true --version
traced "$B -C $tiny review --staged --hook pre-commit --today $TODAY" -C "$tiny" review --staged --hook pre-commit --today $TODAY
traced "$B -C $work/repo review --staged --hook pre-commit --today $TODAY" -C "$work/repo" review --staged --hook pre-commit --today $TODAY
git -C "$work/repo" reset -q -- "$stage" && git -C "$work/repo" checkout -q -- "$stage"
# history warm: once the complete changed-path index (started in the background by the
# first history command) is made; then cold: without roadmap's caches
traced "$B -C $work/graph history $hid && $B -C $work/graph index-history --wait" -C "$work/graph" history "$hid"
traced "rm -rf $work/graph/.git/roadmap" -C "$work/graph" history "$hid"
"$B" -C "$work/graph" index-history --wait >/dev/null 2>&1 || true   # the cold run started one
traced "$B -C $work/repo review --today $TODAY" -C "$work/repo" review --today $TODAY
traced true -C "$work/repo" list
traced true -C "$work/repo" show "$sid"

opts=()
[ "$MODE" = pages ] && opts+=(--pages)
[ -n "${ORDER_MAP:-}" ] && opts+=(--map "$ORDER_MAP")
python3 "$here/order.py" symbols "${opts[@]}" "$BIN" "${traces[@]}" > "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
echo "make-order: $(wc -l < "$OUT") symbols to $OUT" >&2
