#!/bin/sh
# Prints the YAML parser's throughput and Yams compose's on the same generated corpus of
# item files (release build). Figures only; nothing is asserted about time. The machine should
# be otherwise idle: the figures move with load (compare the ratio to Yams when it is not).
#
#   scripts/bench-parser.sh              MB/s, ours and Yams compose (swift test -c release)
#   scripts/bench-parser.sh --callgrind  instructions per round of 1,000 items (valgrind), the
#                                        reliable measure on a loaded machine: builds the
#                                        parser's sources with a small driver (-O -wmo, as a
#                                        release build) and counts parse + root + deallocation.
set -eu
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--callgrind" ]; then
    dir="${SCRATCH:-.build-bench}/callgrind"
    mkdir -p "$dir"
    # The corpus of Tests/RoadmapKitTests/Format/YAMLBenchmark.swift, 1,000 items.
    sed -n '/static func item(_ i: Int) -> String {/,/^    }$/p' \
        Tests/RoadmapKitTests/Format/YAMLBenchmark.swift > "$dir/item.swift.part"
    { echo "enum Corpus {"; cat "$dir/item.swift.part"; echo "}"; cat <<'SWIFT'
@inline(never)
func parseRound(_ files: [[UInt8]]) -> Int {
    var sink = 0
    for f in files { sink &+= (try? YAMLParser.parse(f).root.pairs?.count ?? 0) ?? 0 }
    return sink
}

@main struct Main {
    static func main() {
        let files = (0..<1000).map { Array(Corpus.item($0).utf8) }
        var sink = parseRound(files)   // warm-up
        sink &+= parseRound(files)
        print("\(files.reduce(0) { $0 + $1.count }) bytes, sink \(sink)")
    }
}
SWIFT
    } > "$dir/main.swift"
    swiftc -O -wmo -parse-as-library -module-name YAMLBench \
        Sources/RoadmapKit/Format/*.swift "$dir/main.swift" -o "$dir/yaml-bench"
    valgrind --tool=callgrind --callgrind-out-file="$dir/callgrind.out" \
        --toggle-collect='*parseRound*' "$dir/yaml-bench" 2>&1 \
        | sed -n 's/.*Collected : \([0-9]*\).*/\1/p' \
        | awk '{ printf "YAML parser: %.1fM instructions per round of 1,000 items (callgrind)\n", $1 / 2e6 }'
    exit 0
fi
ROADMAP_BENCH=1 swift test -c release --scratch-path "${SCRATCH:-.build-bench}" \
    --filter YAMLBenchmark 2>&1 | grep -E "YAML benchmark|error" || true
