"""Dates and relative times in an article, resolved against its publication date.

News dates events relative to the day it is written: "on Monday", "yesterday", "last week", "Nov. 6"
(no year). A timeline across articles needs those as calendar dates, so each expression is resolved
against the publication date, and kept unresolved (``value`` None) when that date is unknown rather than
guessed. Conventions:

* a weekday is the most recent such day on or before publication ("said on Monday"), or the next one
  after it when the verb is future ("will meet on Monday") or the text says "next";
* a month and day without a year take the year that puts them on or before publication (so within the
  eleven months before it), or after it for a future verb; a month alone likewise;
* "last week", "this month", "two years ago" are intervals; ``value`` is the most precise calendar unit
  that contains the whole interval ("last week" is a month when the week falls in one month, else a year);
* an anchor known only to the month or year (``published.precision``) is an interval too, so "yesterday"
  against "2017-11" is "2017": never more precise than the anchor allows;
* years and full dates resolve without an anchor; durations ("several days", "a year") and vague
  references ("recent weeks") are kept with ``value`` None.

Candidates come from one precompiled regular expression over the text plus spaCy's DATE entities (for the
phrasings the expression does not know). A bare four-digit number is a year only after a preposition
("in 2015", "since 2011") or where spaCy reads it as a date and it does not count a noun ("around 2000
American soldiers" is a number). The expression's span includes the preposition that introduces it
("on Monday", "since 2011"), since "since" and "until" change what the date means.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from newsledger.ids import record_id
from newsledger.language.quantities.numbers import TENS, UNITS
from newsledger.language.stems import word_stem
from newsledger.records import Precision, PublishedDate, TimeExpression
from newsledger.timewords import MONTHS, WEEKDAYS


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_NUMBERS = {"a": 1, "an": 1, **UNITS, **TENS}
"""Number words in "two weeks ago", "a year ago": the quantity reader's own tables."""
_MONTH_FULL = r"January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH = (
    r"Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?"
    r"|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_LEAD = r"(?i:on|in|since|until|till|during|by|before|after|from|as\s+of|through|throughout)"
_NUMBER_WORD = (
    r"(?i:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)"
)

_EXPRESSION = re.compile(
    rf"""
    (?:\b(?P<lead>{_LEAD})\s+)?
    (?:
        (?:\b(?P<dwd>{_WEEKDAY}),?\s+)?(?:the\s+)?
        (?:
            \b(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>{_YEAR})\b)?
          | \b(?P<d2>{_DAY})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH})(?![a-z])(?:,?\s+(?P<y2>{_YEAR})\b)?
          | \b(?P<m3>{_MONTH})\s+(?P<y3>{_YEAR})\b
          | \b(?P<iy>{_YEAR})-(?P<im>[01]\d)-(?P<id>[0-3]\d)\b
        )
      | (?P<wmod>(?i:last|next|this|coming|past|previous)\s+)?\b(?P<wd>{_WEEKDAY})\b
        (?:\s+(?:morning|afternoon|evening|night)\b)?
      | \b(?P<rel>(?i:yesterday|today|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening)))\b
      | \b(?P<pmod>(?i:earlier|later))\s+this\s+(?P<punit>week|month|year)\b
      | \b(?P<umod>(?i:last|this|next|past|previous|coming))\s+(?P<unit>week|month|year|weekend)\b
      | \b(?P<num>{_NUMBER_WORD})\s+(?P<agounit>day|week|month|year)s?\s+ago\b
      | (?P<mmod>(?i:early|late|mid-?|last|next|this|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of)\s*)?
        \b(?P<mon>{_MONTH_FULL})\b
      | (?P<ymod>(?i:early|late|mid-?|the\s+end\s+of|the\s+start\s+of|the\s+beginning\s+of|the\s+middle\s+of)\s*)?
        \b(?P<year>{_YEAR})(?P<decade>s)?\b
    )
    """,
    re.X,
)
_AGE = re.compile(r"\b(?:years?|months?|weeks?|days?)[- ]old\b|\bage of\b|\bof age\b", re.I)
_LEAD_BEFORE = re.compile(rf"\b{_LEAD}\s+$")
_FREQUENCY = re.compile(r"^(?:daily|weekly|monthly|yearly|annual|annually|nightly|hourly|every\s+\w+)$", re.I)
_VAGUE_RELATIVE = re.compile(
    r"\b(?:recent|recently|last|past|next|coming|ago|earlier|later|this|these|current|previous)\b", re.I
)
_TIME_WORD = re.compile(
    r"\b(?:day|days|week|weeks|weekend|weekends|month|months|year|years|decade|decades|century|centuries"
    r"|hour|hours|morning|evening|night|nights|season|spring|summer|autumn|fall|winter|time|times|period"
    r"|era|age|ago|past|future|now|recently|lately|later|earlier|today|yesterday|tomorrow)\b"
)
_APPROXIMATORS = _words("around about some nearly over almost approximately roughly than least up only just")
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "’ll", "wo"})
_FUTURE_HEADS = frozenset(
    word_stem(w)
    for w in "going set due schedule expect plan slate intend prepare".split()  # noqa: SIM905
)
"""Words that put the verb they govern in the future: "is set to meet", "scheduled for Monday"."""

