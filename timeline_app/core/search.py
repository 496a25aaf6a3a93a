"""The filter over a timeline's entries, fast enough to run at each keystroke on 100,000 of them.

`Timeline.matches` says whether one entry passes; `EntrySearch` answers the
same question for all entries at once from texts worked out once per timeline
(in the background for big ones), and narrows the last answer while a word is
being typed.  Qt-free.
"""

from __future__ import annotations

import numpy as np

from timeline_app.core.timeline import Timeline


class EntrySearch:
    """`keys(text, participant)`: the keys of the entries `timeline.matches(entry, text, participant)` accepts."""

    def __init__(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self.texts = [timeline.search_text(e) for e in timeline.entries]
        self._by_entity: dict[str, list[int]] = {}
        for e in timeline.entries:
            for entity in dict.fromkeys(timeline.entity_of(p).casefold() for p in e.event.participants):
                self._by_entity.setdefault(entity, []).append(e.key)
        self._last: tuple[tuple[str, ...], str, np.ndarray] | None = None

    def keys(self, text: str, participant: str = "") -> np.ndarray | None:
        """Sorted keys of the matching entries; None when there is no filter (every entry passes)."""
        words = tuple(text.casefold().split())
        if not words and not participant:
            return None
        if participant:
            wanted = self.timeline.entity_of(participant).casefold()
            candidates = np.asarray(self._by_entity.get(wanted, []), np.int64)
        else:
            candidates = None
        last = self._last
        if (last is not None and last[1] == participant and last[0]
                and all(any(old in new for new in words) for old in last[0])):
            candidates = last[2]  # every word typed so far is in the new words: only narrow the last answer
        if words:
            # one word at a time, each narrowing the last: a plain comprehension per word runs at the speed of
            # `in` on strings (100,000 texts in about 10 ms), where testing all words per entry costs ten times more
            texts = self.texts
            first, *rest = sorted(words, key=len, reverse=True)  # the longest word first: it rules out the most
            if candidates is None or 2 * len(candidates) > len(texts):  # (a scan is quicker than index lookups)
                pool = [k for k, t in enumerate(texts) if first in t]
                if candidates is not None:
                    member = np.zeros(len(texts), bool)
                    member[candidates] = True
                    scanned = np.array(pool, np.int64)
                    pool = scanned[member[scanned]].tolist()
            else:
                pool = [k for k in candidates.tolist() if first in texts[k]]
            for w in rest:
                pool = [k for k in pool if w in texts[k]]
            found = np.array(pool, np.int64)
        else:
            found = candidates
        self._last = (words, participant, found)
        return found
