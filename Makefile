# The two set-up commands of the README: `make demo` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := build

.PHONY: deps build test demo bench fuzz clean

deps:
	@scripts/install-deps.sh

build: deps
	swift build

# The tests, then a short fuzz run of every libFuzzer target (20 s each); `make fuzz` runs
# them longer (SECONDS_PER_TARGET=600 make fuzz).
test: deps
	swift build --build-tests
	swift test
	Fuzz/run.sh 20

demo: deps
	swift build
	scripts/demo.sh "$$(swift build --show-bin-path)/roadmap"

bench: deps
	ROADMAP_WITH_BENCH=1 scripts/install-deps.sh
	scripts/bench.sh

fuzz:
	Fuzz/run.sh $${SECONDS_PER_TARGET:-60}

clean:
	rm -rf .build
