"""Packaging: the desktop file and AppStream metadata pass Debian's validators, the icon comes in
the sizes it claims, and the wheel installs the command, the sample article and the resources.
No Qt here; the standalone build has its own, slower check (packaging/smoke_test.sh)."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

import timeline_app

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
APP_ID = "io.github.timelineexplorer.TimelineExplorer"
DESKTOP = RESOURCES / f"{APP_ID}.desktop"
METAINFO = RESOURCES / f"{APP_ID}.metainfo.xml"


def _validator(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian: desktop-file-utils / appstream)")
    return path


def test_desktop_file_passes_desktop_file_validate():
    r = subprocess.run([_validator("desktop-file-validate"), str(DESKTOP)], capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 0 and r.stdout.strip() == "", r.stdout + r.stderr


def test_metainfo_passes_appstreamcli_validate():
    r = subprocess.run([_validator("appstreamcli"), "validate", "--no-net", str(METAINFO)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "warnings:" not in r.stdout and "errors:" not in r.stdout, r.stdout


def _desktop_entry() -> dict[str, str]:
    lines = DESKTOP.read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))


def test_desktop_file_metainfo_and_icon_name_the_same_app():
    entry = _desktop_entry()
    meta = ET.parse(METAINFO).getroot()
    assert meta.findtext("id") == APP_ID == entry["Icon"]
    assert meta.findtext("launchable") == DESKTOP.name
    assert entry["Exec"].split()[0] == "timeline-app" == meta.findtext("provides/binary")
    assert (RESOURCES / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    # the screenshot the metadata shows is the README's
    image = meta.findtext("screenshots/screenshot/image")
    assert image.endswith("/resources/screenshot.png") and (RESOURCES / "screenshot.png").is_file()
    # the app tells the desktop which .desktop file its windows belong to
    app_py = (ROOT / "timeline_app" / "gui" / "app.py").read_text(encoding="utf-8")
    assert f'APP_ID = "{APP_ID}"' in app_py


def test_icon_pngs_have_the_size_of_their_folder():
    pngs = sorted((RESOURCES / "icons" / "hicolor").glob(f"*/apps/{APP_ID}.png"))
    sizes = []
    for png in pngs:
        header = png.read_bytes()[:24]
        assert header[:8] == b"\x89PNG\r\n\x1a\n", png
        width, height = struct.unpack(">II", header[16:24])
        assert f"{width}x{height}" == png.parent.parent.name, png
        sizes.append(width)
    assert {16, 32, 48, 64, 128, 256} <= set(sizes)


def test_version_is_released_in_the_changelog_and_metainfo():
    version = timeline_app.__version__
    assert re.search(rf"^## \[?{re.escape(version)}\]?", (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"),
                     re.MULTILINE), f"CHANGELOG.md has no section for {version}"
    releases = [r.get("version") for r in ET.parse(METAINFO).getroot().iter("release")]
    assert releases and releases[0] == version, releases


def test_wheel_has_the_command_the_sample_and_every_module(tmp_path):
    # built from a copy so the work tree's build/ is neither used nor touched
    src = tmp_path / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("timeline_app", "resources", "packaging"):
        shutil.copytree(ROOT / name, src / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md", "MANIFEST.in", "CHANGELOG.md", "Makefile"):
        shutil.copy2(ROOT / name, src / name)
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w",
                        str(tmp_path / "wheel"), str(src)], capture_output=True, text=True,
                       timeout=300)
    if r.returncode != 0 and "satisfies the requirement setuptools" in r.stderr:
        pytest.skip("no package index to fetch the build backend from")
    assert r.returncode == 0, r.stderr
    (wheel,) = (tmp_path / "wheel").glob("*.whl")
    assert wheel.name == f"timeline_explorer-{timeline_app.__version__}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        dist_info = f"timeline_explorer-{timeline_app.__version__}.dist-info"
        entry_points = z.read(f"{dist_info}/entry_points.txt").decode()
    assert re.search(r"^timeline-app = timeline_app\.cli:main$", entry_points, re.MULTILINE)
    assert "timeline_app/data/sample_politico_2017-05-10.txt" in names
    assert f"timeline_app/resources/{APP_ID}.desktop" in names
    assert f"timeline_app/resources/icons/hicolor/256x256/apps/{APP_ID}.png" in names
    assert "timeline_app/resources/screenshot.png" not in names
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "timeline_app").rglob("*.py")}
    missing = modules - names
    assert not missing, f"not in the wheel (add the package to pyproject.toml): {sorted(missing)}"
