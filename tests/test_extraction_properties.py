"""Whatever the sentence, offsets point at the text and intervals are well formed."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings, strategies as st

from timeline_app.core.pipeline import extract

SUBJECTS = ["The minister", "Trump", "Officials", "The company", "She"]
VERBS = ["met reporters", "will visit Paris", "said it", "announced results", "is meeting them"]
TIMES = ["today", "last week", "on Friday", "in July", "on April 12", "two years ago", "in March 2014",
         "later this month", "recently", "for three years", "every Monday", "at 10 a.m.", "in the 1990s",
         "the next day", "this summer", "in the third quarter", "a year earlier", "may", "in 2,016 votes"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(SUBJECTS), st.sampled_from(VERBS), st.sampled_from(TIMES)),
                min_size=1, max_size=4),
       st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2050, 12, 31)) | st.none())
def test_offsets_and_intervals(nlp, clauses, published):
    text = " ".join(f"{s} {v} {t}." for s, v, t in clauses)
    x = extract(text, published, nlp=nlp)
    for t in x.timexes:
        assert x.text[t.start:t.end] == t.text
        assert (t.earliest is None) == (t.latest is None)
        if t.earliest is not None:
            assert t.earliest <= t.latest
        assert t.explanation
    ids = {t.id for t in x.timexes}
    for e in x.events:
        assert set(e.timex_ids) <= ids
        assert 0 <= e.sentence[0] < e.sentence[1] <= len(x.text)
        assert e.sentence[0] <= e.trigger[0] < e.trigger[1] <= e.sentence[1]
        assert 0 < len(e.title) <= 80
