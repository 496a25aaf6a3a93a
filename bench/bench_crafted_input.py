"""Time of the steps before the NLP (publication date, title, HTML to text) on crafted inputs.

Each input is doubled in size a few times; the printed growth per doubling is ~2 for a linear step
and ~4 for a quadratic one. The baseline of the same run is reading a plain text of the same size.

    .venv/bin/python bench/bench_crafted_input.py            # 25k .. 200k characters
"""

from __future__ import annotations

import argparse
import time

from timeline_app.core.document import guess_title, looks_like_html
from timeline_app.core.pipeline import html_to_text, prepare_text
from timeline_app.core.published import detect_publication_date

CRAFTED = {
    "unclosed <script>": lambda n: "<html><p>x</p>" + "<script>x " * (n // 10),
    "entities": lambda n: "<html><p>" + "&amp;" * (n // 5) + "</p>",
    "unclosed tags": lambda n: "<html>" + "<p " * (n // 3),
    "dates everywhere": lambda n: "<html><p>" + "2017-05-10 /2017/05/10/ " * (n // 24),
    "plain text (baseline)": lambda n: "The ministers met last week. " * (n // 29),
}
STEPS = {
    "prepare_text": lambda t: prepare_text(t, None, "page.html"),
    "publication date": lambda t: detect_publication_date(t, "page.html"),
    "title": guess_title,
    "html_to_text": lambda t: html_to_text(t) if looks_like_html(t) else t,
}


def seconds(step, text: str) -> float:
    start = time.perf_counter()
    step(text)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[25_000, 50_000, 100_000, 200_000])
    args = parser.parse_args()
    print(f"{'input':24} {'step':18} " + " ".join(f"{s:>9,}" for s in args.sizes) + "   growth per doubling")
    for name, make in CRAFTED.items():
        for step_name, step in STEPS.items():
            times = [seconds(step, make(size)) for size in args.sizes]
            growth = (times[-1] / max(times[0], 1e-6)) ** (1 / max(len(times) - 1, 1))
            print(f"{name:24} {step_name:18} " + " ".join(f"{t:9.3f}" for t in times) + f"   {growth:5.1f}",
                  flush=True)


if __name__ == "__main__":
    main()
