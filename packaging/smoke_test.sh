#!/usr/bin/env bash
# Smoke test of the standalone build (slow, so not part of `make test`): run after `make dist`.
#   packaging/smoke_test.sh [APP_DIR]        APP_DIR defaults to dist/timeline-app
# Checks that the binary runs outside any virtual environment, that `extract` finds the sample
# article's publication date, that `export` writes a non-blank PNG, and prints the build's size
# and its start-up times next to the venv's (median of RUNS runs, default 5).
set -euo pipefail
cd "$(dirname "$0")/.."
APP_DIR=${1:-dist/timeline-app}
APP=$APP_DIR/timeline-app
PY=${PYTHON:-.venv/bin/python}
RUNS=${RUNS:-5}
SAMPLE=$APP_DIR/_internal/timeline_app/data/sample_politico_2017-05-10.txt
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

fail() { echo "smoke: FAIL: $*" >&2; exit 1; }
# what a user's shell has: no venv, no PYTHONPATH, started from an unrelated folder
clean() { (cd "$WORK" && env -i HOME="$WORK" PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$@"); }

[ -x "$APP" ] || fail "$APP is missing or not executable (run: make dist)"
[ -f "$SAMPLE" ] || fail "the sample article is not in the build ($SAMPLE)"
APP=$(cd "$APP_DIR" && pwd)/timeline-app
SAMPLE=$(cd "$(dirname "$SAMPLE")" && pwd)/$(basename "$SAMPLE")
echo "smoke: binary $APP"

version=$(clean "$APP" --version)
expected=$("$PY" -c 'import timeline_app; print(timeline_app.__version__)')
[ "$version" = "timeline-app $expected" ] || fail "--version printed '$version', expected 'timeline-app $expected'"
echo "smoke: ok  --version: $version"

clean "$APP" extract "$SAMPLE" > "$WORK/sample.json" 2> "$WORK/extract.err" \
  || { cat "$WORK/extract.err" >&2; fail "extract exited non-zero"; }
"$PY" - "$WORK/sample.json" <<'PY' || fail "extract's JSON is not what the sample gives"
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))["documents"][0]
assert doc["published"] == "2017-05-10", doc["published"]
assert len(doc["timexes"]) > 10 and len(doc["events"]) > 5, (len(doc["timexes"]), len(doc["events"]))
print(f"smoke: ok  extract: published {doc['published']}, {len(doc['timexes'])} timexes, "
      f"{len(doc['events'])} events")
PY

clean "$APP" export "$SAMPLE" -o "$WORK/timeline.png" > /dev/null 2> "$WORK/export.err" \
  || { cat "$WORK/export.err" >&2; fail "export exited non-zero"; }
[ -s "$WORK/timeline.png" ] || fail "export wrote no PNG"
QT_QPA_PLATFORM=offscreen "$PY" - "$WORK/timeline.png" <<'PY' || fail "the exported PNG is blank or too small"
import sys
from PySide6.QtGui import QGuiApplication, QImage
app = QGuiApplication([])
img = QImage(sys.argv[1])
assert not img.isNull() and img.width() >= 800 and img.height() >= 300, img.size()
step = 4
samples = [img.pixel(x, y) for x in range(0, img.width(), step) for y in range(0, img.height(), step)]
background = max(set(samples), key=samples.count)
drawn = sum(p != background for p in samples) / len(samples)
assert drawn > 0.01 and len(set(samples)) > 20, (drawn, len(set(samples)))
print(f"smoke: ok  export: {img.width()}x{img.height()} PNG, {drawn:.1%} of pixels drawn, "
      f"{len(set(samples))} colours")
PY

echo "smoke: build size $(du -sh "$APP_DIR" | cut -f1) ($(find "$APP_DIR" -type f | wc -l) files)"
for tarball in dist/timeline-explorer-*-linux-*.tar.gz; do
  [ -f "$tarball" ] && echo "smoke: archive $tarball $(du -h "$tarball" | cut -f1)"
done

VENV_APP=$PWD/.venv/bin/timeline-app
"$PY" - "$APP" "$VENV_APP" "$SAMPLE" "$RUNS" "$WORK" <<'PY'
import os, statistics, subprocess, sys, time
app, venv_app, sample, runs, work = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
env = {"HOME": work, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}

def median_seconds(cmd):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=work, env=env, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)

print(f"smoke: start-up, median of {runs} runs    built     venv")
for label, args in (("--version (process start)", ["--version"]),
                    ("extract sample (model load)", ["extract", sample]),
                    ("export sample PNG (+ Qt)", ["export", sample, "-o", os.path.join(work, "t.png")])):
    row = [median_seconds([app, *args])]
    row.append(median_seconds([venv_app, *args]) if os.access(venv_app, os.X_OK) else float("nan"))
    print(f"smoke:   {label:<30} {row[0]:6.2f} s  {row[1]:6.2f} s")
PY
echo "smoke: all checks passed"
