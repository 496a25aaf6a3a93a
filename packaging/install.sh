#!/bin/sh
# Install the standalone build for one user (or system-wide with PREFIX=/usr/local, as root):
# the app folder, a `timeline-app` command, the menu entry, the icons and the AppStream metadata.
# Run it from the unpacked timeline-app/ folder: ./install.sh   (./install.sh --uninstall to remove)
#
# Polite to the desktop: the app is offered in "Open With" for text and HTML files but never made
# their default (no mimeapps.list is written; in the MIME cache it is listed after the application
# that was the default). Every file and folder it creates is recorded in the app folder, so
# --uninstall removes exactly those, refreshes the caches that were there before and deletes the
# ones it created: the user's folders are left as they were.
set -eu
APP_ID=io.github.timelineexplorer.timeline_explorer
if [ -n "${PREFIX:-}" ]; then
  DATA=$PREFIX/share
else
  PREFIX=$HOME/.local
  DATA=${XDG_DATA_HOME:-$HOME/.local/share}
fi
HERE=$(cd "$(dirname "$0")" && pwd)
DEST=$PREFIX/lib/timeline-explorer
APPS=$DATA/applications
ICONS=$DATA/icons/hicolor
MANIFEST=$DEST/.install-manifest  # what this install created, read by --uninstall
RES=$HERE/_internal/timeline_app/resources
MIME_TYPES=$(sed -n 's/^MimeType=//p' "$RES/$APP_ID.desktop" 2>/dev/null | tr ';' ' ')

have() { command -v "$1" >/dev/null 2>&1; }

# mkdir -p that records, outermost first, each folder it had to create
record_mkdir() {
  [ -d "$1" ] && return 0
  record_mkdir "$(dirname "$1")"
  mkdir "$1"
  echo "dir $1" >> "$LOG"
}

# the application TYPE opens with now: GIO's answer, xdg-mime's, or else the first one the
# system's MIME caches list (what GIO falls back to); empty when there is none
default_for() {
  found=""
  if have gio; then
    found=$(gio mime "$1" 2>/dev/null | sed -n '1s/^[^:]*: *//p' | grep '\.desktop$' || true)
  fi
  if [ -z "$found" ] && have xdg-mime; then
    found=$(xdg-mime query default "$1" 2>/dev/null | grep '\.desktop$' || true)
  fi
  if [ -z "$found" ]; then
    old_ifs=$IFS; IFS=:
    for dir in ${XDG_DATA_DIRS:-/usr/local/share:/usr/share}; do
      found=$(sed -n "s|^$1=\([^;]*\);.*|\1|p" "$dir/applications/mimeinfo.cache" 2>/dev/null | head -1)
      [ -n "$found" ] && break
    done
    IFS=$old_ifs
  fi
  printf '%s' "$found"
}

refresh_desktop_cache() {
  have update-desktop-database && update-desktop-database -q "$APPS" || true
}

refresh_icon_cache() {  # only a cache that is there: GTK reads the folders without one
  [ -f "$ICONS/icon-theme.cache" ] && have gtk-update-icon-cache && gtk-update-icon-cache -q -t -f "$ICONS" || true
}

# Exec= wants the path quoted, with " ` $ \ escaped inside the quotes, the escaping backslash itself
# doubled as in every desktop-file string, and % written %% (GLib's launcher still cannot find a
# program whose path has a %); TryExec= is a plain string
desktop_quoted() { printf '%s' "$1" | sed 's/\\/\\\\\\\\/g; s/["`$]/\\\\&/g; s/%/%%/g'; }
desktop_string() { printf '%s' "$1" | sed 's/\\/\\\\/g'; }

