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
            texts = self.texts
            pool = range(len(texts)) if candidates is None else candidates.tolist()
            found = np.fromiter((k for k in pool if all(w in texts[k] for w in words)), np.int64)
        else:
            found = candidates
        self._last = (words, participant, found)
        return found
