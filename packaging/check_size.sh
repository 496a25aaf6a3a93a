#!/usr/bin/env bash
# The standalone build's size against its limit (issue 15: under 450 MB), run by `make dist` and by
# packaging/smoke_test.sh so the figure is printed on every build and a build over it fails.
#   packaging/check_size.sh [APP_DIR]      APP_DIR defaults to dist/timeline-app
#   MAX_MB=400 packaging/check_size.sh     another limit (decimal megabytes, 1 MB = 1,000,000 bytes)
# Prints the unpacked folder's size (apparent size of its files, as unpacking the archive gives)
# and the archive's, if `make dist` made one next to it.
set -euo pipefail
APP_DIR=${1:-dist/timeline-app}
MAX_MB=${MAX_MB:-450}
[ -d "$APP_DIR" ] || { echo "size: FAIL: $APP_DIR is not a folder (run: make dist)" >&2; exit 1; }
bytes=$(du -sb "$APP_DIR" | cut -f1)
files=$(find "$APP_DIR" -type f | wc -l)
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB (%.1f MiB)", b / 1e6, b / 1048576 }'; }
echo "size: $APP_DIR $(mb "$bytes"), $files files (limit $MAX_MB MB)"
for tarball in "$(dirname "$APP_DIR")"/timeline-explorer-*-linux-*.tar.gz; do
  [ -f "$tarball" ] && echo "size: archive $tarball $(mb "$(stat -c %s "$tarball")")"
done
if [ "$bytes" -gt $((MAX_MB * 1000000)) ]; then
  echo "size: FAIL: $APP_DIR is over $MAX_MB MB" >&2
  exit 1
fi
