#!/bin/sh
# Builds the YAML fuzzer with libFuzzer + AddressSanitizer and runs it on the seed corpus.
# Usage: Fuzz/run.sh [seconds]   (default 30). Findings go to Fuzz/crashes/.
set -eu
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-30}"
OUT=.build-fuzz
mkdir -p "$OUT" Fuzz/crashes "$OUT/corpus"
swiftc -sanitize=fuzzer,address -parse-as-library -O -g \
    -module-name YAMLFuzz \
    Sources/RoadmapKit/Format/*.swift Fuzz/YAMLFuzz/main.swift \
    -o "$OUT/yaml-fuzz"
# The working corpus grows in $OUT/corpus; the seeds stay untouched.
"$OUT/yaml-fuzz" "$OUT/corpus" Fuzz/corpus/yaml \
    -max_total_time="$SECONDS_TO_RUN" -max_len=4096 -timeout=5 \
    -artifact_prefix=Fuzz/crashes/ -print_final_stats=1
