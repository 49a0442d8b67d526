#!/usr/bin/env bash
# Benchmarks roadmap against the git and YAML tools that do comparable work, on synthetic
# repositories (scripts/generate-roadmap.py), and prints a Markdown table to stdout and to
# bench-out/results.md. Not a test: it prints figures and judges them against the targets,
# it never fails on a slow figure.
#
#   scripts/bench.sh                 # 1,000, 10,000 and 50,000 items, 20,000 commits, 10 runs each
#   BENCH_SIZES="1000" BENCH_COMMITS=2000 BENCH_RUNS=5 scripts/bench.sh   # a quick look
#   BENCH_ONLY=history BENCH_SIZES=1000 BENCH_COMMITS=2000 scripts/bench.sh   # one part:
#                                    # review, hook, history, digest, forecast, import, proposals, startup, serve (default: all)
#   BENCH_BEFORE_BIN=/path/to/roadmap   # serve: also time the start-up of a build without the server
#
# Every generated repository is measured twice for history: as generated (no commit-graph)
# and as a copy where `git commit-graph write --reachable --changed-paths` has run (what
# `git maintenance`, `git gc` and hosting services leave), git measured on the same copy.
#
# Medians are over whole-process runs (hyperfine --export-json); "cold" removes roadmap's
# parse cache (<git dir>/roadmap) before each run with --prepare, "warm" keeps it. Page
# caches stay warm for every tool. Peak RSS is one extra run under /usr/bin/time -f %M.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${BENCH_OUT:-bench-out}
RUNS=${BENCH_RUNS:-10}
SIZES=${BENCH_SIZES:-"1000 10000 50000"}
ONLY=${BENCH_ONLY:-"review hook history digest forecast import proposals startup serve"}
COMMITS=${BENCH_COMMITS:-20000}
PROPOSALS=${BENCH_PROPOSALS:-50}
SEED=${BENCH_SEED:-1}
TODAY=2026-11-22
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }
need_apt=()
command -v hyperfine >/dev/null 2>&1 || need_apt+=(hyperfine)
[ -x /usr/bin/time ] || need_apt+=(time)
if [ ${#need_apt[@]} -gt 0 ]; then
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
command -v check-yaml >/dev/null 2>&1 || python3 -m pip install -q pre-commit-hooks
CHECK_YAML=$(command -v check-yaml)

echo "bench: building in release mode" >&2
swift build -c release --static-swift-stdlib --scratch-path .build-release >&2
BIN=$PWD/.build-release/release/roadmap

# ---------------------------------------------------------------- repositories (cached)
gen_hash=$(sha1sum scripts/generate-roadmap.py | cut -c1-12)
repo_for() {  # N -> path of a generated repository, made once per generator version
  local n=$1 repo="$OUT/repo-$1-$COMMITS-s$SEED"
  if [ ! -f "$repo.stamp" ] || [ "$(cat "$repo.stamp")" != "$gen_hash" ]; then
    echo "bench: generating $n items, $COMMITS commits, $PROPOSALS proposals" >&2
    rm -f "$repo.stamp"
    python3 scripts/generate-roadmap.py "$repo" --items "$n" --commits "$COMMITS" \
      --seed "$SEED" --proposals "$PROPOSALS" >/dev/null
    git -C "$repo" fsck --strict --no-progress >&2
    echo "$gen_hash" > "$repo.stamp"
  fi
  echo "$repo"
}
graph_repo_for() {  # N -> a copy of repo_for N with a commit-graph and changed-path filters
  local repo graph
  repo=$(repo_for "$1")
  graph="$repo-graph"
  if [ ! -f "$graph.stamp" ] || [ "$(cat "$graph.stamp")" != "$(cat "$repo.stamp")" ]; then
    echo "bench: writing the commit-graph (--changed-paths) of $1 items" >&2
    rm -rf "$graph" "$graph.stamp"
    cp -a "$repo" "$graph"
    cp "$repo.json" "$graph.json"
    git -C "$graph" commit-graph write --reachable --changed-paths
    cp "$repo.stamp" "$graph.stamp"
  fi
  echo "$graph"
}
part() { [[ " $ONLY " == *" $1 "* ]]; }
meta() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1.json" "$2"; }

# ---------------------------------------------------------------- measuring
declare -A MEDIAN RSS
measure() {  # KEY COMMAND [PREPARE]: median seconds and peak RSS (KiB), once per key
  local key=$1 cmd=$2 prep=${3:-}
  [ -n "${MEDIAN[$key]:-}" ] && return 0
  local json="$OUT/hf-$key.json"
  local args=(--style none --warmup 2 --runs "$RUNS" -i --export-json "$json")
  [ -n "$prep" ] && args+=(--prepare "$prep")
  echo "bench: $key" >&2
  hyperfine "${args[@]}" "$cmd" >&2
  MEDIAN[$key]=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["median"])' "$json")
  [ -n "$prep" ] && sh -c "$prep"
  /usr/bin/time -f %M -o "$OUT/rss.txt" sh -c "$cmd" >/dev/null 2>&1 || true
  RSS[$key]=$(tail -1 "$OUT/rss.txt")
  echo "${RSS[$key]}" > "$OUT/rss-$key.txt"
}
has_command() {  # ROADMAP NAME: true when `roadmap NAME --help` is that command's own help
  local help
  help=$($1 "$2" --help 2>&1) || return 1
  [[ $help == *"USAGE: roadmap $2"* ]]
}
ROWS=()
row() {  # N LABEL KEY COUNTER-LABEL COUNTER-KEY TARGET-RATIO ("" = none)
  ROWS+=("$1|$2|${MEDIAN[$3]}|$4|${MEDIAN[$5]}|$6|${RSS[$3]}|${RSS[$5]}")
}
NOTES=()

# History of three items against git log -- PATH, cold and warm, in one repository (plain or
# with a commit-graph): the most edited release, the story that sorts first in the largest
# folder (git stops reading the folder's entries once past the path), and the first
# campaign. "warm, other folder" is the story's query after only the release's has run (and
# the index it started is made): a warm cache must be warm for every item, not only for the
# folder walked first.
history_rows() {  # N REPO LABEL
  local n=$1 repo=$2 label=$3 key R cache cold hid hpath spath sid cpath cid
  key="$n-$( [ "$label" = "no commit-graph" ] && echo plain || echo graph )"
  R="$BIN -C $repo"
  cache="$(git -C "$repo" rev-parse --git-common-dir)"
  case $cache in /*) ;; *) cache="$repo/$cache" ;; esac
  cold="rm -rf $cache/roadmap || { sleep 0.5; rm -rf $cache/roadmap; }"  # a background index-history may be writing
  hid=$(meta "$repo" history_id) hpath=$(meta "$repo" history_path)
  spath=$(git -C "$repo" ls-files 'roadmap/stories/*.yaml' | sed -n 1p)
  sid=$(basename "$spath" .yaml)
  cpath=$(git -C "$repo" ls-files 'roadmap/campaigns/*.yaml' | sed -n 1p)
  cid=$(basename "$cpath" .yaml)
  # With a commit-graph, a history command starts making the complete changed-path index in
  # the background (`roadmap index-history`, a few seconds); "warm" is once it is made, so
  # the warm runs wait for it in their preparation (not timed). Without a graph it is a no-op.
  local indexed=true
  has_command "$BIN" index-history && indexed="$R index-history --wait >/dev/null"
  local item path what
  for item in "release:$hid:$hpath" "story:$sid:$spath" "campaign:$cid:$cpath"; do
    IFS=: read -r what id path <<<"$item"
    measure "$key-git-log-$what" "git -C $repo log --format=%H -- $path"
    measure "$key-history-$what-cold" "$R history $id" "$cold"
    measure "$key-history-$what-warm" "$R history $id" "$indexed"
    row "$n" "history $id, $what, $label (cold)" "$key-history-$what-cold" "git log -- PATH, $label" "$key-git-log-$what" "$( [ "$label" = "no commit-graph" ] || echo 1)"
    row "$n" "history $id, $what, $label (warm)" "$key-history-$what-warm" "git log -- PATH, $label" "$key-git-log-$what" "$( [ "$label" = "no commit-graph" ] || echo 0.5)"
  done
  measure "$key-history-story-after-release" "$R history $sid" "$cold && $R history $hid >/dev/null && $indexed"
  row "$n" "history $sid, story, $label (warm, other folder)" "$key-history-story-after-release" "git log -- PATH, $label" "$key-git-log-story" "$( [ "$label" = "no commit-graph" ] || echo 0.5)"
}

# Start-up: what every hook run pays before any work.
# The target (issue 21): at most 4 ms above git, for `--version` and for the hook's own fixed
# cost (`review --staged` of a one-item roadmap with one staged edit, warm, against `git status`
# there: opening the repository, libgit2's initialisation, the configuration, the index).
if part startup; then
  measure "startup" "$BIN --version"
  measure "git-startup" "git --version"
  row 0 "--version (start-up)" "startup" "git --version" "git-startup" "+4ms"
  tiny="$OUT/repo-tiny"
  if [ ! -d "$tiny/.git" ]; then
    git init -q -b main "$tiny" && "$BIN" init --no-hooks "$tiny" >/dev/null
    mkdir -p "$tiny/roadmap/stories" && printf 'kind: story\ntitle: One\nstatus: proposed\n' > "$tiny/roadmap/stories/one.yaml"
    git -C "$tiny" add -A && git -C "$tiny" -c user.name=bench -c user.email=bench@example.com commit -qm one
  fi
  printf '  # edited\n' >> "$tiny/roadmap/stories/one.yaml" && git -C "$tiny" add -A
  measure "hook-startup" "$BIN -C $tiny review --staged --hook pre-commit --today $TODAY"
  measure "git-status-tiny" "git -C $tiny status"
  git -C "$tiny" reset -q --hard
  row 0 "review --staged --hook, 1-item roadmap (the hook's start-up)" "hook-startup" "git status" "git-status-tiny" "+4ms"
fi

for n in $SIZES; do
  repo=$(repo_for "$n")
  R="$BIN -C $repo"
  cache="$(git -C "$repo" rev-parse --git-common-dir)"
  case $cache in /*) ;; *) cache="$repo/$cache" ;; esac
  cold="rm -rf $cache/roadmap || { sleep 0.5; rm -rf $cache/roadmap; }"  # a background index-history may be writing
  git -C "$repo" ls-files 'roadmap/*.yaml' > "$OUT/files-$n.txt"
  t() { [ "$n" = 10000 ] && echo "$1" || echo ""; }   # targets are set for 10,000 items

  if part review; then
  # the full tree: review cold and warm, git status, check-yaml over every item file
  measure "$n-review-cold" "$R review --today $TODAY" "$cold"
  measure "$n-review-warm" "$R review --today $TODAY"
  measure "$n-git-status" "git -C $repo status"
  measure "$n-check-yaml" "cd $repo && $CHECK_YAML \$(cat $OUT/files-$n.txt)"
  row "$n" "review (cold)" "$n-review-cold" "check-yaml" "$n-check-yaml" "$(t 0.05)"
  row "$n" "review (warm)" "$n-review-warm" "check-yaml" "$n-check-yaml" ""
  row "$n" "review (cold)" "$n-review-cold" "git status" "$n-git-status" ""
  row "$n" "review (warm)" "$n-review-warm" "git status" "$n-git-status" ""
  fi

  if part hook; then
  # the hook: one changed item staged; the target (≤ 2× git status, warm) holds at every size
  stage=$(meta "$repo" stage_path)
  printf '  Edited for the benchmark.\n' >> "$repo/$stage"
  git -C "$repo" add "$stage"
  measure "$n-staged-cold" "$R review --staged --hook pre-commit --today $TODAY" "$cold"
  measure "$n-staged-warm" "$R review --staged --hook pre-commit --today $TODAY"
  measure "$n-git-status-1" "git -C $repo status"
  git -C "$repo" reset -q -- "$stage" && git -C "$repo" checkout -q -- "$stage"
  row "$n" "review --staged --hook, 1 item (cold)" "$n-staged-cold" "git status" "$n-git-status-1" ""
  row "$n" "review --staged --hook, 1 item (warm)" "$n-staged-warm" "git status" "$n-git-status-1" "2"
  fi

  if part history && has_command "$R" history; then
    history_rows "$n" "$repo" "no commit-graph"
    history_rows "$n" "$(graph_repo_for "$n")" "commit-graph + Bloom"
  elif part history; then
    NOTES+=("history: skipped for $n items, \`roadmap history --help\` fails (the command is not on this branch yet)")
  fi

  # digest: the last week of the base branch (the generator's commits land every 5 to 75
  # minutes: about 250 of them), cold and warm, against git log --since printing the same
  # commits' patches under the roadmap
  if part digest && has_command "$R" digest; then
    last=$(git -C "$repo" log -1 --format=%cs main)
    week=$(python3 -c 'import datetime, sys; print(datetime.date.fromisoformat(sys.argv[1]) - datetime.timedelta(days=6))' "$last")
    measure "$n-digest-cold" "$R digest --since $week --today $TODAY" "$cold"
    measure "$n-digest-warm" "$R digest --since $week --today $TODAY"
    measure "$n-git-log-since" "git -C $repo log --first-parent --since=$week -p main -- roadmap roadmap.yaml"
    row "$n" "digest --since $week, a week (cold)" "$n-digest-cold" "git log --since -p" "$n-git-log-since" ""
    row "$n" "digest --since $week, a week (warm)" "$n-digest-warm" "git log --since -p" "$n-git-log-since" ""
  elif part digest; then
    NOTES+=("digest: skipped for $n items, \`roadmap digest --help\` fails (the command is not on this branch yet)")
  fi
  # forecast (issue 17): every dated item's history from the history cache, then the Monte
  # Carlo; the counterpart is git reading every version of every release and campaign.
  # "warm" keeps the history cache and the record per tip (dated-history-v1) a first run
  # wrote. impact: one release moved by 30 days.
  if part forecast && has_command "$R" forecast; then
    measure "$n-git-log-dated" "git -C $repo log --format=%H -p -- roadmap/releases roadmap/campaigns"
    measure "$n-forecast-cold" "$R forecast --today $TODAY" "$cold"
    measure "$n-forecast-warm" "$R forecast --today $TODAY"
    row "$n" "forecast (cold)" "$n-forecast-cold" "git log -p -- releases campaigns" "$n-git-log-dated" ""
    row "$n" "forecast (warm)" "$n-forecast-warm" "git log -p -- releases campaigns" "$n-git-log-dated" ""
    if has_command "$R" impact; then
      hid=$(meta "$repo" history_id) hpath=$(meta "$repo" history_path)
      measure "$n-git-log-release" "git -C $repo log --format=%H -- $hpath"
      measure "$n-impact-cold" "$R impact $hid --by +30d" "$cold"
      measure "$n-impact-warm" "$R impact $hid --by +30d"
      row "$n" "impact $hid --by +30d (cold)" "$n-impact-cold" "git log -- PATH" "$n-git-log-release" ""
      row "$n" "impact $hid --by +30d (warm)" "$n-impact-warm" "git log -- PATH" "$n-git-log-release" ""
    else
      NOTES+=("impact: skipped for $n items, \`roadmap impact --help\` fails (the command is not on this branch yet)")
    fi
  elif part forecast; then
    NOTES+=("forecast: skipped for $n items, \`roadmap forecast --help\` fails (the command is not on this branch yet)")
  fi

  # import: a Jira CSV export of N issues (scripts/generate-jira-export.py) into a fresh
  # repository each run (--prepare), in one commit; the counterpart is git adding and
  # committing the same files (written by the import). Then the same export again, into the
  # roadmap the last run left: nothing changes and nothing is committed (issue 19: seconds)
  if ! part import; then
    :
  elif has_command "$BIN" import; then
    imp="$OUT/import-$n" plain="$OUT/import-git-$n"
    who="env GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com"
    python3 scripts/generate-jira-export.py "$n" > "$OUT/jira-$n.csv"
    fresh="rm -rf $imp && git init -q -b main $imp && $BIN init --no-hooks $imp >/dev/null"
    measure "$n-import" "$who $BIN -C $imp import $OUT/jira-$n.csv --from jira" "$fresh"
    measure "$n-git-add-commit" "git -C $plain add -A && $who git -C $plain commit -qm import" \
      "rm -rf $plain && mkdir -p $plain && cp -r $imp/roadmap $plain/ && git init -q -b main $plain"
    row "$n" "import --from jira ($n rows)" "$n-import" "git add + commit" "$n-git-add-commit" ""
    measure "$n-reimport" "$who $BIN -C $imp import $OUT/jira-$n.csv --from jira"
    row "$n" "import --from jira again ($n rows, nothing changes)" "$n-reimport" "git add + commit" "$n-git-add-commit" ""
  else
    NOTES+=("import: skipped for $n items, \`roadmap import --help\` fails (the command is not on this branch yet)")
  fi

  # open proposals
  if ! part proposals; then
    :
  elif has_command "$R" proposals; then
    measure "$n-git-branches" "git -C $repo branch --list 'proposal/*' -v"
    measure "$n-proposals" "$R proposals --today $TODAY" "$cold"
    row "$n" "proposals ($PROPOSALS open, cold)" "$n-proposals" "git branch -v" "$n-git-branches" ""
  else
    NOTES+=("proposals: skipped for $n items, \`roadmap proposals --help\` fails (the command is not on this branch yet)")
  fi

  # roadmap serve at 10,000 items: wrk against the pages and the static export (its own table)
  if part serve && [ "$n" = 10000 ]; then
    scripts/bench-serve.sh "$BIN" "$repo" "$OUT/serve-$n" "${BENCH_BEFORE_BIN:-}" >&2
    NOTES+=("serve: see $OUT/serve-$n/serve.md")
  fi
done

# ---------------------------------------------------------------- the table
{
  printf '%s\n' "${ROWS[@]}" | python3 -c '
import sys
def t(s):
    s = float(s)
    return f"{s * 1000:.0f} ms" if s >= 0.1 else f"{s * 1000:.1f} ms"
def m(k): return f"{int(k) / 1024:.0f} MiB" if k else "?"
print("| items | command | median | counterpart | median | ratio | target | peak RSS roadmap / counterpart |")
print("|---:|---|---:|---|---:|---:|---|---:|")
for line in sys.stdin.read().split("\n"):
    if not line: continue
    n, label, med, clabel, cmed, target, rss, crss = line.split("|")
    ratio = float(med) / float(cmed)
    verdict = ""
    if target.startswith("+"):
        over = (float(med) - float(cmed)) * 1000
        limit = float(target[1:-2])
        verdict = f"≤ {target} above " + ("holds" if over <= limit else f"misses ({over:.1f} ms above)")
    elif target:
        verdict = f"≤ {target}× " + ("holds" if ratio <= float(target) else f"misses ({ratio / float(target):.1f}× over)")
    mem = f"{m(rss)} / {m(crss)}"
    # the memory target (issue 21): the warm hook at most twice the peak of git status (10,000 items)
    if n == "10000" and label.startswith("review --staged") and "warm" in label and rss and crss:
        mem += " ✓" if int(rss) <= 2 * int(crss) else " ✗"
    items = f"{int(n):,}" if int(n) else "—"
    print(f"| {items} | `{label}` | {t(med)} | `{clabel}` | {t(cmed)} | {ratio:.2f}× | {verdict} | {mem} |")
'
  echo
  echo "$COMMITS commits, $RUNS runs per command (median), hyperfine $(hyperfine --version | cut -d" " -f2), git $(git --version | cut -d" " -f3), $(nproc) cores, $(. /etc/os-release && echo "$PRETTY_NAME")."
  for note in "${NOTES[@]}"; do echo "- $note"; done
} | tee "$OUT/results.md"
