"""The standalone build without debugging information: read by timeline-app.spec.

spaCy's, thinc's, blis's, srsly's and preshed's extension modules, libpython and the standard
library's compiled modules come with their DWARF debugging sections (spaCy's `tokens/doc.so` is
7.0 MB, 0.85 MB without them): 210 MB of the 390 MB of shared objects the bundle would carry.
A user's app never reads them, so the spec strips a copy of each such file.

Only files that carry debugging information are touched. PyInstaller's own `strip=True` strips
every binary, and that breaks the libraries auditwheel vendored and patchelf rewrote (numpy's
OpenBLAS: "ELF load command address/offset not page-aligned"); those are shipped stripped already
and have no `.debug_info`, so they are left exactly as they are.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def has_debug_info(path: str | Path) -> bool:
    """Whether the ELF file at `path` has a `.debug_info` section (binutils' readelf)."""
    sections = subprocess.run(["readelf", "-S", "-W", str(path)], capture_output=True, text=True, check=True).stdout
    return ".debug_info" in sections


def strip_debug_info(binaries, folder: str | Path):
    """PyInstaller's binaries TOC with each file that has debugging information replaced by a
    stripped copy in `folder` (`strip`: the debugging sections and the static symbol table; the
    dynamic symbols a module is loaded by stay). Returns (TOC, bytes saved)."""
    if shutil.which("strip") is None or shutil.which("readelf") is None:
        raise SystemExit("debug_info.py: strip and readelf are needed (Debian: binutils)")
    folder = Path(folder)
    toc, saved = [], 0
    for entry in binaries:
        dest, source = entry[0], entry[1]
        if not has_debug_info(source):
            toc.append(entry)
            continue
        copy = folder / dest
        copy.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["strip", "-o", str(copy), str(source)], check=True)
        saved += Path(source).stat().st_size - copy.stat().st_size
        toc.append((dest, str(copy), *entry[2:]))
    return toc, saved
