"""Language data for English temporal expressions: names, numbers, units, words.

Knowledge only; the algorithms that use it live in `rules/` (one module per family of
expression), `patterns.py` and `calendar.py`; the rules themselves are the table `rules/rules.ini`.
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December")

WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thur": 3, "thu": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

#: Number words; None marks a vague quantity (TimeML "X").
NUMBERS: dict[str, int | None] = {
    "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "a couple of": 2, "a couple": 2, "couple of": 2, "a dozen": 12, "dozen": 12, "half a": None,
    "several": None, "a few": None, "few": None, "many": None, "some": None,
    "numerous": None, "a number of": None,
}

ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
}

#: unit word -> (TimeML duration letter, granularity, days it spans roughly)
UNITS: dict[str, tuple[str, str]] = {
    "second": ("TS", "second"), "minute": ("TM", "minute"), "hour": ("TH", "hour"),
    "day": ("D", "day"), "night": ("D", "day"), "week": ("W", "week"),
    "weekend": ("WE", "week"), "fortnight": ("W", "week"), "month": ("M", "month"),
    "quarter": ("Q", "quarter"), "year": ("Y", "year"), "decade": ("DE", "decade"),
    "century": ("CE", "century"),
}
UNIT_PLURALS: dict[str, str] = {
    "secs": "second", "sec": "second", "mins": "minute", "min": "minute", "hrs": "hour",
    "hr": "hour", "wks": "week", "wk": "week", "yrs": "year", "yr": "year",
    "seconds": "second", "minutes": "minute", "hours": "hour", "days": "day",
    "nights": "night", "weeks": "week", "weekends": "weekend", "months": "month",
    "quarters": "quarter", "years": "year", "decades": "decade", "centuries": "century",
    "fortnights": "fortnight",
}

#: How a shifted unit stands to its base, in explanations ('the week before the publication week').
RELATION_NAMES: dict[int, str] = {-1: "before", 0: "containing", 1: "after"}

#: Relative words before a unit: word -> (offset in units, anaphoric?)
RELATIVE_WORDS: dict[str, tuple[int, bool]] = {
    "this": (0, False), "current": (0, False), "present": (0, False),
    "last": (-1, False), "past": (-1, False), "previous": (-1, True),
    "next": (1, False), "coming": (1, False), "following": (1, True),
    "preceding": (-1, True), "prior": (-1, True), "same": (0, True), "that": (0, True),
}

#: Words naming a day from the publication date: word -> offset in days.
DAY_WORD_OFFSETS: dict[str, int] = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
#: 'this/last/next' before 'year' ('June last year', "last year's third quarter"): offset in years.
YEAR_WORD_OFFSETS: dict[str, int] = {"this": 0, "last": -1, "next": 1}
#: The year of 'August of that year', 'of the following year': words -> years after the one mentioned.
THAT_YEAR_OFFSETS: dict[str, int] = {"that": 0, "the same": 0, "the following": 1, "the next": 1,
                                     "the previous": -1}
#: Words before 'quarter': offset in quarters from the publication's (any other word: the last one).
QUARTER_OFFSETS: dict[str, int] = {"this": 0, "current": 0, "next": 1, "last": -1, "previous": -1,
                                   "year-earlier": -4, "year-ago": -4}
#: 'the end of the month': edge word -> TimeML mod.
EDGE_MODS: dict[str, str] = {"end": "END", "beginning": "START", "start": "START", "middle": "MID"}
#: 'the early 1990s', 'the mid-1980s': word -> TimeML mod.
PART_MODS: dict[str, str] = {"early": "START", "mid": "MID", "late": "END"}

#: Single words and phrases with a fixed deictic meaning:
#: phrase -> (type, reference, day offset or None)
DEICTIC: dict[str, tuple[str, str, int | None]] = {
    "today": ("DATE", "day", 0), "yesterday": ("DATE", "day", -1),
    "tomorrow": ("DATE", "day", 1), "the day before yesterday": ("DATE", "day", -2),
    "the day after tomorrow": ("DATE", "day", 2), "tonight": ("TIME", "NI", 0),
    "this morning": ("TIME", "MO", 0), "this afternoon": ("TIME", "AF", 0),
    "this evening": ("TIME", "EV", 0), "last night": ("TIME", "NI", -1),
    "yesterday morning": ("TIME", "MO", -1), "yesterday afternoon": ("TIME", "AF", -1),
    "yesterday evening": ("TIME", "EV", -1), "tomorrow morning": ("TIME", "MO", 1),
    "tomorrow night": ("TIME", "NI", 1), "tomorrow afternoon": ("TIME", "AF", 1),
    "now": ("DATE", "PRESENT_REF", None),
    "currently": ("DATE", "PRESENT_REF", None), "current": ("DATE", "PRESENT_REF", None),
    "nowadays": ("DATE", "PRESENT_REF", None), "at present": ("DATE", "PRESENT_REF", None),
    "presently": ("DATE", "PRESENT_REF", None), "these days": ("DATE", "PRESENT_REF", None),
    "the present": ("DATE", "PRESENT_REF", None), "at the moment": ("DATE", "PRESENT_REF", None),
    "recently": ("DATE", "PAST_REF", None),
    "more recently": ("DATE", "PAST_REF", None), "lately": ("DATE", "PAST_REF", None),
    "the past": ("DATE", "PAST_REF", None),
    "recent days": ("DATE", "PAST_REF", None),  # not "once": a count or "formerly", rarely a TIMEX3
    "soon": ("DATE", "FUTURE_REF", None), "the future": ("DATE", "FUTURE_REF", None),
    "shortly": ("DATE", "FUTURE_REF", None), "as soon as possible": ("DATE", "FUTURE_REF", None),
    "the near future": ("DATE", "FUTURE_REF", None), "the foreseeable future": ("DATE", "FUTURE_REF", None),
    "future": ("DATE", "FUTURE_REF", None), "someday": ("DATE", "FUTURE_REF", None),
}

#: Parts of the day (TimeML codes) and a representative hour for ordering.
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
    "overnight": "NI", "midday": "MI", "mid-day": "MI",
}

#: Decades in words ('the nineties'): word -> years into the century.
DECADE_WORDS: dict[str, int] = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
                                "seventies": 70, "eighties": 80, "nineties": 90}

SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}
SEASON_NAMES = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
#: season code -> (first month, months it lasts); winter runs into the next year
SEASON_MONTHS = {"SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "WI": (12, 3)}

#: Words that make a frequency: word -> (TimeML value, quantifier)
SET_WORDS: dict[str, tuple[str, str]] = {
    "daily": ("P1D", "EVERY"), "nightly": ("P1D", "EVERY"), "weekly": ("P1W", "EVERY"),
    "monthly": ("P1M", "EVERY"), "quarterly": ("P3M", "EVERY"), "annually": ("P1Y", "EVERY"),
    "yearly": ("P1Y", "EVERY"), "hourly": ("PT1H", "EVERY"), "biweekly": ("P2W", "EVERY"),
}

#: Modifiers before an expression: phrase -> TimeML mod.
MODIFIERS: dict[str, str] = {
    "early": "START", "the beginning of": "START", "the start of": "START",
    "beginning of": "START", "the early part of": "START", "earlier": "START",
    "late": "END", "the end of": "END", "end of": "END", "the late": "END",
    "later": "END", "the latter part of": "END", "the close of": "END",
    "mid": "MID", "mid-": "MID", "the middle of": "MID", "middle of": "MID",
    "about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX",
    "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "less than": "LESS_THAN",
"up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
    "more than": "MORE_THAN", "at least": "EQUAL_OR_MORE",
    "the first": "START", "the last": "END",
    "early in": "START", "late in": "END", "mid-way through": "MID",
}

#: Idioms that contain a time word and date nothing.
TRAP_PHRASES = (
    "the last minute", "last-minute", "at the same time", "in time", "on time",
    "from time to time", "all the time", "the time being", "at times", "any time",
    "time and again", "day to day", "day-to-day", "the other day",
    "the cold war", "as soon as",
)

#: Informal spellings (tweets, chat) -> the standard word.
INFORMAL: dict[str, str] = {
    "tmr": "tomorrow", "tmrw": "tomorrow", "tmw": "tomorrow", "tomo": "tomorrow",
    "tomolo": "tomorrow", "trmw": "tomorrow", "2moro": "tomorrow", "2morrow": "tomorrow",
    "tdy": "today", "2day": "today", "tonite": "tonight", "2nite": "tonight", "2night": "tonight",
    "ytd": "yesterday", "nite": "night", "xmas": "christmas",
}

#: Fixed-date holidays: name -> (month, day); movable ones are computed in calendar.py.
HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "boxing day": (12, 26), "new year's eve": (12, 31), "new year's day": (1, 1),
    "halloween": (10, 31), "valentine's day": (2, 14), "st. patrick's day": (3, 17),
    "independence day": (7, 4), "the fourth of july": (7, 4), "veterans day": (11, 11),
}
#: Movable holidays: name -> (month, weekday, n-th; -1 = last)
MOVABLE_HOLIDAYS: dict[str, tuple[int, int, int]] = {
    "thanksgiving": (11, 3, 4), "thanksgiving day": (11, 3, 4), "labor day": (9, 0, 1),
    "memorial day": (5, 0, -1), "mother's day": (5, 6, 2), "father's day": (6, 6, 3),
    "martin luther king day": (1, 0, 3), "presidents' day": (2, 0, 3),
}

#: Era markers after (or before) a year number: word -> True for BC, False for AD.
ERAS: dict[str, bool] = {
    "bc": True, "b.c.": True, "b.c": True, "bce": True, "b.c.e.": True,
    "ad": False, "a.d.": False, "a.d": False, "ce": False, "c.e.": False,
}

#: Ordinal words of centuries and millennia ('the fifth century BC', 'the first millennium').
ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21,
}

#: Words before a bare number that, in a story told in BC years, make it a year ('in 480').
BARE_YEAR_CUES = ("in", "of", "by", "until", "till", "from", "to", "and", "since", "after", "before",
                  "during", "around", "about", "c.", "circa", "late", "early", "mid-", "spring", "summer",
                  "autumn", "winter")

#: Words before a date that make it the time a past perfect is seen from ('By 1942, Japan had
#: conquered Burma', 'by the end of March ... had'), unlike the date of a flashback ('had invaded
#: in late 1943'), which lies before the story's time.
REFERENCE_TIME_WORDS = ("by", "until", "till", "before")

#: Words of a near future ('soon', 'shortly'): FUTURE_REF of the text's present, but in a
#: past-tense clause ('the city was soon besieged') only "soon after" the story's time, no date.
SOON_WORDS = ("soon", "shortly")

#: Nouns after a capitalised season that make it a dated operation ('the Chinese Spring Offensive'),
#: whose season is a date, unlike other names ('Spring Street').
SEASON_EVENT_NOUNS = ("offensive", "campaign")

#: Things counted by a number, which after them is no year: 'Resolution 1483', 'Flight 1549', 'Route
#: 1776', 'Article 2001', 'page 1999'.
NUMBERED_THINGS = (
    "resolution", "resolutions", "decree", "directive", "flight", "route", "highway", "interstate", "article",
    "articles", "section", "chapter", "paragraph", "room", "suite", "platform", "gate", "bus", "model",
    "amendment", "regulation", "page", "pages", "verse", "psalm", "hymn", "catalog", "catalogue", "serial",
    "apartment", "exit", "number", "nos", "opus", "op",
)

#: Adjectives that make 'fall' a collapse or a decline, not the autumn: 'The final fall took two
#: days', 'a sharp fall in prices'.
FALL_AS_DROP_ADJECTIVES = frozenset((
    "final", "eventual", "ultimate", "sudden", "rapid", "swift", "quick", "sharp", "steep", "dramatic",
    "precipitous", "further", "subsequent", "imminent", "inevitable", "slight", "modest", "big", "huge",
    "steady", "gradual", "abrupt", "spectacular", "catastrophic", "political", "free",
))

#: Named periods of history, by their conventional years (astronomical, inclusive): name -> (first
#: year, last year, whether the name is written capitalised).  TimeML has no value for them; the
#: timeline places them on their interval.
HISTORICAL_PERIODS: dict[str, tuple[int, int, bool]] = {
    "middle ages": (500, 1500, True), "early middle ages": (500, 1000, True),
    "high middle ages": (1000, 1300, True), "late middle ages": (1300, 1500, True),
    "dark ages": (500, 1000, True), "medieval period": (500, 1500, False), "medieval era": (500, 1500, False),
    "renaissance": (1400, 1600, True), "reformation": (1517, 1648, True),
    "age of enlightenment": (1685, 1815, True), "elizabethan era": (1558, 1603, True),
    "napoleonic era": (1799, 1815, True), "victorian era": (1837, 1901, True),
    "edwardian era": (1901, 1910, True), "gilded age": (1870, 1900, True),
    "belle époque": (1871, 1914, True), "belle epoque": (1871, 1914, True),
    "progressive era": (1896, 1917, True), "interwar period": (1918, 1939, False),
    "interwar years": (1918, 1939, False), "inter-war period": (1918, 1939, False),
}
