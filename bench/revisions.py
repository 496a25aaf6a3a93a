"""A module of this repository as it was at a git revision, for benches that time old code against new."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def module_at(rev: str, path: str, name: str, imports: dict[str, str] | None = None):
    """The module at `path` (e.g. 'timeline_app/core/events.py') as it was at `rev`, imported as `name`;
    `imports` maps modules it imports to others to import instead ('timeline_app.core.words' ->
    'baseline_words', a module of the same revision)."""
    source = subprocess.run(["git", "show", f"{rev}:{path}"], cwd=ROOT,
                            check=True, capture_output=True, text=True).stdout
    for old, new in (imports or {}).items():
        source = source.replace(f"from {old} import", f"from {new} import")
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(source)
    spec = importlib.util.spec_from_file_location(name, f.name)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    Path(f.name).unlink()
    return module
