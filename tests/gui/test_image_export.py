"""Exported PNG, SVG and PDF: valid files with the timeline in them; clear errors, no partial files."""

from __future__ import annotations

import math
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from timeline_app.core.errors import UserError
from timeline_app.gui import image_export
from timeline_app.gui.image_export import export_cli, export_image

pytestmark = pytest.mark.gui
SVG = "{http://www.w3.org/2000/svg}"
NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|nan|inf", re.I)


def _distinct_colours(image: QImage, step: int = 7) -> set[int]:
    return {image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)}


def _has_colour_near(image: QImage, colour: QColor, tolerance: int = 40) -> bool:
    for x in range(0, image.width(), 2):
        for y in range(0, image.height(), 2):
            c = image.pixelColor(x, y)
            if (abs(c.red() - colour.red()) + abs(c.green() - colour.green())
                    + abs(c.blue() - colour.blue())) <= tolerance:
                return True
    return False


def test_png_is_twice_the_view_and_not_blank(window, tmp_path: Path) -> None:
    out = export_image(window, tmp_path / "timeline.png")
    image = QImage(str(out))
    assert not image.isNull()
    view = window.timeline_view
    assert image.width() == 2 * view.viewport().width()
    assert abs(image.height() - 2 * view.viewport().height()) <= 2
    colours = _distinct_colours(image)
    assert len(colours) > 20  # text, bars, points, axis: far from a blank image
    background = view.colors.background.rgb()
    assert sum(1 for c in colours if c != background) > 0.01 * len(colours)
    assert _has_colour_near(image, view.colors.bar)  # the bars are drawn
    assert _has_colour_near(image, view.colors.published)  # and the publication line


def test_png_of_a_chosen_width_and_of_the_visible_range(window, tmp_path: Path) -> None:
    from timeline_app.core.timeline import day_number
    import datetime as dt

    view = window.timeline_view
    view.set_visible_range(day_number(dt.date(2017, 4, 1)), day_number(dt.date(2017, 6, 1)))
    before = view.visible_range()
    whole = QImage(str(export_image(window, tmp_path / "whole.png", width=800)))
    visible = QImage(str(export_image(window, tmp_path / "visible.png", width=800, visible_only=True)))
    assert whole.width() == visible.width() == 800
    assert whole != visible
    assert view.visible_range() == before  # exporting the whole timeline restores the view


def _svg_points(root: ET.Element) -> list[tuple[float, float]]:
    """Every drawn coordinate, mapped by the transform of its group into the SVG viewport."""
    points = []

    def walk(node: ET.Element, matrix: tuple[float, ...]) -> None:
        if "transform" in node.attrib:
            a, b, c, d, e, f = map(float, re.findall(NUMBER, node.attrib["transform"]))
            m = matrix
            matrix = (m[0] * a + m[2] * b, m[1] * a + m[3] * b, m[0] * c + m[2] * d, m[1] * c + m[3] * d,
                      m[0] * e + m[2] * f + m[4], m[1] * e + m[3] * f + m[5])
        tag = node.tag.replace(SVG, "")
        coords: list[float] = []
        if tag == "path":
            coords = [float(v) for v in re.findall(NUMBER, node.attrib.get("d", ""))]
        elif tag in ("polyline", "polygon"):
            coords = [float(v) for v in re.findall(NUMBER, node.attrib.get("points", ""))]
        elif tag in ("rect", "text", "image"):
            coords = [float(node.attrib.get("x", 0)), float(node.attrib.get("y", 0))]
        elif tag == "line":
            coords = [float(node.attrib[k]) for k in ("x1", "y1", "x2", "y2")]
        for x, y in zip(coords[0::2], coords[1::2]):
            points.append((matrix[0] * x + matrix[2] * y + matrix[4], matrix[1] * x + matrix[3] * y + matrix[5]))
        for child in node:
            walk(child, matrix)

    walk(root, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0))
    return points


def test_svg_parses_names_the_events_and_holds_pixel_coordinates(window, sample_extraction, tmp_path: Path) -> None:
    out = export_image(window, tmp_path / "timeline.svg")
    data = out.read_bytes()
    root = ET.fromstring(data)  # well-formed XML
    assert root.tag == f"{SVG}svg"
    width, height = (float(v) for v in root.attrib["viewBox"].split()[2:])
    view = window.timeline_view
    assert width == view.viewport().width()
    # the description lists every event; the drawn labels are text elements
    text = ET.tostring(root, encoding="unicode", method="text")
    for event in sample_extraction.events:
        assert event.title in text
    drawn = {"".join(t.itertext()).strip() for t in root.iter(f"{SVG}text")}
    assert "published 10 May 2017" in drawn
    labels = [e.title for e in view.timeline.entries if any(e.title.startswith(d.rstrip("…")) for d in drawn if d)]
    assert len(labels) >= 5
    assert {"Jan 2015", "Jan 2016"} <= drawn  # the date axis (from March 2014: the visit "since 2013" is today)
    # finite numbers, and pixel coordinates inside the picture (not day numbers or Unix seconds)
    numbers = [float(v) for v in re.findall(NUMBER, " ".join(
        v for node in root.iter() for k, v in node.attrib.items() if k in ("d", "transform", "x", "y", "points")))]
    assert numbers and all(math.isfinite(v) for v in numbers)
    points = _svg_points(root)
    assert len(points) > 100
    assert all(-5 <= x <= width + 5 and -5 <= y <= height + 5 for x, y in points)
    # text is sized as on screen: QSvgGenerator at the screen's logical DPI, not its 72 dpi default
    sizes = Counter(float(n.attrib["font-size"]) for n in root.iter() if "font-size" in n.attrib)
    dpi = view.screen().logicalDotsPerInch()
    assert sizes.most_common(1)[0][0] == pytest.approx(view.font().pointSizeF() * dpi / 72, abs=0.6)


