#!/usr/bin/env bash
# Smoke test of the standalone build (slow, so not part of `make test`): run after `make dist`.
#   packaging/smoke_test.sh [APP_DIR]        APP_DIR defaults to dist/timeline-app
#   SMOKE_CHROOT=/srv/trixie packaging/smoke_test.sh   the same inside a chroot (as root), e.g. a
#                                                      Debian made with debootstrap that has no Python
# The app runs with no Python reachable (PATH holds only an empty folder, no venv, no PYTHONPATH,
# HOME a fresh folder) and is checked with no Python either: `--version`, `extract` of the sample
# article (its publication date), of a saved web page, a PDF and a Word file (packaging/smoke/: each
# reader's date and text), `export` of a non-blank PNG, then a real window under Xvfb: the
# window "Timeline Explorer" must appear, is photographed (SMOKE_SHOT, default dist/smoke-window.png)
# and closed; last, the build's size against its limit (packaging/check_size.sh, 450 MB).
# Needs Xvfb, xdotool and ImageMagick on the machine running the script.
set -euo pipefail
cd "$(dirname "$0")/.."
APP_DIR=$(cd "${1:-dist/timeline-app}" && pwd)
SHOT=${SMOKE_SHOT:-dist/smoke-window.png}
CHROOT=${SMOKE_CHROOT:-}
WORK=$(mktemp -d)
XVFB_PID=""
cleanup() {
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null || true
  [ -n "$CHROOT" ] && rm -rf "$CHROOT/opt/timeline-smoke"
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "smoke: FAIL: $*" >&2; exit 1; }
for tool in Xvfb xdotool import identify; do
  command -v "$tool" >/dev/null || fail "$tool is needed (Debian: xvfb xdotool imagemagick)"
done
[ -x "$APP_DIR/timeline-app" ] || fail "$APP_DIR/timeline-app is missing or not executable (run: make dist)"

# where the app runs: this machine, or a copy inside the chroot
if [ -n "$CHROOT" ]; then
  [ "$(id -u)" = 0 ] || fail "SMOKE_CHROOT needs root"
  rm -rf "$CHROOT/opt/timeline-smoke" && mkdir -p "$CHROOT/opt/timeline-smoke/home" "$CHROOT/opt/timeline-smoke/out"
  cp -a "$APP_DIR" "$CHROOT/opt/timeline-smoke/timeline-app"
  ROOTED=/opt/timeline-smoke            # the paths as the app sees them
  HOST_SIDE=$CHROOT/opt/timeline-smoke  # the same paths from here
  mkdir -p "$HOST_SIDE/nopython"
else
  ROOTED=$WORK
  HOST_SIDE=$WORK
  mkdir -p "$WORK/home" "$WORK/out" "$WORK/nopython"
  cp -a "$APP_DIR" "$WORK/timeline-app"
fi
APP=$ROOTED/timeline-app/timeline-app
SAMPLE=$ROOTED/timeline-app/_internal/timeline_app/data/sample_politico_2017-05-10.txt
OUT=$ROOTED/out
[ -f "$HOST_SIDE/timeline-app/_internal/timeline_app/data/sample_politico_2017-05-10.txt" ] \
  || fail "the sample article is not in the build"

# what a user's session has, minus any Python: PATH is an empty folder
run() {
  local cmd=(env -i HOME="$ROOTED/home" PATH="$ROOTED/nopython" LANG=C.UTF-8 ${SMOKE_ENV:-} "$@")
  if [ -n "$CHROOT" ]; then chroot "$CHROOT" "${cmd[@]}"; else (cd "$ROOTED" && "${cmd[@]}"); fi
}
if [ -n "$CHROOT" ]; then
  chroot "$CHROOT" sh -c 'command -v python3 || command -v python || ls /usr/bin/python* /usr/lib/python3*' \
    >/dev/null 2>&1 && fail "the chroot has a Python"
  echo "smoke: in chroot $CHROOT ($(. "$CHROOT/etc/os-release" && echo "$PRETTY_NAME")), no Python in it"
fi
run /bin/sh -c 'command -v python3 || command -v python' >/dev/null 2>&1 && fail "python is reachable on PATH"
echo "smoke: binary $APP, PATH=$ROOTED/nopython (no python)"

version=$(run "$APP" --version)
case $version in "timeline-app "[0-9]*) ;; *) fail "--version printed '$version'" ;; esac
if [ -f build/version/VERSION ] && [ "$version" != "timeline-app $(cat build/version/VERSION)" ]; then
  fail "--version printed '$version', the build wrote $(cat build/version/VERSION)"
fi
echo "smoke: ok  --version: $version"

SMOKE_ENV=QT_QPA_PLATFORM=offscreen run "$APP" extract "$SAMPLE" > "$WORK/sample.json" 2> "$WORK/extract.err" \
  || { cat "$WORK/extract.err" >&2; fail "extract exited non-zero"; }
