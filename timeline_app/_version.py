"""The version of this copy of Timeline Explorer.

A release is a git tag `vX.Y.Z` (with CHANGELOG.md and the AppStream metadata naming X.Y.Z); every
other commit is a development build of the next release, `NEXT.dev0+g<commit>` (`.dirty` when the
work tree has uncommitted changes). Copies without git know it from their build: an installed
wheel from its metadata, an unpacked sdist from its PKG-INFO, the standalone build from the VERSION
file its build wrote.
"""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
from pathlib import Path

NEXT = "0.2.0"  # the release being prepared: CHANGELOG.md's [Unreleased]; raise it after tagging one
DISTRIBUTION = "timeline-explorer"
_HERE = Path(__file__).resolve().parent
_TAG = re.compile(r"^v(\d+\.\d+\.\d+)$")


def _git(*args: str) -> str | None:
    try:
        r = subprocess.run(["git", *args], cwd=_HERE.parent, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return r.stdout.strip() if r.returncode == 0 else None


def from_git() -> str | None:
    """The version of a git checkout of the source (None elsewhere)."""
    if not (_HERE.parent / ".git").exists():
        return None
    commit = _git("rev-parse", "--short=7", "HEAD")
    if commit is None:
        return None
    dirty = bool(_git("status", "--porcelain", "--untracked-files=no"))
    for tag in (_git("tag", "--points-at", "HEAD") or "").split():
        match = _TAG.match(tag)
        if match and not dirty:
            return match.group(1)
    return f"{NEXT}.dev0+g{commit}" + (".dirty" if dirty else "")


def _pkg_info_version(path: Path) -> str | None:
    if not path.is_file():
        return None
    match = re.search(r"^Version: *(\S+)", path.read_text(encoding="utf-8", errors="replace"), re.MULTILINE)
    return match.group(1) if match else None


def version() -> str:
    found = from_git()
    if found:
        return found
    built = _HERE / "VERSION"  # written into the standalone build
    if built.is_file():
        return built.read_text(encoding="utf-8").strip()
    found = _pkg_info_version(_HERE.parent / "PKG-INFO")  # an unpacked sdist
    if found:
        return found
    try:
        return importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return f"{NEXT}.dev0"


__version__ = version()
