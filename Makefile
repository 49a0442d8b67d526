# The two set-up commands of the README: `make demo` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := build

.PHONY: deps build test demo bench fuzz clean

deps:
	@scripts/install-deps.sh

build: deps
	swift build

test: deps
	swift build --build-tests
	swift test

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