Interval = tuple[date, date]
Resolver = Callable[[date], Interval]


def resolve_time_expressions(
    doc: Any, *, article_id: str, published: PublishedDate, use_inferred: bool = False
) -> list[TimeExpression]:
    """Every date and relative time expression in the article, resolved where the anchor allows.

    ``doc`` is the spaCy parse of the article's clean text. ``published`` anchors relative expressions;
    an inferred publication date is an estimate, so it anchors nothing unless ``use_inferred`` is set
    (a resolved value would otherwise present a guess as a date the text gives).
    """
    text: str = doc.text
    anchor = _anchor(published, use_inferred=use_inferred)
    found: list[TimeExpression] = []
    covered: list[tuple[int, int]] = []
    for match in _EXPRESSION.finditer(text):
        reading = _read(match, doc)
        if reading is None:
            continue
        start, end = match.start(), match.end()
        found.append(_record(article_id, text, start, end, reading, anchor))
        covered.append((start, end))
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        start, end = ent.start_char, ent.end_char
        if any(s < end and start < e for s, e in covered):
            continue
        reading = _read_entity(ent, doc)
        if reading is None:
            continue
        lead = _lead_before(text, start)
        found.append(_record(article_id, text, lead, end, reading, anchor))
        covered.append((lead, end))
    found.sort(key=lambda t: (t.start, t.end))
    return found


# --- readings: what an expression means, before an anchor is applied ----------------------------------

Reading = tuple[Interval | None, Resolver | None, Precision | None]
"""(an absolute interval, or a function of the anchor day giving the interval, natural precision)."""
_VAGUE: Reading = (None, None, None)


def _read(match: re.Match[str], doc: Any) -> Reading | None:
    g = match.groupdict()
    month_name = g["m1"] or g["m2"] or g["m3"]
    if month_name or g["iy"]:
        if g["iy"]:
            year, month, day = int(g["iy"]), int(g["im"]), int(g["id"])
        else:
            month = MONTHS[month_name[:3].lower()]
            year_text = g["y1"] or g["y2"] or g["y3"]
            year = int(year_text) if year_text else 0
            day = int(g["d1"] or g["d2"] or 0)
        if year and day:
            exact = _safe_date(year, month, day)
            return None if exact is None else ((exact, exact), None, "day")
        if year:
            return ((date(year, month, 1), _month_end(year, month)), None, "month")
        future = _is_future(doc, match.start(), match.end())
        return (None, _month_day(month, day, future=future), "day")
    if g["wd"]:
        weekday = WEEKDAYS[g["wd"][:3].lower()]
        modifier = (g["wmod"] or "").strip().lower()
        future = modifier in ("next", "coming") or (
            modifier not in ("last", "past", "previous") and _is_future(doc, match.start(), match.end())
        )
        return (
            None,
            _weekday(weekday, future=future, strict=modifier in ("last", "next", "past", "previous")),
            "day",
        )
    if g["rel"]:
        word = " ".join(g["rel"].lower().split())
        shift = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
        return (None, lambda d: (d + timedelta(days=shift), d + timedelta(days=shift)), "day")
    if g["pmod"]:
        unit = g["punit"]
        later = g["pmod"].lower() == "later"
        return (None, _this_unit(unit, after=later), _unit_precision(unit))
    if g["umod"]:
        return (None, _unit(g["umod"].lower(), g["unit"]), _unit_precision(g["unit"]))
    if g["num"]:
        count = int(g["num"]) if g["num"].isdigit() else _NUMBERS[g["num"].lower()]
        return (None, _ago(count, g["agounit"]), _unit_precision(g["agounit"]))
    if g["mon"]:
        modifier = " ".join((g["mmod"] or "").lower().split())
        if not (g["lead"] or modifier):
            return None  # "March" and "May" open sentences as verbs and names
        month = MONTHS[g["mon"][:3].lower()]
        future = modifier == "next" or (modifier != "last" and _is_future(doc, match.start(), match.end()))
        return (None, _month(month, future=future, strict=modifier in ("last", "next")), "month")
    if g["year"]:
        if g["decade"]:
            return _VAGUE
        if not (g["lead"] or g["ymod"]) and not _year_in_context(doc, match.start("year"), match.end("year")):
            return None
        year = int(g["year"])
        return ((date(year, 1, 1), date(year, 12, 31)), None, "year")
    return None


