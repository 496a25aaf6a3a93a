"""Temporal expressions: calendar, word tables, rules, anchoring policy, tagger, absolute dates.

- `calendar`: days and periods of any year (proleptic Gregorian, astronomical years).
- `lexicon`: word tables (months, numbers, units, holidays, eras).
- `timexes`: the named rules (pattern + resolver) by family of expression.
- `anchoring`: which date an expression without its own year or day is anchored on
  (news, narrative, auto per passage).
- `tagger`: runs the rules over a parsed document in text order.
- `absolute`: unusual absolute forms read by dateparser.
"""
