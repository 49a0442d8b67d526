#!/usr/bin/env bash
# The `roadmap serve` rows of `make bench` (scripts/bench.sh runs this with BENCH_ONLY=serve or
# by default): on a generated repository, wrk's p50 / p99 latency and requests/s for the board,
# the timeline, an item page and /api/items, side by side with the static HTML export served
# by the same server (/export.html: rendered once, then sent from memory); the server's peak
# memory (VmHWM) and the page sizes. Then the start-up of the hook, `roadmap --version` and
# `review --staged`, with hyperfine, for BEFORE_BIN (a build without the server) and BIN.
#
#   scripts/bench-serve.sh BIN REPO OUT [BEFORE_BIN]
#   SERVE_SECONDS=10 SERVE_CONNECTIONS=8 scripts/bench-serve.sh …
#
# Prints a Markdown table to stdout (and OUT/serve.md). Not a test: it never fails on a slow figure.
set -euo pipefail
BIN=$1 REPO=$2 OUT=$3 BEFORE=${4:-}
SECONDS_EACH=${SERVE_SECONDS:-10}
CONNECTIONS=${SERVE_CONNECTIONS:-8}
TODAY=${BENCH_TODAY:-2026-11-22}
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "bench-serve: wrk is missing (ROADMAP_WITH_BENCH=1 scripts/install-deps.sh)" >&2; exit 2; }

# The most edited release: its page carries the longest history and blame.
ITEM=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["history_id"])' "$REPO.json" 2>/dev/null \
  || basename "$(git -C "$REPO" ls-files 'roadmap/releases/*.yaml' | head -1)" .yaml)
[ -n "$ITEM" ] || { echo "bench-serve: $REPO holds no release to open (and no $REPO.json); generate it with scripts/generate-roadmap.py" >&2; exit 2; }

start=$(date +%s%N)
"$BIN" serve -C "$REPO" --port 0 --today "$TODAY" > "$OUT/serve.out" 2> "$OUT/serve.err" &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do grep -q http "$OUT/serve.out" 2>/dev/null && break; sleep 0.05; done
URL=$(grep -o 'http://[^ ]*' "$OUT/serve.out" | sed 's,/$,,')
startup_ms=$(( ($(date +%s%N) - start) / 1000000 ))

rows=()
for entry in "board|/board" "timeline|/timeline" "item $ITEM|/items/$ITEM" "/api/items|/api/items" "static export|/export.html"; do
  label=${entry%%|*} path=${entry#*|}
  size=$(curl -s -o /dev/null -w '%{size_download}' "$URL$path")   # also the warm-up
  curl -s -o /dev/null "$URL$path"
  echo "bench-serve: $label ($path)" >&2
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --timeout 30s --latency "$URL$path" > "$OUT/wrk-${label//[^a-zA-Z0-9]/-}.txt" 2>&1 || true
  rows+=("$label|$path|$size|$(python3 - "$OUT/wrk-${label//[^a-zA-Z0-9]/-}.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def ms(s):
    m = re.match(r"([\d.]+)(us|ms|s|m)$", s)
    if not m: return "?"
    v = float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[m.group(2)]
    return f"{v:.1f}"
p = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", text, re.M))
rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
print(f"{ms(p.get('50', ''))}|{ms(p.get('99', ''))}|{float(rps.group(1)):.0f}|{errors.group(1) if errors else 0}" if rps else "?|?|?|?")
PY
)")
done
peak=$(awk '/VmHWM/ {print $2}' "/proc/$PID/status")
kill -TERM $PID; wait $PID || true
trap - EXIT

{
  echo "| page | bytes | p50 | p99 | requests/s | non-2xx |"
  echo "|---|---:|---:|---:|---:|---:|"
  for row in "${rows[@]}"; do
    IFS='|' read -r label path size p50 p99 rps errors <<<"$row"
    echo "| $label (\`$path\`) | $size | $p50 ms | $p99 ms | $rps | $errors |"
  done
  echo
  echo "$(grep -c . <(git -C "$REPO" ls-files 'roadmap/*.yaml')) items, wrk $SECONDS_EACH s × $CONNECTIONS connections (2 threads) per page; server started in $startup_ms ms (to its printed URL); peak memory (VmHWM) $((peak / 1024)) MiB; load: $(uptime | sed 's/.*load/load/')."
} | tee "$OUT/serve.md"

# Start-up of the hook: the server is linked in; nothing of it may run before `serve`.
if command -v hyperfine >/dev/null; then
  ex="$OUT/startup-example"
  rm -rf "$ex" && git init -q -b main "$ex"
  git -C "$ex" -c user.name=bench -c user.email=b@e.x commit -q --allow-empty -m root
  "$BIN" init --example --no-hooks "$ex" >/dev/null
  printf '  Edited for the benchmark.\n' >> "$ex/roadmap/stories/invoice-pdf.yaml"
  git -C "$ex" add roadmap/stories/invoice-pdf.yaml
  echo
  echo "| binary | \`--version\` mean ± σ | \`review --staged\` mean ± σ | size |"
  echo "|---|---:|---:|---:|"
  for b in ${BEFORE:+"$BEFORE"} "$BIN"; do
    # A run that fails leaves no figures of its own: never print the previous binary's.
    rm -f "$OUT/hf-version.json" "$OUT/hf-staged.json"
    hyperfine -N -i --style none --warmup 3 --runs 30 --export-json "$OUT/hf-version.json" "$b --version" >/dev/null 2>&1
    hyperfine -N -i --style none --warmup 3 --runs 20 --export-json "$OUT/hf-staged.json" "$b -C $ex review --staged --today $TODAY" >/dev/null 2>&1 || true
    python3 - "$b" "$OUT/hf-version.json" "$OUT/hf-staged.json" <<'PY'
import json, os, sys
def f(p):
    if not os.path.exists(p): return "failed"
    r = json.load(open(p))["results"][0]
    return f"{r['mean'] * 1000:.1f} ± {r['stddev'] * 1000:.1f} ms (median {r['median'] * 1000:.1f})"
print(f"| `{sys.argv[1]}` | {f(sys.argv[2])} | {f(sys.argv[3])} | {os.path.getsize(sys.argv[1]) / 1e6:.1f} MB |")
PY
  done
fi | tee -a "$OUT/serve.md"
