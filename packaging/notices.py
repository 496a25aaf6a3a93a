"""Write THIRD_PARTY_NOTICES.txt: the licence of every piece of other people's work we ship.

    python packaging/notices.py                 THIRD_PARTY_NOTICES.txt from this environment (`make notices`)
    python packaging/notices.py --check         exit 1 if the file names other distributions than are installed
    python packaging/notices.py --bundle DIR -o FILE
                                                the same plus what the standalone build in DIR carries
                                                besides Python packages: CPython, the PyInstaller boot-loader
                                                and each system library (`make dist` runs this)

What is covered is read, not listed by hand: the distributions `timeline-explorer` needs at run
time (its Requires-Dist, followed transitively in the installed environment, extras left out),
each with the licence and notice files its wheel installed (`License-File`, dist-info/licenses/).
Qt for Python ships no licence file in its wheels; the LGPL-3 and GPL-3 texts it is offered under
are kept in packaging/licenses/, with what the LGPL asks of us: how to use the bundle with a
modified Qt.
"""

from __future__ import annotations

import argparse
import importlib.metadata as md
import re
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
LICENSES = Path(__file__).resolve().parent / "licenses"
OUTPUT = ROOT / "THIRD_PARTY_NOTICES.txt"
APP = "timeline-explorer"
RULE = "=" * 78
LICENCE_FILE = re.compile(r"^(LICEN[CS]E|COPYING|NOTICE|AUTHORS)", re.IGNORECASE)
# distributions whose wheels carry no licence file: the texts they are offered under
LICENCE_TEXTS_FOR = {
    "pyside6-essentials": ("LGPL-3.0.txt", "GPL-3.0.txt"),
    "shiboken6": ("LGPL-3.0.txt", "GPL-3.0.txt"),
}
QT_RELINKING = """\
Qt for Python (PySide6, shiboken6) and the Qt 6 libraries it contains are used under the GNU Lesser
General Public License version 3 (its text, and the GNU GPL version 3 it builds on, follow).
Timeline Explorer does not modify Qt. In the standalone build the Qt libraries are the unmodified
shared libraries of the PySide6-Essentials wheel, loaded at run time from
    timeline-app/_internal/PySide6/Qt/lib/libQt6*.so.6   (plug-ins: .../PySide6/Qt/plugins/)
To run the application with a modified Qt, replace those files with your own build of the same Qt
6 minor version (binary compatible), or rebuild the whole standalone folder against your own
PySide6/Qt: the complete source of Timeline Explorer and its build recipe (packaging/, `make dist`)
are in the source distribution. Sources: Qt https://download.qt.io/official_releases/qt/ ,
Qt for Python https://download.qt.io/official_releases/QtForPython/ (or ask the Qt Company for the
source of the exact version named above)."""


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@dataclass(frozen=True)
class Component:
    """One piece of third-party work: a name, a version, a licence and the texts that go with it."""

    name: str
    version: str
    licence: str
    homepage: str
    texts: tuple[tuple[str, str], ...]  # (file name, text)
    note: str = ""


def runtime_distributions(app: str = APP) -> list[md.Distribution]:
    """`app` and what it needs at run time, transitively, as installed here (extras left out)."""
    seen: dict[str, md.Distribution] = {}
    todo = [app]
    while todo:
        name = todo.pop()
        if normalise(name) in seen:
            continue
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            continue  # an optional dependency for another platform or Python
        seen[normalise(name)] = dist
        for line in dist.requires or []:
            req = Requirement(line)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    seen.pop(normalise(app))
    return sorted(seen.values(), key=lambda d: normalise(d.metadata["Name"]))


def licence_of(meta) -> str:
    expression = meta.get("License-Expression")
    if expression:
        return expression
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    declared = (meta.get("License") or "").strip()
    if declared and "\n" not in declared and len(declared) < 60:
        return declared
    return "; ".join(classifiers) or "see the licence text below"


def _homepage(meta) -> str:
    for url in meta.get_all("Project-URL") or []:
        label, _, address = url.partition(",")
        if label.strip().lower() in ("homepage", "home", "source", "source code", "repository"):
            return address.strip()
    return meta.get("Home-page") or ""


