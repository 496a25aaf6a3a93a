"""Table-driven anchoring: narrative passages, passage switching, BC years and centuries,
anaphora that carry their own year.  Real spaCy, real rules."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline_app.core.pipeline import extract

DCT = dt.date(2009, 12, 19)  # WikiWars' collection date: says nothing about the story
NEWS = dt.date(2017, 5, 10)

WW2 = ("In May 1940, Germany invaded France and the Low Countries. On June 10, Italy declared war on "
       "France. Twelve days later, France signed an armistice. In August, the Luftwaffe attacked Britain. "
       "By September 1940 the raids had moved to London. In December 1941, Japan attacked Pearl Harbor. "
       "In January, the Allies met in Washington. The previous year, Italy had invaded Greece.")

GRECO = ("The Ionian Revolt began in 499 BC and ended in 494 BC. The Persians invaded Greece in 490 BC. "
         "In August 480 BC the Persians reached Thermopylae; three days later the pass fell. "
         "The Athenians returned in 479, and in the spring of 478 BC the Delian League was formed. "
         "The 5th century BC was the age of Pericles. Augustus died in AD 14, in the first century.")

BACKGROUNDER = ("The senator spoke to reporters on Tuesday about the bill.\n\n"
                "In 1998, she ran for the state senate. In June, she won the primary and in November "
                "she took office.\n\nThe bill will be debated in June, she said on Tuesday.")

FLASHBACK = ("On 10 March 1975, the offensive began. The division had retreated from the highlands in "
             "late 1974, and the road would be open for a campaign in 1976. On 20 March, Hue was attacked.")
PEARL = ("In November 1941, the talks failed. On December 7 (December 8 in Asian time zones), 1941, Japan "
         "attacked Pearl Harbor. "
         "In January, the Allies issued a declaration.")
REFERENCE = ("The war began in August 1941. By 1942, Japan had conquered Burma. In May, the fleet sailed. "
             "In June 1942 the army kept the gains it made during the previous year. In January, it retreated.")
WINTERS = ("In December 1914, the Ottomans attacked and fought through the winter. In April 1915 the "
           "fleet sailed. By September 1919 the army was in retreat; it had spent the spring in Siberia, "
           "and it left before the onset of winter.")
EXILES = ("The family left Cuba in 1960. A sister followed in 1968, another in 1979, and two brothers "
          "came in 1983 and 1984. Since 1990 they have sent money home.\n\nThe day before, there had "
          "been talks. Last Tuesday the boy was released, and the next morning he appeared in court.")
ELECTIONS = ("On 4 February 2005, the assembly met. Troops were pulled out by the next month. "
             "Later in the year, a constitution was drafted; the last vote had been held a year earlier.")
SIEGE = ("In August 1936, the rebels marched on Madrid. Franco won another victory on 27 September. "
         "Two days after relieving the siege, he was named head of state. On 27 June 1950, two days "
         "after the invasion, Truman acted. Each battalion held its sector for about a week before "
         "moving back. In 1948, the army was reformed; two years before, it had been disbanded.")
SURGE = ("The invasion began on March 20, 2003. Baghdad fell in April 2003, elections followed in January "
         "2005, a new government took office in May 2006 and the surge began in January 2007. In March "
         "2008 the army attacked Basra. In May, the fighting moved north. Turkish troops withdrew on "
         "February 29.")

REBELLION = ("On 17 July 1936 the army rose. On the fifth day of the rebellion, Madrid held. On the third "
             "day, the rebels retreated.")
LUZON = ("In 1944 the war went on. They landed on Luzon in January 1945 and seized Manila in March. British "
         "forces defeated the Japanese in Burma from October to March, then pushed on to Rangoon by May 3.")
COMPARED = ("In March 2005, violence fell. February to April proved peaceful compared to the carnage of "
            "November and January. In May, hopes were dashed.")

# text, publication date, anchoring, expression, value
CASES = [
    # narrative anchoring: the year of the last date mentioned, forward at a year's turn
    (WW2, DCT, "auto", "June 10", "1940-06-10"),
    (WW2, DCT, "auto", "Twelve days later", "1940-06-22"),
    (WW2, DCT, "auto", "August", "1940-08"),
    (WW2, DCT, "auto", "January", "1942-01"),
    (WW2, DCT, "auto", "The previous year", "1941"),
    (WW2, DCT, "news", "June 10", "2009-06-10"),
    (WW2, DCT, "narrative", "June 10", "1940-06-10"),
    # the story's time moves with what happens next, not with a flashback ('had retreated in late
    # 1974'), a plan ('would be open for a campaign in 1976'), a look back ('the previous year') or
    # a coarser date that contains it ('December 7 ..., 1941'); a past perfect's 'by 1942' moves it
    (FLASHBACK, DCT, "auto", "20 March", "1975-03-20"),
    ("In September 1944, the offensive began and lasted until the fall of Budapest in February 1945. "
     "In mid-November, the army reached the Danube.", DCT, "auto", "mid-November", "1944-11"),
    (PEARL, DCT, "auto", "January", "1942-01"),
    (REFERENCE, DCT, "auto", "May", "1942-05"),
    (REFERENCE, DCT, "auto", "the previous year", "1941"),
    (REFERENCE, DCT, "auto", "January", "1942-01"),
    # a winter reached in a narrative is named by the year of its January; a past perfect looks back
    (WINTERS, DCT, "auto", "the winter", "1915-WI"),
    (WINTERS, DCT, "auto", "the spring", "1919-SP"),
    (WINTERS, DCT, "auto", "winter", "1920-WI"),
    # a month or season joined to a date with its year takes that year, in news as in narratives
    ("In April and June 1955, the sects fought the army.", DCT, "auto", "April", "1955-04"),
    ("Both sides spent the spring and early summer of 1943 preparing.", DCT, "auto", "the spring", "1943-SP"),
    ("The armies were evacuated during the winter-spring of 1920.", DCT, "auto", "the winter", "1920-WI"),
    ("The talks ran from December to February 2016.", NEWS, "auto", "December", "2015-12"),
    ("In 1917 the offer failed. The spring offensive of 1918 broke the line.", DCT, "auto", "The spring", "1918-SP"),
    ("In April 1951, the Chinese launched the Spring Offensive.", DCT, "auto", "the Spring", "1951-SP"),
    # ... and one dated later in its clause takes that date's year
    ("In May 1943 the Allies won in Tunisia. The Axis had launched their main summer offensive against "
     "southern Russia in June 1942.", DCT, "auto", "summer", "1942-SU"),
    ("In 1953 the armistice held. Chinese Winter Offensive (early 1951)", DCT, "auto", "Winter", "1951-WI"),
    # in a news story of old dates, a day named from the publication is what 'the next morning'
    # counts from (not 'the day before', a day somewhere in 1990)
    (EXILES, NEWS, "auto", "the next morning", "2017-05-10"),
    # 'the next month', 'later in the year', 'a year earlier' count from the story's time there
    (ELECTIONS, DCT, "auto", "the next month", "2005-03"),
    (ELECTIONS, DCT, "auto", "the year", "2005"),
    (ELECTIONS, DCT, "auto", "a year earlier", "2004"),
    # in a narrative 'N days after <an event>' dates the event (from the story's date, or the date
    # it stands in apposition to); a duration something lasted stays one; news keeps TimeML's duration
    (SIEGE, DCT, "auto", "Two days", "1936-09-29"),
    (SIEGE, DCT, "auto", "two days", "1950-06-27"),
    (SIEGE, DCT, "auto", "about a week", "P1W"),
    (SIEGE, DCT, "auto", "two years", "1946"),
    ("He resigned two days after the election.", NEWS, "auto", "two days", "P2D"),
    # a part of day in a narrative at no particular day is generic
    ("In 1950, the Chinese armies marched at night.", DCT, "auto", "night", "XXXX-XX-XXTNI"),
    # a story told up to a year before its publication is still a story: 'In May' after 'March 2008'
    # in a text of 2009 is May 2008; 'February 29' exists in the story's year
    (SURGE, DCT, "auto", "May", "2008-05"),
    (SURGE, DCT, "auto", "February 29", "2008-02-29"),
    # the second month of a range after a hyphen, and the first taking its year
    ("The Battle of Pusan Perimeter (August-September 1950) was won.", DCT, "auto", "September 1950", "1950-09"),
    ("The Battle of Pusan Perimeter (August-September 1950) was won.", DCT, "auto", "August", "1950-08"),
    # each end of a range is a date: days of the month the other end names, years after a hyphen
    ("The landing was planned on 12-14 July 1950.", DCT, "auto", "12", "1950-07-12"),
    ("The expo runs April 8-12, 2013.", NEWS, "auto", "12, 2013", "2013-04-12"),
    ("Talks were held on March 5-9, 1918.", DCT, "auto", "9, 1918", "1918-03-09"),
    ("Eastern Theater 1861-1863", DCT, "auto", "1863", "1863"),
    ("From 2 - 4 July 2013, the course is open.", NEWS, "auto", "2", "2013-07-02"),
    # 'the last week of August' is seven days of that month, its year from the story
    ("In August 1918, the Allies attacked at Amiens. In the last week of August, the line broke.", DCT,
     "auto", "the last week of August", "1918-W35"),
    # in a story, 'ago' said by someone speaks from when it was said (the story's time)
    ("In 1960, the war began. In 1965, troops arrived. In 1968, talks began. In 1973, the accords were "
     "signed. On 21 April 1975, Thieu resigned; he suggested that the U.S. Secretary of State had "
     "tricked him into signing the agreement two years ago.", DCT, "auto", "two years ago", "1973"),
    # passage switching in news: the backgrounder is narrative, the present is news
    (BACKGROUNDER, NEWS, "auto", "Tuesday", "2017-05-09"),
    (BACKGROUNDER, NEWS, "auto", "November", "1998-11"),
    # BC years, spans, centuries, millennia
    (GRECO, DCT, "auto", "499 BC", "BC0499"),
    (GRECO, DCT, "auto", "August 480 BC", "BC0480-08"),
    (GRECO, DCT, "auto", "three days later", "BC0480-08-XX"),  # a day of August 480 BC, not its 4th
    (GRECO, DCT, "auto", "479", "BC0479"),
    (GRECO, DCT, "auto", "the spring of 478 BC", "BC0478-SP"),
    (GRECO, DCT, "auto", "The 5th century BC", "BC04"),
    # the bound of a flashback ('had been ... since 513 BC') is not what 'the following year' counts from
    ("In 492 BC, Mardonius led the campaign; Thrace had been part of the empire since 513 BC. The "
     "following year, Darius sent ambassadors.", DCT, "auto", "The following year", "BC0491"),
    (GRECO, DCT, "auto", "AD 14", "0014"),
    (GRECO, DCT, "auto", "the first century", "00"),
    ("Historians of the nineteenth century disagreed.", DCT, "auto", "the nineteenth century", "18"),
    # each end of a range of years BC is a date (as the corpora annotate ranges)
    ("The second invasion of 480-479 BC failed.", DCT, "auto", "480", "BC0480"),
    ("The second invasion of 480-479 BC failed.", DCT, "auto", "479 BC", "BC0479"),
    ("The revolt lasted from 499 to 493 BC.", DCT, "auto", "499", "BC0499"),
    ("Caesar invaded Britain in 55 and 54 BC.", DCT, "auto", "55", "BC0055"),
    # the era on both ends of a range, spaced or not: each end is its year, none is lost after the dash
    ("The First Punic War (264 BC - 241 BC) was fought at sea.", DCT, "auto", "264 BC", "BC0264"),
    ("The First Punic War (264 BC - 241 BC) was fought at sea.", DCT, "auto", "241 BC", "BC0241"),
    ("The Second Punic War (218 BC-201 BC) followed.", DCT, "auto", "201 BC", "BC0201"),
    # 'N months later' after a day is a month (HeidelTime's reading); 'N days later' after a month is a day of
    # that month the text does not say (not its first day moved on)
    ("Italy declared war on May 23, 1915. Fifteen months later, it declared war on Germany.", DCT, "auto",
     "Fifteen months later", "1916-08"),
    ("In October 1915 the offensive began. Four days later the city fell.", DCT, "auto", "Four days later",
     "1915-10-XX"),
    ("The President was captured on May 10, 1865. Thompson surrendered the next day and the day following "
     "saw the surrender of the forces.", DCT, "auto", "the day following", "1865-05-12"),
    # a day that begins a range across months takes the year its end names
    ("In 1953 the talks went on. The battles included Old Baldy (26 June - 4 August 1952) and White Horse.",
     DCT, "auto", "26 June", "1952-06-26"),
    ("Trade grew in the 470s BC.", DCT, "auto", "the 470s BC", "BC047"),
    ("Carthage fell in 146 B.C.", DCT, "auto", "146 B.C.", "BC0146"),
    # an ordinal day of the story counts from the story's day (day one), every one from the same
    # origin; in apposition to a day it is that day; within the story's month when it is no day
    (REBELLION, DCT, "auto", "the fifth day of the rebellion", "1936-07-21"),
    (REBELLION, DCT, "auto", "the third day", "1936-07-19"),
    ("On 17 July 1936 the army rose. On 21 July, the fifth day of the rebellion, Ferrol fell.", DCT, "auto",
     "the fifth day of the rebellion", "1936-07-21"),
    ("In August 480 BC the Persians reached Thermopylae. On the final day of the battle Leonidas fell.",
     DCT, "auto", "the final day of the battle", "BC0480-08-XX"),
    ("In August 480 BC the Persians reached Thermopylae. On the third evening the fleet sailed.",
     DCT, "auto", "the third evening", "BC0480-08-XXTEV"),
    # a range of bare months runs forward across a year's turn, from whichever end has its year
    ("In October 1917 the Bolsheviks seized power. The fighting lasted from October to March.", DCT, "auto",
     "March", "1918-03"),
    ("In 1917 the revolution began. Between November and February the army froze.", DCT, "auto",
     "February", "1918-02"),
    (LUZON, DCT, "auto", "October", "1944-10"),
    (LUZON, DCT, "auto", "May 3", "1945-05-03"),
    ("In 2003 the invasion began. In the invasion phase (March 19-April 30), troops advanced.", DCT, "auto",
     "April 30", "2003-04-30"),
    ("In the invasion phase of the war (March 19-April 30, 2003), 9,200 combatants were killed.", DCT, "auto",
     "April 30, 2003", "2003-04-30"),
    # 'the following spring', 'the previous April', 'that autumn' count from the date mentioned before
    ("In 1812 Napoleon invaded Russia. The following spring, the allies regrouped.", DCT, "auto",
     "The following spring", "1813-SP"),
    ("In 1812 Napoleon invaded Russia. The following winter destroyed his army.", DCT, "auto",
     "The following winter", "1813-WI"),
    ("In December 1941 Japan attacked; the previous summer, Germany had invaded Russia.", DCT, "auto",
     "the previous summer", "1941-SU"),
    ("In 1813 the allies won at Leipzig. That autumn, Napoleon retreated.", DCT, "auto", "That autumn", "1813-FA"),
    ("In 1919 the Whites attacked. The previous April, the Czechs had revolted.", DCT, "auto",
     "The previous April", "1918-04"),
    ("In May 1940, Germany invaded France. The following March, the Blitz was at its height.", DCT, "auto",
     "The following March", "1941-03"),
    ("The company was founded in 2014. The following spring it hired its first engineers.", NEWS, "auto",
     "The following spring", "2015-SP"),
    # an aside about later times inside a sentence ('declassified in 2005') leaves the story where it
    # was; a later date opening its sentence moves it on
    ("On 2 August 1964 the Maddox was attacked. A report declassified in 2005 revealed there was no attack "
     "on 4 August.", DCT, "auto", "4 August", "1964-08-04"),
    ("On 2 August 1964 the Maddox was attacked. In 1968, the offensive came. On 4 August the city fell.",
     DCT, "auto", "4 August", "1968-08-04"),
    ("In 1968 the offensive came. Saigon surrendered to the North in 1975; Laos and Cambodia were overrun "
     "that same spring.", DCT, "auto", "that same spring", "1975-SP"),
    # a time of day in a narrative is on the story's day, or on the day named after it; at no day when the
    # story is at none
    ("In 2003 the coalition prepared. At 5:34 AM Baghdad time on March 20, 2003 (9:34 p.m., March 19 EST) "
     "the invasion began.", DCT, "auto", "5:34 AM", "2003-03-20T05:34"),
    ("In 2003 the coalition prepared. At 5:34 AM Baghdad time on March 20, 2003 (9:34 p.m., March 19 EST) "
     "the invasion began.", DCT, "auto", "9:34 p.m., March 19", "2003-03-19T21:34"),
    ("In 1950 the war began. The attack came at 19:00 and the army retreated.", DCT, "auto", "19:00",
     "XXXX-XX-XXT19:00"),
    ("On 7 May 1954 the garrison fell. The last radio message came on May 8 1:00AM.", DCT, "auto",
     "May 8 1:00AM", "1954-05-08T01:00"),
    ("The senator spoke at 10 a.m. on Tuesday.", NEWS, "auto", "10 a.m.", "2017-05-09T10:00"),
    # 'on the 20th' is a day of the month mentioned before (or of the month that ends its range); "'99"
    # is the year ending in 99 nearest the story's time
    ("In September 1917 the British attacked again. The onslaught on the 20th was successful.", DCT, "auto",
     "the 20th", "1917-09-20"),
    ("In September 1950 Stalin delayed; Mao re-scheduled the war from the 13th to the 19th of October 1950.",
     DCT, "auto", "the 13th", "1950-10-13"),
    ("In 1917 the army retreated. The government called to arms the so-called '99 Boys.", DCT, "auto",
     "'99", "1899"),
    ("Voters in the class of '18 will decide.", NEWS, "auto", "'18", "2018"),
    # a bare weekday in a story is the one nearest the story's day, of no known week when the story is at
    # no day; in news it speaks from the publication date
    (SURGE + " On 10 September 2007, Petraeus testified. On Thursday, Abu Risha was killed.", DCT, "auto",
     "Thursday", "2007-09-13"),
    (SURGE + " In late 2008 the protests grew; crowds gathered after Friday prayers.", DCT, "auto",
     "Friday", "XXXX-WXX-5"),
    (BACKGROUNDER, NEWS, "auto", "Tuesday", "2017-05-09"),
    # a date of its own told inside a sentence, before the story's day and in the same paragraph, is a
    # look back ('This followed the election in December 2005'); a new paragraph may turn back the story
    ("In 2006 a new cabinet was formed. It took office on 20 May 2006. This followed the election in "
     "December 2005. On 23 November, the cabinet resigned.", DCT, "auto", "23 November", "2006-11-23"),
    ("In 1943 the Allies struck twice. The first offensive failed, forcing a retreat by May 1943.\n\nOn the "
     "eastern front, the Germans attacked southern Russia in June 1942. By mid-November they had reached the "
     "Volga.", DCT, "narrative", "mid-November", "1942-11"),
    # a date told for comparison lies before the story's time and does not move it
    (COMPARED, DCT, "auto", "November", "2004-11"),
    (COMPARED, DCT, "auto", "May", "2005-05"),
    ("In the second half of 2008 attacks fell to 200 a week, as opposed to a peak of 1,600 in summer 2007. "
     "The army then launched a spring offensive in the south.", DCT, "narrative", "spring", "2008-SP"),
    ("In late April 2008 bombings rose from a low in January to over 250, surpassing the May 2007 high. In "
     "early May the army moved in.", DCT, "auto", "early May", "2008-05"),
    # anaphora with their own year
    ("In 2011 the revolt began. On that January day in 2011, crowds gathered.", NEWS, "auto",
     "January day in 2011", None),
    ("The treaty was signed in March 1919. In August of that year, it took effect.", DCT, "auto",
     "August of that year", "1919-08"),
]


@pytest.mark.parametrize("text, published, anchoring, phrase, value", CASES)
def test_anchoring(nlp, text, published, anchoring, phrase, value):
    x = extract(text, published, nlp=nlp, anchoring=anchoring)
    assert x.anchoring == anchoring and x.to_dict()["anchoring"] == anchoring
    found = {t.text: t for t in x.timexes}
    if value is None:  # only: found, and not in the publication year
        t = next(t for t in x.timexes if phrase.split()[0] in t.text)
        assert t.value and t.value.startswith("2011"), t
        return
    assert phrase in found, sorted(found)
    assert found[phrase].value == value, found[phrase].explanation


def test_explanations_name_their_anchor(nlp):
    x = extract(WW2, DCT, nlp=nlp)
    june = next(t for t in x.timexes if t.text == "June 10")
    assert "narrative passage" in june.explanation and "May 1940" in june.explanation
    assert june.anchor == next(t.id for t in x.timexes if t.text == "May 1940")
    news = extract(WW2, DCT, nlp=nlp, anchoring="news")
    assert "publication" in next(t for t in news.timexes if t.text == "June 10").explanation


def test_unknown_anchoring_is_a_clear_error(nlp):
    with pytest.raises(ValueError, match="anchoring must be one of"):
        extract("It rained on June 10.", DCT, nlp=nlp, anchoring="story")


@pytest.mark.parametrize("text, word, story", [
    ("In 480 BC the Persians invaded Greece. The Greeks were now divided.", "now", "480 BC"),
    ("In May 1940, Germany invaded France. The British army was currently in Belgium.", "currently", "May 1940"),
    ('In 1961 Kennedy took office. "Now we have a problem," Kennedy said.', "Now", "1961"),
])
def test_now_in_a_story_is_the_story_time(nlp, text, word, story):
    """'now' told in a narrative passage keeps TimeML's PRESENT_REF but takes the story's interval and
    anchor, so its event is placed at the story's time, not in the window's 'present (vague)' tray."""
    x = extract(text, DCT, nlp=nlp)
    t = next(t for t in x.timexes if t.text == word)
    said = next(t for t in x.timexes if t.text == story)
    assert t.value == "PRESENT_REF" and (t.earliest, t.latest) == (said.earliest, said.latest), t.explanation
    assert t.anchor == said.id and "story" in t.explanation
    event = next(e for e in x.events if t.id in e.timex_ids)
    assert (event.earliest, event.latest) == (said.earliest, said.latest)


@pytest.mark.parametrize("text, published, word", [
    ("In 1776 the war began near what is now Lyndhurst, New Jersey.", DCT, "now"),  # the text's present
    ("The senator is now in Washington.", NEWS, "now"),  # news
])
def test_now_of_the_text_stays_vague(nlp, text, published, word):
    x = extract(text, published, nlp=nlp)
    t = next(t for t in x.timexes if t.text == word)
    assert t.value == "PRESENT_REF" and t.earliest is None and t.anchor == "publication date"


def test_ordinal_day_in_news(nlp):
    """In news an ordinal day said in the present tense is the publication day ('It's the second day of
    an offensive'); in the past tense the text does not say which day it was."""
    x = extract("It's the second day of an offensive by the security forces.", NEWS, nlp=nlp)
    t = next(t for t in x.timexes if "second day" in t.text)
    assert (t.text, t.value) == ("the second day", "2017-05-10")
    x = extract("Protesters rallied on the third day of the strike.", NEWS, nlp=nlp)
    assert not any("third day" in t.text for t in x.timexes)


def test_an_ordinal_before_a_noun_is_no_day(nlp):
    x = extract("In September 1917 the British attacked. The 5th Army attacked on the 20th Division's flank.",
                DCT, nlp=nlp)
    assert not any(t.text.startswith("the 20th") for t in x.timexes), [t.text for t in x.timexes]


def test_a_range_with_the_era_on_both_ends_is_one_range(nlp):
    """'(264 BC - 241 BC)': the two ends are read as one range (each its own year), as '499-493 BC' is."""
    x = extract("The First Punic War (264 BC - 241 BC) was fought at sea.", DCT, nlp=nlp)
    ends = {t.text: t for t in x.timexes}
    assert set(ends) == {"264 BC", "241 BC"}
    assert "begins the range '264 BC - 241 BC'" in ends["264 BC"].explanation
    assert "ends the range '264 BC - 241 BC'" in ends["241 BC"].explanation
