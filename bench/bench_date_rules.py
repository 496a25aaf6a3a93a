"""The date rules' scanning: the rule table with its prescans against the same rules each run
over the whole text, on the same texts in the same run (interleaved, best of rounds); and the
scan `engine.find_candidates` makes since round 4 of issue 15: one pass for where all rules may
begin (`dates/starts.py`), each rule matched only there.

    .venv/bin/python bench/bench_date_rules.py [--rounds 5]

Texts: the sample article and ../shared/corpora/*/ (tbaq-cleaned, tweets, wikiwars-train).
Both sides find the same matches (checked); the figure is what the prescans save.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"


def main() -> int:
    from timeline_app.core.dates.engine import Prescan, lowered_for_gates, matches_at, rule_starts, scanning_pattern
    from timeline_app.core.dates.registry import RULES
    from timeline_app.core.evaluate import read_tml
    from timeline_app.core.resources import bundled_article

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    sets = {"sample article": [bundled_article().read_text(encoding="utf-8")]}
    for name in ("tbaq-cleaned", "tweets", "wikiwars-train"):
        files = sorted((CORPORA / name).rglob("*.tml"))
        if files:
            sets[name] = [read_tml(f).text for f in files]
        else:
            print(f"note: {CORPORA / name} not found", file=sys.stderr)

    def with_prescans(texts: list[str]) -> int:
        found = 0
        for text in texts:
            prescan = Prescan(text)
            for rule in RULES:
                if prescan.may_match(rule):
                    found += sum(1 for _ in rule.pattern.finditer(text))
        return found

    def every_rule(texts: list[str]) -> int:
        return sum(1 for text in texts for rule in RULES for _ in rule.pattern.finditer(text))

    starts = rule_starts(RULES)

    def where_they_begin(texts: list[str]) -> int:  # as engine.find_candidates scans
        found = 0
        for text in texts:
            prescan = Prescan(text)
            lowered = lowered_for_gates(text)
            places = starts.places(text, lowered) if lowered is not None else None
            for index, rule in enumerate(RULES):
                if places is not None and starts.keyed[index]:
                    matches = matches_at(rule.pattern, text, places[index]) if places[index] else []
                    found += len(matches) if matches and prescan.may_match(rule, matches[0].start()) else 0
                elif prescan.may_match(rule):
                    found += sum(1 for _ in scanning_pattern(rule.pattern).finditer(text))
        return found

    print(f"{len(RULES)} rules; best of {args.rounds} rounds, ms per document")
    for name, texts in sets.items():
        best = {with_prescans: float("inf"), every_rule: float("inf"), where_they_begin: float("inf")}
        counts = {}
        for _ in range(args.rounds):
            for scan in best:
                t0 = time.perf_counter()
                counts[scan] = scan(texts)
                best[scan] = min(best[scan], time.perf_counter() - t0)
        assert counts[with_prescans] == counts[every_rule] == counts[where_they_begin], counts
        a, b, c = (1000 * best[s] / len(texts) for s in (with_prescans, every_rule, where_they_begin))
        print(f"{name:16} ({len(texts):3} docs): with prescans {a:7.2f}  every rule on the whole text "
              f"{b:7.2f}  ratio {a / b:.2f};  where they may begin {c:7.2f}  ratio to the prescans {c / a:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
