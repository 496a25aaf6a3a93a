"""Temporal expressions: calendar, word tables, rules, anchoring policy, tagger, absolute dates.

- `calendar`: days and periods of any year (proleptic Gregorian, astronomical years).
- `lexicon`: word tables (months, numbers, units, holidays, eras).
- `patterns`: named pattern pieces built from the lexicon (`{MONTH}`, `{DAY}`, ...).
- `rules/rules.ini`: the rule table, one entry per class of expression (name, pattern,
  resolver, cheap prescan), in priority order; `registry` compiles it.
- `rules/<family>.py`: the resolvers, one module per family of expression (months, years,
  eras, seasons, financial, deictic, weekdays, anaphora, times_of_day, holidays, durations,
  sets, numeric_dates).
- `engine`: what a rule, a reading and a candidate are, and how candidates are found.
- `year_choice`: the year of a month(-day) written without one (tense, story time).
- `anchoring`: which date an expression without its own year or day is anchored on
  (news, narrative, auto per passage).
- `tagger`: runs the rules over a parsed document in text order.
- `absolute`: unusual absolute forms read by dateparser.
"""
