"""Packaging: the desktop file and AppStream metadata pass Debian's validators, the icon comes in
the sizes it claims, and the wheel installs the command, the sample article and the resources.
No Qt here; the standalone build has its own, slower check (packaging/smoke_test.sh)."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import tarfile
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

import timeline_app

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "resources"
APP_ID = "io.github.timelineexplorer.timeline_explorer"
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
    r = subprocess.run([_validator("appstreamcli"), "validate", "--pedantic", "--no-net", str(METAINFO)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr
    for level in ("pedantic:", "warnings:", "errors:"):
        assert level not in r.stdout, r.stdout


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


def test_version_is_a_development_build_of_the_next_release_or_a_released_tag():
    from timeline_app import _version

    version = timeline_app.__version__
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = [r.get("version") for r in ET.parse(METAINFO).getroot().iter("release")]
    if ".dev0" in version:  # a commit between releases (+g<commit> where git is there): the next release
        assert re.fullmatch(rf"{re.escape(_version.NEXT)}\.dev0(\+g[0-9a-f]{{7,}}(\.dirty)?)?", version), version
        assert "+g" in version or not (ROOT / ".git").exists()
        assert "## [Unreleased]" in changelog
        assert _key(_version.NEXT) >= _key(releases[0]), (_version.NEXT, releases[0])  # = while releasing
    else:  # a tagged release
        assert re.search(rf"^## \[?{re.escape(version)}\]?", changelog, re.MULTILINE), \
            f"CHANGELOG.md has no section for {version}"
        assert releases[0] == version, releases


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def test_sdist_and_wheel_carry_the_version_licences_command_sample_and_every_module(tmp_path):
    # the sdist is built from the work tree (git tells the version), the wheel from the unpacked
    # sdist as a distributor would, where there is no git
    r = subprocess.run([sys.executable, "-m", "build", "--sdist", "--outdir", str(tmp_path / "sdist"), str(ROOT)],
                       capture_output=True, text=True, timeout=300)
    if r.returncode != 0 and "satisfies the requirement setuptools" in r.stdout + r.stderr:
        pytest.skip("no package index to fetch the build backend from")
    assert r.returncode == 0, r.stdout + r.stderr
    from timeline_app._version import version as current_version

    version = current_version()  # now, not at import: the work tree may have changed since
    (sdist,) = (tmp_path / "sdist").glob("*.tar.gz")
    assert sdist.name == f"timeline_explorer-{version}.tar.gz"
    with tarfile.open(sdist) as tar:
        members = {m.name.split("/", 1)[1] for m in tar.getmembers() if "/" in m.name}
        tar.extractall(tmp_path / "unpacked", filter="data")
    assert {"LICENSE", "THIRD_PARTY_NOTICES.txt", "packaging/licenses/LGPL-3.0.txt", "packaging/notices.py",
            "packaging/install.sh"} <= members
    (src,) = (tmp_path / "unpacked").iterdir()
    assert not (src / ".git").exists()
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w",
                        str(tmp_path / "wheel"), str(src)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    (wheel,) = (tmp_path / "wheel").glob("*.whl")
    assert wheel.name == f"timeline_explorer-{version}-py3-none-any.whl"
    # installed, with no git around, the package still knows its version
    target = tmp_path / "installed"
    with zipfile.ZipFile(wheel) as z:
        z.extractall(target)
    r = subprocess.run([sys.executable, "-S", "-c", f"import sys; sys.path.insert(0, {str(target)!r}); "
                        "import timeline_app; print(timeline_app.__version__); "
                        "from timeline_app.core.resources import legal_text; "
                        "print(legal_text('LICENSE').splitlines()[0], len(legal_text('THIRD_PARTY_NOTICES.txt')))"],
                       cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert r.stdout.splitlines()[0] == version, r.stdout + r.stderr
    # Help > About finds the licence and the notices in the installed wheel's metadata
    first_line, notices_length = r.stdout.splitlines()[1].rsplit(" ", 1)
    assert first_line == "MIT License" and int(notices_length) > 100_000, r.stdout
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        dist_info = f"timeline_explorer-{version}.dist-info"
        entry_points = z.read(f"{dist_info}/entry_points.txt").decode()
    assert re.search(r"^timeline-app = timeline_app\.cli:main$", entry_points, re.MULTILINE)
    assert "timeline_app/data/sample_politico_2017-05-10.txt" in names
    assert f"timeline_app/resources/{APP_ID}.desktop" in names
    assert f"timeline_app/resources/icons/hicolor/256x256/apps/{APP_ID}.png" in names
    assert "timeline_app/resources/screenshot.png" not in names
    assert f"{dist_info}/licenses/LICENSE" in names and f"{dist_info}/licenses/THIRD_PARTY_NOTICES.txt" in names
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "timeline_app").rglob("*.py")}
    missing = modules - names
    assert not missing, f"not in the wheel (add the package to pyproject.toml): {sorted(missing)}"
    tables = {p.relative_to(ROOT).as_posix() for p in (ROOT / "timeline_app").rglob("*.ini")}
    assert tables and not tables - names, f"rule tables not in the wheel (pyproject package-data): {sorted(tables - names)}"


def _notices_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("notices", ROOT / "packaging" / "notices.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("notices", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_third_party_notices_cover_every_installed_runtime_distribution():
    problems = _notices_module().check(ROOT / "THIRD_PARTY_NOTICES.txt")
    assert not problems, ("THIRD_PARTY_NOTICES.txt is out of date; run `make notices` and commit it:\n"
                          + "\n".join(problems))


def test_notices_check_catches_a_dependency_without_its_notice(tmp_path):
    notices = _notices_module()
    text = (ROOT / "THIRD_PARTY_NOTICES.txt").read_text(encoding="utf-8")
    stale = tmp_path / "notices.txt"
    stale.write_text(re.sub(r"^  numpy .*\n", "", text, flags=re.MULTILINE), encoding="utf-8")
    assert notices.check(stale) == ["numpy is installed but has no notice"]
    # each distribution's section carries the licence text its wheel installs
    assert "--- licenses/LICENSE.txt ---" in text.split("\nnumpy ", 1)[1].split("=" * 78, 1)[0]
    qt = text.split("\nPySide6_Essentials ", 1)[1].split("=" * 78, 1)[0]
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in qt and "replace those files" in qt


def _tree(root: Path) -> dict[str, bytes | None]:
    """Every path under `root` with its content (None for folders), symlinks by their target."""
    tree = {}
    for path in sorted(root.rglob("*")):
        key = path.relative_to(root).as_posix()
        if path.is_symlink():
            tree[key] = b"-> " + str(path.readlink()).encode()
        elif path.is_dir():
            tree[key] = None
        else:
            tree[key] = path.read_bytes()
    return tree


@pytest.fixture()
def desktop_home(tmp_path):
    """A user whose home has a space and a dollar in its name, a system with an editor for text and HTML files
    (registered in the system's MIME cache, with no mimeapps.list naming a default), and an
    unpacked standalone folder whose `timeline-app` records how it was started."""
    for tool in ("update-desktop-database", "gio", "desktop-file-validate"):
        _validator(tool)
    home = tmp_path / "my $home"
    (home / "Documents").mkdir(parents=True)
    (home / "Documents" / "notes.txt").write_text("mine\n")
    system = tmp_path / "usr share"
    (system / "applications").mkdir(parents=True)
    (system / "applications" / "editor.desktop").write_text(
        "[Desktop Entry]\nType=Application\nName=Editor\nExec=true %F\nMimeType=text/plain;text/html;\n")
    subprocess.run(["update-desktop-database", str(system / "applications")], check=True)
    app = tmp_path / "unpacked" / "timeline-app"
    shutil.copytree(RESOURCES, app / "_internal" / "timeline_app" / "resources",
                    ignore=shutil.ignore_patterns("screenshot.png"))
    shutil.copy2(ROOT / "packaging" / "install.sh", app / "install.sh")
    (app / "timeline-app").write_text(f'#!/bin/sh\nprintf "%s\\n" "$0" "$@" > "{tmp_path}/started"\n')
    (app / "timeline-app").chmod(0o755)
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "XDG_DATA_DIRS": str(system),
           "XDG_CONFIG_DIRS": str(tmp_path / "etc xdg"), "LANG": "C.UTF-8", "TMPDIR": str(tmp_path),
           "XDG_CACHE_HOME": str(tmp_path / "cache")}  # gio's own, not the installer's
    return home, app, env, tmp_path


def _run(args, env, **kw):
    r = subprocess.run(args, env=env, capture_output=True, text=True, timeout=60, **kw)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


def test_install_sh_offers_the_app_without_becoming_the_default_and_uninstalls_cleanly(desktop_home):
    home, app, env, tmp = desktop_home
    before = _tree(home)
    _run(["sh", str(app / "install.sh")], env)
    installed = home / ".local" / "lib" / "timeline-explorer" / "timeline-app"
    desktop = home / ".local" / "share" / "applications" / f"{APP_ID}.desktop"
    assert installed.is_file() and (home / ".local" / "bin" / "timeline-app").is_symlink()
    quoted = str(installed).replace("$", "\\\\$")  # \\$ : the desktop-entry escape of $ inside quotes
    assert f'Exec="{quoted}" %F' in desktop.read_text()
    _run(["desktop-file-validate", str(desktop)], env)
    # the menu entry starts the app although the home folder has a space and a $ in its name
    _run(["gio", "launch", str(desktop), str(home / "Documents" / "notes.txt")], env)
    for _ in range(100):
        if (tmp / "started").exists():
            break
        time.sleep(0.05)
    assert (tmp / "started").read_text().splitlines() == [str(installed), str(home / "Documents" / "notes.txt")]
    # offered for text and HTML files, the default stays the editor
    for mime_type in ("text/plain", "text/html"):
        out = _run(["gio", "mime", mime_type], env)
        assert out.splitlines()[0].endswith(": editor.desktop"), out
        assert f"{APP_ID}.desktop" in out, out
    assert not list(home.rglob("mimeapps.list"))
    assert (home / ".local" / "share" / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png").is_file()

    _run(["sh", str(installed.parent / "install.sh"), "--uninstall"], env)
    assert _tree(home) == before


def test_install_sh_uninstall_refreshes_the_caches_that_were_there(desktop_home):
    home, app, env, _ = desktop_home
    apps = home / ".local" / "share" / "applications"
    apps.mkdir(parents=True)
    (apps / "mine.desktop").write_text("[Desktop Entry]\nType=Application\nName=Mine\nExec=true %F\n"
                                       "MimeType=text/csv;\n")
    subprocess.run(["update-desktop-database", str(apps)], check=True)
    before = _tree(home)
    _run(["sh", str(app / "install.sh")], env)
    assert f"{APP_ID}.desktop" in (apps / "mimeinfo.cache").read_text()
    _run(["sh", str(app / "install.sh"), "--uninstall"], env)
    assert _tree(home) == before


def test_standalone_build_leaves_system_libraries_to_the_system_and_stops_on_an_unknown_one():
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import system_libraries
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    lib = "/usr/lib/x86_64-linux-gnu"
    site = "/venv/lib/python3.11/site-packages"
    toc = [("libstdc++.so.6", f"{lib}/libstdc++.so.6", "BINARY"),
           ("libglib-2.0.so.0", f"{lib}/libglib-2.0.so.0", "BINARY"),
           ("libxcb-cursor.so.0", f"{lib}/libxcb-cursor.so.0", "BINARY"),
           ("libssl.so.3", f"{lib}/libssl.so.3", "BINARY"),
           ("libpython3.11.so.1.0", f"{lib}/libpython3.11.so.1.0", "BINARY"),
           ("python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so",
            "/usr/lib/python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so", "EXTENSION"),
           ("PySide6/Qt/lib/libQt6Core.so.6", f"{site}/PySide6/Qt/lib/libQt6Core.so.6", "BINARY")]
    kept, left_out = system_libraries.split(toc)
    assert [entry[0] for entry in kept] == ["libpython3.11.so.1.0", toc[5][0], "PySide6/Qt/lib/libQt6Core.so.6"]
    assert [name for name, _ in left_out] == ["libglib-2.0.so.0", "libssl.so.3", "libstdc++.so.6",
                                              "libxcb-cursor.so.0"]
    with pytest.raises(SystemExit, match="libsomethingnew.so.1"):
        system_libraries.split([("libsomethingnew.so.1", f"{lib}/libsomethingnew.so.1", "BINARY")])


def _packaging_module(name: str):
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        return __import__(name)
    finally:
        sys.path.remove(str(ROOT / "packaging"))


def test_standalone_build_strips_debugging_information_and_the_module_still_imports(tmp_path):
    """A real extension module with DWARF sections (cymem, one of spaCy's) comes out of the build's
    stripping smaller, without them, and still imports; a file without them is left untouched."""
    if shutil.which("strip") is None or shutil.which("readelf") is None:
        pytest.skip("binutils (strip, readelf) is not installed")
    debug_info = _packaging_module("debug_info")
    import cymem
    import numpy

    package = Path(cymem.__file__).parent
    module = next(package.glob("cymem.cpython-*.so"))
    numpy_lib = next((Path(numpy.__file__).parent.parent / "numpy.libs").glob("libscipy_openblas*.so"))
    if not debug_info.has_debug_info(module):
        pytest.skip(f"{module} has no debugging information in this environment")
    assert not debug_info.has_debug_info(numpy_lib)
    toc = [(f"cymem/{module.name}", str(module), "EXTENSION"), (f"numpy.libs/{numpy_lib.name}", str(numpy_lib), "BINARY")]
    stripped, saved = debug_info.strip_debug_info(toc, tmp_path / "stripped")
    copy = Path(stripped[0][1])
    assert copy.parent == tmp_path / "stripped" / "cymem" and stripped[0][2] == "EXTENSION"
    assert not debug_info.has_debug_info(copy)
    assert saved == module.stat().st_size - copy.stat().st_size > module.stat().st_size // 3
    assert stripped[1] == toc[1]  # numpy's patchelf-rewritten OpenBLAS: strip would break it
    (copy.parent / "__init__.py").write_text("")
    r = subprocess.run([sys.executable, "-c", "import cymem.cymem as c; print(c.__file__); assert c.Pool().size == 0"],
                       cwd=tmp_path / "stripped", capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stdout.strip() == str(copy), r.stderr


def test_build_size_check_fails_a_build_over_its_limit(tmp_path):
    app = tmp_path / "timeline-app"
    app.mkdir()
    (app / "big").write_bytes(b"\0" * 1_500_000)
    script = ROOT / "packaging" / "check_size.sh"
    ok = subprocess.run(["bash", str(script), str(app)], capture_output=True, text=True, timeout=60,
                        env={"PATH": "/usr/bin:/bin", "MAX_MB": "2"})
    assert ok.returncode == 0 and "1.5 MB" in ok.stdout and "limit 2 MB" in ok.stdout, ok.stdout + ok.stderr
    over = subprocess.run(["bash", str(script), str(app)], capture_output=True, text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", "MAX_MB": "1"})
    assert over.returncode == 1 and "over 1 MB" in over.stderr
