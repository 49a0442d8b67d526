#!/bin/sh
# Builds every libFuzzer target with AddressSanitizer and runs each on its seed corpus.
#
# Usage: Fuzz/run.sh [seconds] [target…]
#   seconds  per target (default: $SECONDS_PER_TARGET, else 30)
#   target   yaml · date · merge · pack · graph (default: all of them)
#
# The targets compile the sources they need directly (no package):
#   yaml   the YAML subset parser, editor and formatter     Sources/RoadmapKit/Format/*.swift
#   date   the roadmap date parser and calendar arithmetic  Sources/RoadmapKit/Model/RoadmapDate.swift
#   merge  the field-level three-way merge of an item       Format/*.swift + Proposals/ItemMerge.swift, AssetMerge.swift, MergeConflict.swift
#   pack   the pack reader of history walks (packs, indexes, deltas)  Sources/GitKit/ObjectStore/*.swift, with libgit2 and zlib
#   graph  the commit-graph reader (files, split chains, Bloom filters) and the changed-path index  the same sources
# Seeds stay in Fuzz/corpus/<target>/ (kept in the repository); the working corpus grows in
# .build-fuzz/corpus/<target>/; findings go to Fuzz/crashes/<target>-*. Exits 1 when any
# target found something, after running all of them.
set -eu
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-${SECONDS_PER_TARGET:-30}}"
[ $# -gt 0 ] && shift
TARGETS="${*:-yaml date merge pack graph}"
OUT=.build-fuzz
FORMAT="Sources/RoadmapKit/Format/*.swift"
PACK="Sources/GitKit/ObjectStore/*.swift Sources/GitKit/ObjectID.swift Sources/GitKit/CommitLink.swift"
mkdir -p "$OUT" Fuzz/crashes

sources() {
    case "$1" in
        yaml)  echo "$FORMAT Fuzz/YAMLFuzz/main.swift" ;;
        date)  echo "Sources/RoadmapKit/Model/RoadmapDate.swift Fuzz/DateFuzz/main.swift" ;;
        merge) echo "$FORMAT Sources/RoadmapKit/Proposals/ItemMerge.swift Sources/RoadmapKit/Proposals/AssetMerge.swift Sources/RoadmapKit/Proposals/MergeConflict.swift Fuzz/MergeFuzz/main.swift" ;;
        pack)  echo "$PACK Fuzz/PackFuzz/main.swift" ;;
        graph) echo "$PACK Fuzz/GraphFuzz/main.swift" ;;
        *) echo "Fuzz/run.sh: unknown target '$1' (yaml, date, merge, pack, graph)" >&2; exit 2 ;;
    esac
}

# The C libraries a target links (the pack reader's ids and raw objects come from libgit2).
libraries() {
    case "$1" in
        pack|graph) echo "-I Sources/CLibGit2 -I Sources/CZlib -lgit2 -lz" ;;
        *) echo "" ;;
    esac
}

failed=""
for target in $TARGETS; do
    src=$(sources "$target")
    libs=$(libraries "$target")
    echo "== $target: building" >&2
    # The linker's notes about ASan's local symbols are noise: shown only when the build fails.
    # shellcheck disable=SC2086  # the source list is meant to be split and globbed
    if ! swiftc -sanitize=fuzzer,address -parse-as-library -O -g -module-name "Fuzz_$target" $src $libs \
        -o "$OUT/$target-fuzz" >"$OUT/$target-build.log" 2>&1; then
        cat "$OUT/$target-build.log" >&2
        exit 2
    fi
    mkdir -p "$OUT/corpus/$target"
    echo "== $target: fuzzing for ${SECONDS_TO_RUN}s" >&2
    # The working corpus comes first: libFuzzer adds new inputs there, never to the seeds.
    if ! "$OUT/$target-fuzz" "$OUT/corpus/$target" "Fuzz/corpus/$target" \
        -max_total_time="$SECONDS_TO_RUN" -max_len=4096 -timeout=5 -rss_limit_mb=2048 \
        -artifact_prefix="Fuzz/crashes/$target-" -print_final_stats=1 2>"$OUT/$target.log"; then
        failed="$failed $target"
        echo "== $target: FOUND A PROBLEM; see $OUT/$target.log and Fuzz/crashes/$target-*" >&2
    fi
    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ *DONE)|^(==[0-9]+==ERROR|SUMMARY)' "$OUT/$target.log" | sed "s/^/   $target: /" >&2 || true
done
if [ -n "$failed" ]; then
    echo "Fuzz/run.sh: findings in:$failed" >&2
    exit 1
fi
echo "Fuzz/run.sh: no findings in $TARGETS (${SECONDS_TO_RUN}s each)" >&2