def _read_entity(ent: Any, doc: Any) -> Reading | None:
    """A spaCy DATE span the expression did not match: a phrasing it does not know, or not a date."""
    words = ent.text.strip()
    if not any(ch.isalpha() for ch in words):
        return None  # bare numbers spaCy calls dates ("2000" soldiers) are handled by the expression
    if _FREQUENCY.match(words) or _AGE.search(words):
        return None
    inner = _EXPRESSION.search(words)
    if inner is not None and inner.group("year") and not inner.group("decade"):
        year = int(inner.group("year"))
        return ((date(year, 1, 1), date(year, 12, 31)), None, "year")
    if not _TIME_WORD.search(words):
        return None  # "the Syrian Day (of Rage)": a name spaCy took for a date
    if _VAGUE_RELATIVE.search(words):
        return (None, lambda d: (date.min, date.max), None)
    return _VAGUE


def _year_in_context(doc: Any, start: int, end: int) -> bool:
    """Whether a bare four-digit number is a year: spaCy reads it as a date and it does not count a noun."""
    span = doc.char_span(start, end)
    if span is None or len(span) != 1:
        return False
    token = span[0]
    if token.ent_type_ != "DATE":
        return False
    if token.i > 0 and doc[token.i - 1].lower_ in _APPROXIMATORS:
        return False
    head = token.head
    return not (token.dep_ == "nummod" and head.tag_ in ("NNS", "NNPS"))


def _is_future(doc: Any, start: int, end: int) -> bool:
    """Whether the verb an expression attaches to speaks of the future ("will meet", "is due to")."""
    if not doc.has_annotation("DEP"):
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    token = span.root
    for _ in range(4):
        if token.pos_ in ("VERB", "AUX") or token.dep_ == "ROOT":
            break
        token = token.head
    for child in token.children:
        if child.dep_ in ("aux", "auxpass") and child.lower_ in _FUTURE_AUX:
            return True
    if word_stem(token.text) in _FUTURE_HEADS and token.tag_ != "VBD":
        return True
    head = token.head
    return token.dep_ == "xcomp" and word_stem(head.text) in _FUTURE_HEADS and head.tag_ != "VBD"


def _lead_before(text: str, start: int) -> int:
    """Start of a preposition introducing the expression at ``start`` ("on Monday"), or ``start``."""
    m = _LEAD_BEFORE.search(text[max(0, start - 14) : start])
    return start - (len(m.group()) if m else 0)


# --- resolution ------------------------------------------------------------------------------------


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_day(month: int, day: int, *, future: bool) -> Resolver:
    def resolve(anchor: date) -> Interval:
        year = anchor.year
        found = _safe_date(year, month, day)
        if found is None:
            raise ValueError
        if future and found < anchor:
            found = _safe_date(year + 1, month, day)
        elif not future and found > anchor:
            found = _safe_date(year - 1, month, day)
        if found is None:
            raise ValueError
        return found, found

    return resolve


def _weekday(weekday: int, *, future: bool, strict: bool) -> Resolver:
    def resolve(anchor: date) -> Interval:
        if future:
            ahead = (weekday - anchor.weekday()) % 7 or 7
            found = anchor + timedelta(days=ahead)
        else:
            back = (anchor.weekday() - weekday) % 7
            if back == 0 and strict:
                back = 7
            found = anchor - timedelta(days=back)
        return found, found

    return resolve


