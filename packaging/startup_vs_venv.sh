#!/usr/bin/env bash
# Start-up of the standalone build against the venv, paired runs (farm-bench --vs), after `make dist`:
#   packaging/startup_vs_venv.sh [RUNS]      prints median wall times and the ratio standalone/venv
# --version is the process start alone; extract adds the spaCy model load and the extraction of the
# sample; export adds Qt and the rendering of the timeline to a PNG (offscreen).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
APP=$PWD/dist/timeline-app/timeline-app
VENV=$PWD/.venv/bin/timeline-app
SAMPLE=$PWD/seeds/000_5c7e1887aa53ff4b.txt
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
command -v farm-bench >/dev/null || { echo "needs farm-bench" >&2; exit 1; }
export QT_QPA_PLATFORM=offscreen
for args in "--version" "extract $SAMPLE" "export $SAMPLE -o $OUT/t.png"; do
  echo "== timeline-app ${args%% *}: standalone (A) vs venv (B)"
  # shellcheck disable=SC2086
  farm-bench -n "$RUNS" --timeout 600 --vs "$VENV $args" -- "$APP" $args
done
