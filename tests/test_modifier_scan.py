"""`engine.extend_modifier` tries only the modifiers whose last word stands before the date, and
finds exactly what trying every modifier in turn finds: the same start and TimeML mod, on random
texts built from the modifiers' own words with runs of spaces, hyphens, newlines and the letters
case-insensitive matching folds to ASCII ('ſ', the Kelvin sign, dotted and dotless i)."""

from __future__ import annotations

import random
import re

from timeline_app.core.dates import engine
from timeline_app.core.dates.lexicon import MODIFIERS


def _every_modifier(text: str, start: int) -> tuple[int, str | None]:
    """extend_modifier as it was: each modifier's pattern in turn, longest first."""
    head = text[max(0, start - 25):start]
    for pattern, mod in engine._MODIFIER_BEFORE:
        if hit := pattern.search(head):
            return start - (len(head) - hit.start()), mod
    return start, None


def _texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    words = sorted({w for phrase in MODIFIERS for w in re.findall(r"\w+", phrase)})
    words += [p.upper() for p in MODIFIERS] + [p.title() for p in MODIFIERS] + list(MODIFIERS)
    words += ["in", "on", "the", "May", "1998", "x", "_", "3", "é", "ſome", "\u212aate", "İn", "ın", "nearly-",
              "mid-", "-", "--"]
    gaps = [" "] * 10 + ["", "-", " - ", "  ", "\t", "\n", " \n", "\xa0", "-\n"]
    return ["".join(rng.choice(words) + rng.choice(gaps) for _ in range(rng.randint(1, 8))) for _ in range(count)]


def test_every_modifier_is_found_as_before() -> None:
    found = 0
    for text in _texts(7, 800) + [f"{phrase} 1998" for phrase in MODIFIERS] + [f"in {p}\n" for p in MODIFIERS]:
        for start in range(len(text) + 1):
            expected = _every_modifier(text, start)
            assert engine.extend_modifier(text, start) == expected, (text, start)
            found += expected[1] is not None
    assert found > 300  # the texts do hold modifiers before many places


def test_modifiers_read_in_sentences() -> None:
    text = "It ended in early March, by the end of 1998, mid-June, and in ſome 1990."
    assert engine.extend_modifier(text, text.index("March")) == (text.index("early"), "START")
    assert engine.extend_modifier(text, text.index("1998")) == (text.index("the end"), "END")
    assert engine.extend_modifier(text, text.index("June")) == (text.index("mid-"), "MID")
    assert engine.extend_modifier(text, text.index("1990")) == (text.index("ſome"), "APPROX")
    assert engine.extend_modifier(text, text.index("ended")) == (text.index("ended"), None)
