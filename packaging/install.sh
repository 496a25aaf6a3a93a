#!/bin/sh
# Install the standalone build for one user (or system-wide with PREFIX=/usr/local, as root):
# the app folder, a `timeline-app` command, the menu entry, the icons and the AppStream metadata.
# Run it from the unpacked timeline-app/ folder: ./install.sh   (./install.sh --uninstall to remove)
set -eu
APP_ID=io.github.timelineexplorer.TimelineExplorer
PREFIX=${PREFIX:-$HOME/.local}
HERE=$(cd "$(dirname "$0")" && pwd)
DEST=$PREFIX/lib/timeline-explorer
RES=$HERE/_internal/timeline_app/resources

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$DEST" "$PREFIX/bin/timeline-app" "$PREFIX/share/applications/$APP_ID.desktop" \
         "$PREFIX/share/metainfo/$APP_ID.metainfo.xml"
  rm -f "$PREFIX"/share/icons/hicolor/*/apps/"$APP_ID".*
  echo "removed Timeline Explorer from $PREFIX"
  exit 0
fi

[ -x "$HERE/timeline-app" ] && [ -d "$RES" ] || { echo "install.sh: run me from the unpacked timeline-app folder" >&2; exit 1; }
mkdir -p "$PREFIX/bin" "$PREFIX/share/applications" "$PREFIX/share/metainfo"
if [ "$HERE" != "$DEST" ]; then
  rm -rf "$DEST" && mkdir -p "$DEST" && cp -a "$HERE/." "$DEST/"
fi
ln -sf "$DEST/timeline-app" "$PREFIX/bin/timeline-app"
# Exec= names the command; point it at this install so the menu entry works without PATH
sed "s|^Exec=timeline-app|Exec=$DEST/timeline-app|; s|^TryExec=timeline-app|TryExec=$DEST/timeline-app|" \
  "$RES/$APP_ID.desktop" > "$PREFIX/share/applications/$APP_ID.desktop"
cp "$RES/$APP_ID.metainfo.xml" "$PREFIX/share/metainfo/"
for icon in "$RES"/icons/hicolor/*/apps/*; do
  size=$(basename "$(dirname "$(dirname "$icon")")")
  mkdir -p "$PREFIX/share/icons/hicolor/$size/apps"
  cp "$icon" "$PREFIX/share/icons/hicolor/$size/apps/"
done
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$PREFIX/share/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$PREFIX/share/icons/hicolor" || true
echo "installed Timeline Explorer in $DEST; command: $PREFIX/bin/timeline-app"