def distribution_component(dist: md.Distribution) -> Component:
    meta = dist.metadata
    files = [f for f in dist.files or [] if ".dist-info/" in f.as_posix() and LICENCE_FILE.match(f.name)]
    texts = tuple((f.as_posix().split(".dist-info/", 1)[1], Path(dist.locate_file(f)).read_text(
        encoding="utf-8", errors="replace").strip()) for f in sorted(files, key=lambda f: f.as_posix()))
    name = normalise(meta["Name"])
    texts += tuple((t, (LICENSES / t).read_text(encoding="utf-8").strip()) for t in LICENCE_TEXTS_FOR.get(name, ()))
    if not texts:
        raise SystemExit(f"notices: {meta['Name']} {dist.version} installs no licence file; "
                         f"add its licence text to packaging/licenses/ and LICENCE_TEXTS_FOR")
    note = QT_RELINKING if name in LICENCE_TEXTS_FOR else ""
    if name.startswith("en-core-web"):
        note = ("The English pipeline (model weights and vocabulary) that spaCy loads. Its own licence "
                "is MIT; the data it was trained on and the resources it includes are listed, with "
                "their terms, in LICENSES_SOURCES below.")
    return Component(meta["Name"], dist.version, licence_of(meta), _homepage(meta), texts, note)


def cpython_component() -> Component:
    version = ".".join(map(str, sys.version_info[:3]))
    text = Path(sysconfig.get_path("stdlib"), "LICENSE.txt")
    if not text.exists():
        raise SystemExit(f"notices: no CPython licence at {text}")
    return Component("CPython", version, "PSF-2.0", "https://www.python.org/",
                     (("LICENSE.txt", text.read_text(encoding="utf-8").strip()),),
                     "The Python interpreter and its standard library (libpython, lib-dynload/, base_library.zip).")


def pyinstaller_component() -> Component:
    dist = md.distribution("pyinstaller")
    (copying,) = [f for f in dist.files or [] if f.name == "COPYING.txt"]
    return Component("PyInstaller boot-loader", dist.version, "GPL-2.0-or-later WITH Bootloader-exception",
                     "https://pyinstaller.org/", (("COPYING.txt", Path(dist.locate_file(copying)).read_text(
                         encoding="utf-8").strip()),),
                     "The small program `timeline-app` that starts the bundled interpreter; its licence "
                     "allows shipping it with any program (the exception in the text below).")


def _dpkg_package(path: Path) -> str | None:
    r = subprocess.run(["dpkg", "-S", str(path)], capture_output=True, text=True)
    if r.returncode != 0:
        return None
    return r.stdout.split(":", 1)[0].strip()


def _dpkg_version(package: str) -> str:
    r = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True)
    return r.stdout.strip() or "?"


#: the file name of a compiled Python module (not a shared library of the system)
EXTENSION_MODULE = re.compile(r"\.(cpython-\d+[^.]*|abi3)\.so$")


def system_library_components(bundle: Path) -> list[Component]:
    """The shared libraries PyInstaller copied from this machine (the top of _internal/), by Debian package."""
    internal = bundle / "_internal"
    # (a Python extension module at the top, cffi's _cffi_backend.cpython-311-...so, is its
    # distribution's, whose notice the run-time dependencies already give)
    libraries = sorted(p for p in internal.iterdir() if ".so" in p.name and p.is_file() and not p.is_symlink()
                       and not p.name.startswith("libpython") and not EXTENSION_MODULE.search(p.name))
    search = [Path("/lib/x86_64-linux-gnu"), Path("/usr/lib/x86_64-linux-gnu"), Path("/usr/lib"), Path("/lib")]
    by_package: dict[str, list[str]] = {}
    for library in libraries:
        origin = next((d / library.name for d in search if (d / library.name).exists()), None)
        package = _dpkg_package(origin.resolve()) or _dpkg_package(origin) if origin else None
        if package is None:
            raise SystemExit(f"notices: cannot tell which package {library.name} in the bundle comes from")
        by_package.setdefault(package, []).append(library.name)
    components = []
    for package, names in sorted(by_package.items()):
        base = package.split(":")[0]
        copyright_file = Path("/usr/share/doc") / base / "copyright"
        text = copyright_file.read_text(encoding="utf-8", errors="replace").strip() if copyright_file.exists() \
            else f"(no {copyright_file} on the build machine)"
        components.append(Component(f"{base} (Debian package)", _dpkg_version(base), "see copyright below",
                                    f"https://packages.debian.org/source/{base}", (("copyright", text),),
                                    "Bundled: " + ", ".join(names)))
    return components