def _month(month: int, *, future: bool, strict: bool) -> Resolver:
    def resolve(anchor: date) -> Interval:
        year = anchor.year
        if future:
            if month < anchor.month or (strict and month == anchor.month):
                year += 1
        elif month > anchor.month or (strict and month == anchor.month):
            year -= 1
        return date(year, month, 1), _month_end(year, month)

    return resolve


def _unit(modifier: str, unit: str) -> Resolver:
    step = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[modifier]

    def resolve(anchor: date) -> Interval:
        if unit == "year":
            year = anchor.year + step
            return date(year, 1, 1), date(year, 12, 31)
        if unit == "month":
            month_index = anchor.year * 12 + anchor.month - 1 + step
            year, month = divmod(month_index, 12)
            return date(year, month + 1, 1), _month_end(year, month + 1)
        if unit == "weekend":
            # The Saturday on or before the anchor; "last" steps back past a weekend the anchor is in,
            # "this" on a weekday and "next" mean the coming one.
            saturday = anchor - timedelta(days=(anchor.weekday() - 5) % 7)
            in_weekend = anchor.weekday() >= 5
            if step < 0 and in_weekend:
                saturday -= timedelta(days=7)
            elif (step == 0 and not in_weekend) or step > 0:
                saturday += timedelta(days=7)
            return saturday, saturday + timedelta(days=1)
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(days=7 * step)
        return monday, monday + timedelta(days=6)

    return resolve


def _this_unit(unit: str, *, after: bool) -> Resolver:
    def resolve(anchor: date) -> Interval:
        lo, hi = _unit("this", unit)(anchor)
        return (anchor, hi) if after else (lo, anchor)

    return resolve


def _ago(count: int, unit: str) -> Resolver:
    def resolve(anchor: date) -> Interval:
        if unit == "day":
            found = anchor - timedelta(days=count)
            return found, found
        if unit == "week":
            middle = anchor - timedelta(days=7 * count)
            return middle - timedelta(days=3), middle + timedelta(days=3)
        if unit == "month":
            month_index = anchor.year * 12 + anchor.month - 1 - count
            year, month = divmod(month_index, 12)
            return date(year, month + 1, 1), _month_end(year, month + 1)
        year = anchor.year - count
        return date(year, 1, 1), date(year, 12, 31)

    return resolve


def _unit_precision(unit: str) -> Precision:
    return "day" if unit == "day" else "year" if unit == "year" else "month"


def _anchor(published: PublishedDate, *, use_inferred: bool) -> Interval | None:
    """The publication date as an interval of days (a month or year when that is all we know)."""
    if published.date is None or (published.inferred and not use_inferred):
        return None
    m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", published.date)
    if not m:
        return None
    year = int(m.group(1))
    if m.group(3):
        day = _safe_date(year, int(m.group(2)), int(m.group(3)))
        return None if day is None else (day, day)
    if m.group(2):
        month = int(m.group(2))
        return date(year, month, 1), _month_end(year, month)
    return date(year, 1, 1), date(year, 12, 31)


def _value(interval: Interval) -> tuple[str | None, Precision | None]:
    """The most precise calendar unit containing the whole interval, as an ISO string."""
    lo, hi = interval
    if lo == date.min or hi == date.max:
        return None, None
    if lo == hi:
        return lo.isoformat(), "day"
    if (lo.year, lo.month) == (hi.year, hi.month):
        return f"{lo.year:04d}-{lo.month:02d}", "month"
    if lo.year == hi.year:
        return f"{lo.year:04d}", "year"
    return None, None


def _record(
    article_id: str, text: str, start: int, end: int, reading: Reading, anchor: Interval | None
) -> TimeExpression:
    absolute, relative, _precision = reading
    value: str | None = None
    precision: Precision | None = None
    if absolute is not None:
        value, precision = _value(absolute)
    elif relative is not None and anchor is not None:
        try:
            lo = relative(anchor[0])[0]
            hi = relative(anchor[1])[1]
        except (ValueError, OverflowError):
            pass
        else:
            value, precision = _value((lo, hi))
    return TimeExpression(
        id=record_id("t", article_id, start, end),
        article_id=article_id,
        start=start,
        end=end,
        text=text[start:end],
        value=value,
        precision=precision,
        relative=relative is not None,
    )
