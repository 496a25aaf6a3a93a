"""The fast grouping of mentions (`core.mentions._groups`) gives exactly the groups of the plain
rule: every mention compared, in date order, with each later one in its bucket whose dates come
within reach, by `same_happening`, as a star around the first (no spaCy, no Qt)."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from timeline_app.core import mentions
from timeline_app.core.mentions import DISAGREEMENT_DAYS, MAX_SPAN_DAYS, MentionContext, same_happening
from timeline_app.core.model import Event

PEOPLE = ("Ana Berg", "Bo Costa", "Chen Diaz", "Dara Eze")
PLACES = ("Geneva", "Lagos", "White House", "Oslo")
WORDS = ("talks", "visit", "arrived", "strike", "said", "met", "election", "vote")


def _plain_groups(items, across: bool) -> list[list[int]]:
    parent = list(range(len(items)))
    joined = [False] * len(items)
    window = dt.timedelta(days=DISAGREEMENT_DAYS if across else 0)
    buckets: dict[str, list[int]] = {}
    for i, (_, e, f) in enumerate(items):
        if e.is_vague or ((e.latest or e.earliest) - e.earliest).days + 1 > MAX_SPAN_DAYS:
            continue
        for p in (f.participants if across else [""]):
            buckets.setdefault(p, []).append(i)
        for r in (f.regions if across and not f.participants else ()):
            buckets.setdefault("\0" + r, []).append(i)
    for bucket in buckets.values():
        dated = sorted(bucket, key=lambda i: items[i][1].earliest)
        for k, i in enumerate(dated):
            di, a, fa = items[i]
            for j in dated[k + 1:]:
                dj, b, fb = items[j]
                if b.earliest > (a.latest or a.earliest) + window:
                    break
                if across and di == dj:
                    continue
                if parent[i] == i and parent[j] == j and not joined[j] and same_happening(a, b, fa, fb, across):
                    parent[j] = i
                    joined[i] = joined[j] = True
    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        root = i
        while parent[root] != root:
            root = parent[root]
        groups.setdefault(root, []).append(i)
    return sorted(sorted(g) for g in groups.values())


def _random_mentions(seed: int, n: int = 600) -> list[tuple[int, Event, mentions.MentionFeatures]]:
    rng = random.Random(seed)
    items = []
    for k in range(n):
        start = dt.date(2017, 5, 1) + dt.timedelta(days=rng.randrange(40))
        span = rng.choice((0, 0, 0, 6, 30, 364))
        word = rng.choice(WORDS)
        text = word + " " + rng.choice(WORDS)
        people = rng.sample(PEOPLE, rng.choice((0, 1, 1, 2)))
        places = rng.sample(PLACES, rng.choice((0, 1)))
        event = Event(id=f"e{k}", title=f"{' '.join(people)} {text} {' '.join(places)}",
                      trigger=(0, len(word)), sentence=(k * 10, k * 10 + 9), timex_ids=("t1",),
                      earliest=None if rng.random() < 0.05 else start,
                      latest=None if rng.random() < 0.05 else start + dt.timedelta(days=span),
                      granularity="day", participants=tuple(people + places), places=tuple(places),
                      regions=tuple(p for p in places if p != "White House"))
        if event.earliest is None:
            event = Event(id=event.id, title=event.title, trigger=event.trigger, sentence=event.sentence,
                          timex_ids=(), earliest=None, latest=None, granularity="vague")
        context = MentionContext(refers_back=rng.random() < 0.2)
        items.append((rng.randrange(5), event, mentions.features(event, text, context=context)))
    return items


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("across", [False, True])
def test_the_fast_grouping_gives_the_groups_of_the_plain_rule(seed: int, across: bool) -> None:
    items = _random_mentions(seed)
    fast = sorted(mentions._groups(items, across))
    assert fast == _plain_groups(items, across)
    assert any(len(g) > 1 for g in fast)  # the sample has merges to get right