def test_pdf_is_a_pdf_of_some_substance(window, tmp_path: Path) -> None:
    out = export_image(window, tmp_path / "timeline.pdf")
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    assert len(data) > 8_000


@pytest.mark.parametrize("name, message", [
    ("timeline.jpg", "unknown image format '.jpg'"),
    ("timeline", "unknown image format '(no extension)'"),
    ("no/such/folder/timeline.png", "no such folder"),
])
def test_bad_targets_are_clear_errors_and_write_nothing(window, tmp_path: Path, name: str, message: str) -> None:
    with pytest.raises(UserError, match=re.escape(message)):
        export_image(window, tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_no_partial_file(window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "old.png").write_bytes(b"previous")

    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(image_export.os, "replace", refuse)
    with pytest.raises(UserError, match=r"old.png: cannot write there \(No space left on device\)"):
        export_image(window, tmp_path / "old.png")
    assert [p.name for p in tmp_path.iterdir()] == ["old.png"]
    assert (tmp_path / "old.png").read_bytes() == b"previous"


def test_export_cli_renders_without_a_window(qapp, sample_path: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "cli.png"
    assert export_cli([str(sample_path)], str(out), 900, None, None) == 0
    image = QImage(str(out))
    assert image.width() == 900 and len(_distinct_colours(image)) > 20
    assert capsys.readouterr().err == ""


def test_export_cli_errors_are_one_line_on_stderr(qapp, sample_path: Path, tmp_path: Path, capsys) -> None:
    assert export_cli([str(sample_path)], str(tmp_path / "x.gif"), None, None, None) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown image format '.gif'" in err and "Traceback" not in err
    assert export_cli([str(tmp_path / "missing.txt")], str(tmp_path / "x.svg"), None, None, None) == 1
    assert "missing.txt: no such file" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_headless_export_in_a_fresh_process(sample_path: Path, tmp_path: Path) -> None:
    """What `timeline-app export` runs: no display needed with QT_QPA_PLATFORM=offscreen."""
    out = tmp_path / "fresh.svg"
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    code = ("import sys; from timeline_app.gui.image_export import export_cli; "
            f"sys.exit(export_cli([{str(sample_path)!r}], {str(out)!r}, None, None, None))")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr
    assert ET.fromstring(out.read_bytes()).tag == f"{SVG}svg"


def test_the_export_dialogs_offer_the_last_folder_format_and_settings_again(open_window, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Export Image offered ~/timeline.png, whole timeline, A4 every time; now the folder, format, width, range
    and paper of the last export, under the story's name, and it asks before replacing a file."""
    from PySide6.QtWidgets import QFileDialog

    from timeline_app.gui.main_window import ExportDialog

    window = open_window(tmp_path / "export.ini")
    folder = tmp_path / "figures"
    folder.mkdir()
    offered = []

    def answer(dialog, path: str | None = None, width: int = 1600):
        offered.append((dialog.path(), dialog.image_width(), dialog.visible_only(), dialog.paper()))
        if path is not None:
            dialog.path_edit.setText(path)
        dialog.width_box.setValue(width)
        dialog.visible.setChecked(True)
        dialog.paper_box.setCurrentText("Letter")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ExportDialog, "exec", lambda d: answer(d, str(folder / "lavrov.svg")))
    window.export_dialog()
    assert (folder / "lavrov.svg").is_file()
    assert offered[0][0].endswith("000_5c7e1887aa53ff4b.png") and not offered[0][2] and offered[0][3] == "A4"
    from tests.gui.conftest import SAMPLE

    assert Path(offered[0][0]).parent == SAMPLE.parent  # at first, beside the story's source (not ~)
    asked = []
    monkeypatch.setattr(ExportDialog, "ask_replace", lambda d, path: asked.append(path) or False)
    monkeypatch.setattr(ExportDialog, "exec", lambda d: answer(d))
    window.export_dialog()  # offered as last time, under the story's name (no such file yet: not asked)
    assert offered[1] == (str(folder / "000_5c7e1887aa53ff4b.svg"), 1600, True, "Letter")
    assert not asked and (folder / "000_5c7e1887aa53ff4b.svg").is_file()
    before = (folder / "000_5c7e1887aa53ff4b.svg").stat().st_mtime_ns
    window.export_dialog()  # now it exists: asked, and 'no' leaves it as it was
    assert asked == [str(folder / "000_5c7e1887aa53ff4b.svg")]
    assert (folder / "000_5c7e1887aa53ff4b.svg").stat().st_mtime_ns == before

    dialogs = []

    def save_as(parent, caption, start, filters, chosen):
        dialogs.append((start, chosen))
        return str(folder / "story.txt"), chosen if len(dialogs) > 1 else "Plain-text chronology (*.txt)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    window.export_data_dialog()
    assert (folder / "story.txt").read_text(encoding="utf-8").count(" - ") > 5
    window.export_data_dialog()
    assert dialogs[1] == (str(folder / "000_5c7e1887aa53ff4b.txt"), "Plain-text chronology (*.txt)")
