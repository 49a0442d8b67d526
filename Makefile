# The two set-up commands of the README: `make demo` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := build

.PHONY: deps build release test demo bench fuzz clean

deps:
	@scripts/install-deps.sh

build: deps
	swift build

# The binary to put on PATH: optimized, with the Swift runtime and Foundation linked in, so
# it starts about 4 ms sooner (every hook run pays start-up). The benchmark measures this build.
release: deps
	swift build -c release --static-swift-stdlib --scratch-path .build-release
	@echo "built .build-release/release/roadmap"

# The tests, then the browser suite of `roadmap serve` (chromium + selenium, installed by
# `make deps` in CI or with ROADMAP_WITH_BROWSER=1), then a short fuzz run of every libFuzzer
# target (20 s each); `make fuzz` runs them longer (SECONDS_PER_TARGET=600 make fuzz).
test: deps
	swift build --build-tests
	swift test
	@if command -v chromedriver >/dev/null && python3 -c "import selenium, axe_selenium_python, pytest" 2>/dev/null; then \
	  python3 -m pytest -q Tests/Browser; \
	else echo "browser suite skipped: ROADMAP_WITH_BROWSER=1 make deps installs chromium and selenium"; \
	  [ "$${CI:-}" != true ]; fi
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