if [ "${1:-}" = "--uninstall" ]; then
  if [ ! -f "$MANIFEST" ]; then
    echo "install.sh: no Timeline Explorer installed in $PREFIX ($MANIFEST is missing)" >&2
    exit 1
  fi
  list=$(mktemp)
  cp "$MANIFEST" "$list"
  grep '^file ' "$list" | cut -c6- | while IFS= read -r path; do rm -f "$path"; done
  rm -rf "$DEST"
  if grep -qxF "created-cache $APPS/mimeinfo.cache" "$list" && ! ls "$APPS"/*.desktop >/dev/null 2>&1; then
    rm -f "$APPS/mimeinfo.cache"
  elif [ -f "$APPS/mimeinfo.cache" ]; then
    refresh_desktop_cache
  fi
  refresh_icon_cache
  # the folders it made, innermost first, where they are empty again
  grep '^dir ' "$list" | cut -c5- | sort -r | while IFS= read -r dir; do rmdir "$dir" 2>/dev/null || true; done
  rm -f "$list"
  echo "removed Timeline Explorer from $PREFIX"
  exit 0
fi

[ -x "$HERE/timeline-app" ] && [ -d "$RES" ] || { echo "install.sh: run me from the unpacked timeline-app folder" >&2; exit 1; }
[ -f "$MANIFEST" ] && { echo "install.sh: Timeline Explorer is installed in $DEST; run: $0 --uninstall first" >&2; exit 1; }

# what opens each type now, so that it stays the default
defaults=""
for type in $MIME_TYPES; do defaults="$defaults $type=$(default_for "$type")"; done

LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
record_mkdir "$PREFIX/bin"
record_mkdir "$APPS"
record_mkdir "$DATA/metainfo"
if [ "$HERE" != "$DEST" ]; then
  record_mkdir "$(dirname "$DEST")"
  rm -rf "$DEST" && mkdir "$DEST" && cp -a "$HERE/." "$DEST/"
fi

ln -sf "$DEST/timeline-app" "$PREFIX/bin/timeline-app"
echo "file $PREFIX/bin/timeline-app" >> "$LOG"
sed "s|^Exec=timeline-app|Exec=\"$(desktop_quoted "$DEST/timeline-app" | sed 's/[|&\\]/\\&/g')\"|; \
     s|^TryExec=timeline-app|TryExec=$(desktop_string "$DEST/timeline-app" | sed 's/[|&\\]/\\&/g')|" \
  "$RES/$APP_ID.desktop" > "$APPS/$APP_ID.desktop"
echo "file $APPS/$APP_ID.desktop" >> "$LOG"
cp "$RES/$APP_ID.metainfo.xml" "$DATA/metainfo/"
echo "file $DATA/metainfo/$APP_ID.metainfo.xml" >> "$LOG"
for icon in "$RES"/icons/hicolor/*/apps/*; do
  size=$(basename "$(dirname "$(dirname "$icon")")")
  record_mkdir "$ICONS/$size/apps"
  cp "$icon" "$ICONS/$size/apps/"
  echo "file $ICONS/$size/apps/$(basename "$icon")" >> "$LOG"
done

if have update-desktop-database; then
  [ -f "$APPS/mimeinfo.cache" ] || echo "created-cache $APPS/mimeinfo.cache" >> "$LOG"
  refresh_desktop_cache
  # GIO takes a type's first entry in the user's cache as its default when no mimeapps.list names
  # one: put the application that was the default ahead of this one
  for pair in $defaults; do
    type=${pair%%=*}; previous=${pair#*=}
    [ -n "$previous" ] && [ "$previous" != "$APP_ID.desktop" ] || continue
    sed -i "s|^$type=\(.*\)$APP_ID\.desktop;\(.*\)\$|$type=$previous;\1\2$APP_ID.desktop;|; \
            s|^$type=$previous;\(.*\)$previous;|$type=$previous;\1|" "$APPS/mimeinfo.cache"
  done
fi
refresh_icon_cache
cp "$LOG" "$MANIFEST" && chmod 644 "$MANIFEST"
echo "installed Timeline Explorer in $DEST; command: $PREFIX/bin/timeline-app"