grep -q '"published": "2017-05-10"' "$WORK/sample.json" || fail "extract did not find the sample's date 2017-05-10"
timexes=$(grep -c '"value":' "$WORK/sample.json" || true)
[ "$timexes" -gt 10 ] || fail "extract found only $timexes values"
echo "smoke: ok  extract: published 2017-05-10, $timexes resolved values"

# each reader with its data files in the bundle: a saved web page (trafilatura, htmldate), a PDF
# (pdfminer.six), a Word file (python-docx); made by packaging/smoke/make_documents.py
cp packaging/smoke/page.html packaging/smoke/report.pdf packaging/smoke/draft.docx "$HOST_SIDE/out/"
for case in "page.html 2017-05-10 html-meta" "report.pdf 2017-05-10 dateline" "draft.docx 2017-05-11 docx-metadata"; do
  read -r name day source <<< "$case"
  SMOKE_ENV=QT_QPA_PLATFORM=offscreen run "$APP" extract "$OUT/$name" > "$WORK/$name.json" 2> "$WORK/$name.err" \
    || { cat "$WORK/$name.err" >&2; fail "extract $name exited non-zero"; }
  grep -q "\"published\": \"$day\"" "$WORK/$name.json" && grep -q "\"published_source\": \"$source\"" "$WORK/$name.json" \
    || fail "extract $name: not published $day ($source): $(grep -o '"published[^,]*' "$WORK/$name.json" | tr '\n' ' ')"
  grep -q '"text": "May 19"' "$WORK/$name.json" || fail "extract $name: the article's 'May 19' is missing"
  ! grep -q -e '2016-11-08' -e '2014-01-01' -e '2017-02-13' "$WORK/$name.json" \
    || fail "extract $name: a date of the page's navigation, scripts or related links was read"
done
echo "smoke: ok  readers: page.html (html-meta), report.pdf (dateline), draft.docx (docx-metadata)"

SMOKE_ENV=QT_QPA_PLATFORM=offscreen run "$APP" export "$SAMPLE" -o "$OUT/timeline.png" > /dev/null 2> "$WORK/export.err" \
  || { cat "$WORK/export.err" >&2; fail "export exited non-zero"; }
png=$HOST_SIDE/out/timeline.png
[ -s "$png" ] || fail "export wrote no PNG"
read -r width height colours <<< "$(identify -format '%w %h %k' "$png")"
[ "$width" -ge 800 ] && [ "$height" -ge 300 ] && [ "$colours" -gt 20 ] \
  || fail "the exported PNG is blank or small (${width}x${height}, $colours colours)"
echo "smoke: ok  export: ${width}x${height} PNG, $colours colours"

# a real window on a real (virtual) X server
Xvfb -displayfd 3 -screen 0 1400x900x24 -nolisten tcp 3> "$WORK/display" > "$WORK/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 100); do [ -s "$WORK/display" ] && break; sleep 0.2; done
number=$(cat "$WORK/display")
[ -n "$number" ] || fail "Xvfb did not start: $(cat "$WORK/xvfb.log")"
export DISPLAY=:$number
SMOKE_ENV="DISPLAY=:$number" run "$APP" "$SAMPLE" > "$WORK/window.log" 2>&1 &
APP_PID=$!
window=$(timeout 90 xdotool search --sync --onlyvisible --name 'Timeline Explorer$' | head -1) \
  || { cat "$WORK/window.log" >&2; fail "no window 'Timeline Explorer' within 90 s"; }
# the sample is extracted after the window appears; the title then names it
title=""
for _ in $(seq 240); do
  title=$(xdotool getwindowname "$window" 2>/dev/null || true)
  case $title in *sample_politico*) break ;; esac
  sleep 0.5
done
case $title in *sample_politico*) ;; *) cat "$WORK/window.log" >&2; fail "the sample did not open (title '$title')" ;; esac
sleep 1  # the first paint of the timeline
geometry=$(xdotool getwindowgeometry "$window" | sed -n 's/ *Geometry: //p')
mkdir -p "$(dirname "$SHOT")"
import -window root "$SHOT"
shot_colours=$(identify -format '%k' "$SHOT")
[ "$shot_colours" -gt 50 ] || fail "the window looks blank ($shot_colours colours in $SHOT)"
echo "smoke: ok  window: '$title' $geometry, screenshot $SHOT ($shot_colours colours)"
xdotool windowfocus --sync "$window" 2>/dev/null || true
xdotool key ctrl+q  # File > Quit, typed as a user would
for _ in $(seq 50); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.2; done
kill -0 "$APP_PID" 2>/dev/null && { kill "$APP_PID"; fail "the window closed but the app did not exit"; }
if grep -qi "could not load the qt platform plugin\|Traceback" "$WORK/window.log"; then
  cat "$WORK/window.log" >&2; fail "the app reported an error"
fi

packaging/check_size.sh "$APP_DIR" || fail "the build is too large"
echo "smoke: all checks passed"
