#!/bin/sh
# Prints the YAML parser's throughput and Yams compose's on the same generated corpus of
# item files (release build). Figures only; nothing is asserted about time. The machine should
# be otherwise idle: the figures move with load (compare the ratio to Yams when it is not).
set -eu
cd "$(dirname "$0")/.."
ROADMAP_BENCH=1 swift test -c release --scratch-path "${SCRATCH:-.build-bench}" \
    --filter YAMLBenchmark 2>&1 | grep -E "YAML benchmark|error" || true
