#!/usr/bin/env bash
# The README's demo: the example roadmap in a temporary folder, and the worked example of a
# release that slips past its launch campaign. Usage: scripts/demo.sh [path/to/roadmap]
set -uo pipefail
roadmap=${1:-roadmap}
work=$(mktemp -d "${TMPDIR:-/tmp}/roadmap-demo.XXXXXX")
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME="Demo Person" GIT_AUTHOR_EMAIL=demo@lumen.example
export GIT_COMMITTER_NAME="Demo Person" GIT_COMMITTER_EMAIL=demo@lumen.example
today=2026-11-22

step() { if [ -t 1 ]; then printf '\n\033[1m$ %s\033[0m\n' "$*"; else printf '\n$ %s\n' "$*"; fi; }
run() { step "$*"; "$@"; local rc=$?; [ $rc -eq 0 ] || printf '(exit %d)\n' $rc; return 0; }
must() { step "$*"; "$@" || { echo "demo: '$*' failed" >&2; exit 1; }; }

cd "$work" || exit 1
must "$roadmap" init --example demo
must "$roadmap" -C demo list
must git -C demo log --format='%h %an  %s' 
must "$roadmap" -C demo review --today $today
must "$roadmap" -C demo history billing-v2
must "$roadmap" -C demo slips

echo
echo "# Product moves billing v2 by five weeks; the launch campaign is now before the ship date."
must "$roadmap" -C demo set billing-v2 date=2027-05-20
step "$roadmap" -C demo commit --all -m "Billing v2 moves to 20 May" --today $today
"$roadmap" -C demo commit --all -m "Billing v2 moves to 20 May" --today $today
rc=$?
[ $rc -eq 1 ] || { echo "demo: expected the commit to be refused (exit 1), got $rc" >&2; exit 1; }
echo "(exit 1: refused, nothing committed)"

echo
echo "# replan moves every campaign and fixed-date asset promoting billing v2 by the same five weeks."
must "$roadmap" -C demo replan billing-v2 --today $today
must "$roadmap" -C demo commit --all -m "Billing v2 moves to 20 May; its campaigns and content follow" --today $today
must "$roadmap" -C demo calendar --today $today
must "$roadmap" -C demo impact usage-based-pricing --by +30d --today $today
must git -C demo log --format='%h %an  %s' -3
must git -C demo fsck --strict
echo
echo "demo: done in $work/demo"
