"""Smoke test: the real window on a real X server (Xvfb), not the offscreen platform."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = [pytest.mark.gui, pytest.mark.xvfb,
              pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed")]

ROOT = Path(__file__).resolve().parents[2]

WINDOW_SCRIPT = textwrap.dedent("""
    import sys, time
    from PySide6.QtCore import QSettings
    from timeline_app.gui.app import application
    from timeline_app.gui.main_window import MainWindow

    sample, settings_file, shot = sys.argv[1:4]
    app = application()
    assert app.platformName() == "xcb", app.platformName()
    window = MainWindow(settings=QSettings(settings_file, QSettings.Format.IniFormat))
    window.resize(1200, 800)
    window.show()
    window.open_paths([sample])

    def wait(predicate, timeout=60):
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise SystemExit(f"timed out waiting for {predicate.__name__}")
            app.processEvents()
            time.sleep(0.02)

    def exposed():
        return window.windowHandle() is not None and window.windowHandle().isExposed()

    def extracted():
        return not window.service.busy and window.timeline is not None

    wait(exposed)
    wait(extracted)
    window.select_entry(0)
    for _ in range(20):
        app.processEvents()
        time.sleep(0.02)
    image = app.primaryScreen().grabWindow(0).toImage()
    image.save(shot)
    colours = {image.pixel(x, y) for x in range(0, image.width(), 9) for y in range(0, image.height(), 9)}
    print(f"events={len(window.timeline.entries)} colours={len(colours)} "
          f"size={image.width()}x{image.height()}")
    window.close()
    sys.exit(0 if len(colours) > 20 else 3)
""")


@pytest.fixture()
def xvfb_display() -> Iterator[str]:
    """A private Xvfb on a free display number (Xvfb picks it and reports it with -displayfd)."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    try:
        with os.fdopen(read_end) as reader:
            number = reader.readline().strip()  # written once the server accepts connections
        if not number:
            pytest.skip("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_window_opens_and_draws_under_xvfb(xvfb_display: str, sample_path: Path, tmp_path: Path) -> None:
    env = dict(os.environ, DISPLAY=xvfb_display, QT_QPA_PLATFORM="xcb")
    shot = tmp_path / "xvfb.png"
    done = subprocess.run(
        [sys.executable, "-c", WINDOW_SCRIPT, str(sample_path), str(tmp_path / "settings.ini"), str(shot)],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"events=[1-9]", done.stdout), done.stdout
    assert shot.stat().st_size > 10_000