def render(components: list[Component], bundle_note: str = "") -> str:
    head = [
        "THIRD-PARTY NOTICES FOR TIMELINE EXPLORER",
        "",
        "Timeline Explorer itself is under the MIT licence (LICENSE). It is distributed with, or",
        "installs, the following works of others, each under its own licence, reproduced below.",
        "This file is generated by packaging/notices.py from the installed distributions' metadata",
        "(regenerate it with `make notices`; do not edit by hand).",
    ]
    if bundle_note:
        head += ["", bundle_note]
    head += ["", "Summary (name, version, licence):", ""]
    head += [f"  {c.name:<36} {c.version:<22} {c.licence}" for c in components]
    body = []
    for c in components:
        body += ["", RULE, f"{c.name} {c.version}", f"Licence: {c.licence}"]
        if c.homepage:
            body.append(f"Home: {c.homepage}")
        if c.note:
            body += ["", c.note]
        for file_name, text in c.texts:
            body += ["", f"--- {file_name} ---", "", text]
    return "\n".join(head + body) + "\n"


def python_components() -> list[Component]:
    return [distribution_component(d) for d in runtime_distributions()]


def listed_in(notices: str) -> dict[str, str]:
    """The summary lines of a notices file: normalised name -> licence."""
    summary = notices.split("Summary (name, version, licence):", 1)[1].split(RULE, 1)[0]
    rows = [line.split(None, 2) for line in summary.splitlines() if line.startswith("  ")]
    return {normalise(row[0]): row[2] if len(row) > 2 else "" for row in rows}


def check(path: Path = OUTPUT) -> list[str]:
    """What the notices file gets wrong about the installed run-time distributions."""
    if not path.exists():
        return [f"{path.name} is missing"]
    listed = listed_in(path.read_text(encoding="utf-8"))
    listed.pop("cpython", None)
    wanted = {normalise(c.name): c.licence for c in python_components()}
    problems = [f"{name} is installed but has no notice" for name in sorted(wanted.keys() - listed.keys())]
    problems += [f"{name} has a notice but is no longer a dependency" for name in sorted(listed.keys() - wanted.keys())]
    problems += [f"{name}: licence now {wanted[name]!r}, notice says {listed[name]!r}"
                 for name in sorted(wanted.keys() & listed.keys()) if wanted[name] != listed[name]]
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare THIRD_PARTY_NOTICES.txt with this environment")
    parser.add_argument("--bundle", type=Path, help="the standalone folder (dist/timeline-app) to cover as well")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if args.check:
        problems = check(args.output)
        for problem in problems:
            print(f"notices: {problem}", file=sys.stderr)
        if problems:
            print("notices: run `make notices` and commit THIRD_PARTY_NOTICES.txt", file=sys.stderr)
        return 1 if problems else 0
    components = [cpython_component(), *python_components()]
    note = ""
    if args.bundle:
        system = system_library_components(args.bundle)
        components += [pyinstaller_component(), *system]
        note = ("This copy describes the standalone build: besides the Python distributions it covers the\n"
                "PyInstaller boot-loader" + (" and the system libraries the build carries (see the end)." if system
                                             else "; the build carries no library of the build machine's system\n"
                                                  "(packaging/system_libraries.py leaves them to the user's)."))
    sys.path.insert(0, str(ROOT))
    from timeline_app.core.fileio import write_atomic

    write_atomic(args.output, render(components, note))
    print(f"notices: {len(components)} components -> {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
