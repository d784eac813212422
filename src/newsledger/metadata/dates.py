"""Absolute dates, times and year references written in English text.

A handful of precompiled regular expressions cover the formats news pages use ("December 26, 2017",
"22 December 2017", "Nov. 6", "2017-12-26T13:33", "26/12/2017", "January 25, 2024 at 1:33 pm"); they are
an order of magnitude faster than a general date parser and, unlike one, never turn a stray number into a
date. Month names must be capitalised ("may" is a verb, "May" a month).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from newsledger.records import Precision
from newsledger.timewords import MONTHS

_MONTH = (
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
)
_YEAR = r"(?:19|20)\d\d"
_DATE = re.compile(
    rf"""
    (?P<iso>(?<![\d/.-])(?P<iy>{_YEAR})-(?P<im>[01]?\d)-(?P<id>[0-3]?\d)(?!\d))
    |(?P<mdy>\b(?P<m1>{_MONTH})\.?\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>{_YEAR})\b)?)
    |(?P<dmy>\b(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m2>{_MONTH})\b\.?(?:,?\s+(?P<y2>{_YEAR})\b)?)
    |(?P<my>\b(?P<m3>{_MONTH})\.?,?\s+(?P<y3>{_YEAR})\b)
    |(?P<num>(?<![\d/.])(?P<n1>[0-3]?\d)(?P<sep>[/.])(?P<n2>[0-3]?\d)(?P=sep)(?P<ny>{_YEAR})(?![\d/]))
    |(?P<bare>\b(?P<m4>{_MONTH})\b)
    """,
    re.X | re.I,
)
_TIME = re.compile(
    r"(?<![\d:.,])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?::[0-5]\d)?(?:\s*(?P<ap>[ap])\.?\s?m\b\.?)?(?![\d:])",
    re.I,
)
_MONTH_ANCHOR = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)"
)
_YEAR_TOKEN = re.compile(_YEAR)
_BEFORE = 16  # "3rd of December": the day stands up to this many characters before the month
_AFTER = 40
_YEAR_PREP = re.compile(
    r"\b(?:[Ii]n|[Ss]ince|of|[Ff]rom|until|till|by|[Dd]uring|[Bb]efore|[Aa]fter|early|mid|late|year|between|and|to"
    r"|throughout)[\s-]+$"
)
_YEAR_AFTER = re.compile(r"(?P<unit>s\b|\s*(?:%|per\s*cent|percent))|\s*(?P<next>[A-Za-z]+)?")
_YEAR_NEXT_OK_TEXT = (
    "and or to when the a as after before but with for at on in that which it he she they we was were is "
    "has had while until amid following when where"
)
_YEAR_NEXT_OK = frozenset(_YEAR_NEXT_OK_TEXT.split())
_WEEKDAY = re.compile(r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b(?!s)")
_RECENT = (
    "yesterday",
    "today",
    "tonight",
    "this week",
    "this month",
    "this morning",
    "this weekend",
    "last week",
    "last month",
    "last night",
    "last weekend",
    "earlier this week",
    "earlier this month",
    "in recent days",
    "in recent weeks",
    "in recent months",
    "since then",
)
_FUTURE = re.compile(
    r"(?:\b(?:will|would|shall|scheduled|planned|due|expected|deadline|upcoming|slated)[^\w.!?;]+"
    r"(?:\w+[^\w.!?;]+){0,3}"
    r"|\b(?:by|until|till|before|next|set\s+for)\s+(?:the\s+(?:end|start|beginning|middle)\s+of\s+)?)$",
    re.I,
)
_BARE_MONTHS_TEXT = "january february april june july august september october november december"
_BARE_MONTHS = frozenset(_BARE_MONTHS_TEXT.split())


@dataclass(frozen=True, slots=True)
class DateMention:
    """A calendar date written in the text; parts the text leaves out are None."""

    start: int
    end: int
    text: str
    year: int | None
    month: int | None
    day: int | None

    @property
    def precision(self) -> Precision | None:
        """How much of the date is given; None for a month or day without a year (not placeable)."""
        if self.year is None:
            return None
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    def iso(self) -> str | None:
        """ISO form of the parts given (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``); None without a year."""
        if self.year is None:
            return None
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year or 0, self.month or 0, self.day or 0)


@dataclass(frozen=True, slots=True)
class TimeOfDay:
    start: int
    end: int
    hour: int
    minute: int


@dataclass(frozen=True, slots=True)
class YearMention:
    start: int
    end: int
    text: str
    year: int


def _month(token: str) -> int | None:
    """Month number of a matched name; None when it is not capitalised (``may``, ``march``)."""
    if not token[:1].isupper():
        return None
    return MONTHS.get(token[:3].lower())


def _valid(year: int | None, month: int, day: int) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    last = calendar.monthrange(year or 2000, month)[
        1
    ]  # 2000 was a leap year: "Feb. 29" without a year stands
    return day <= last


def _mention(m: re.Match[str]) -> DateMention | None:
    g = m.group
    start, end, text = m.start(), m.end(), m.group()
    if g("iso"):
        year, month, day = int(g("iy")), int(g("im")), int(g("id"))
    elif g("mdy") or g("dmy"):
        month_name, day_s, year_s = (g("m1"), g("d1"), g("y1")) if g("mdy") else (g("m2"), g("d2"), g("y2"))
        found = _month(month_name)
        if found is None:
            return None
        month, day, year_opt = found, int(day_s), int(year_s) if year_s else None
        return DateMention(start, end, text, year_opt, month, day) if _valid(year_opt, month, day) else None
    elif g("my"):
        found = _month(g("m3"))
        return None if found is None else DateMention(start, end, text, int(g("y3")), found, None)
    elif g("num"):
        a, b, year = int(g("n1")), int(g("n2")), int(g("ny"))
        if a > 12 >= b or (g("sep") == "." and b <= 12):
            day, month = a, b
        elif b > 12 >= a:
            month, day = a, b
        elif a == b:
            month = day = a
        else:
            return None  # 05/06/2017: day-first or month-first cannot be told apart
    else:
        found = _month(g("m4"))
        if found is None or g("m4").lower() not in _BARE_MONTHS:
            return None  # a bare "May", "March" or "Dec" is as often a word, name or abbreviation as a month
        return DateMention(start, end, text, None, found, None)
    return DateMention(start, end, text, year, month, day) if _valid(year, month, day) else None


def find_dates(text: str, *, bare_months: bool = False) -> list[DateMention]:
    """Every date written in ``text``, in order; ``bare_months`` adds lone month names ("in December").

    A cheap scan finds anchors (month names, four-digit years next to ``-``, ``/`` or ``.``) and the full
    expression runs only in a short window around each, which keeps a long body at a few dozen microseconds.
    """
    found: dict[int, DateMention] = {}
    floor = 0
    for anchor in _MONTH_ANCHOR.finditer(text):
        if anchor.start() < floor:
            continue
        m = _DATE.search(text, max(floor, anchor.start() - _BEFORE), anchor.end() + _AFTER)
        if m is None:
            continue
        floor = m.end()
        if m.group("bare") and not bare_months:
            continue
        mention = _mention(m)
        if mention is not None:
            found[mention.start] = mention
    for year in _YEAR_TOKEN.finditer(text):
        start, end = year.span()
        if (end < len(text) and text[end] == "-") or (start > 0 and text[start - 1] in "/."):
            m = _DATE.search(text, max(0, start - 6), min(len(text), end + 6))
            if m is not None and (m.group("iso") or m.group("num")) and m.start() not in found:
                mention = _mention(m)
                if mention is not None:
                    found[mention.start] = mention
    return [found[k] for k in sorted(found)]


def find_time(text: str) -> TimeOfDay | None:
    """The first clock time in ``text`` ("1:33 pm", "13:33"), 24-hour; None when there is none."""
    for m in _TIME.finditer(text):
        hour, minute = int(m.group("h")), int(m.group("mi"))
        ap = (m.group("ap") or "").lower()
        if ap:
            if not 1 <= hour <= 12:
                continue
            hour = hour % 12 + (12 if ap == "p" else 0)
        return TimeOfDay(m.start(), m.end(), hour, minute)
    return None


def find_years(text: str) -> list[YearMention]:
    """Years the text refers to as years ("in 2015", "since 2011"), not counts ("2000 men")."""
    found: list[YearMention] = []
    for year in _YEAR_TOKEN.finditer(text):
        start, end = year.span()
        if (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isdigit()):
            continue
        prep = _YEAR_PREP.search(text, max(0, start - 14), start)
        if prep is None:
            continue
        after = _YEAR_AFTER.match(text, end)
        if after is not None and after.group("unit"):
            continue
        nxt = after.group("next") if after is not None else None
        if nxt and nxt[0].islower() and nxt not in _YEAR_NEXT_OK:
            continue
        found.append(YearMention(prep.start(), end, text[prep.start() : end], int(year.group())))
    return found


def find_weekdays(text: str) -> list[str]:
    """Weekday names the text uses, each once, in order of first use."""
    return list(dict.fromkeys(m.group(1) for m in _WEEKDAY.finditer(text)))


def find_recency(text: str) -> list[str]:
    """Phrases placing the text shortly after its events ("yesterday", "since then"), in order of use."""
    lower = text.lower()
    found = []
    for phrase in _RECENT:
        pos = lower.find(phrase)
        while pos >= 0:
            end = pos + len(phrase)
            if (pos == 0 or not lower[pos - 1].isalnum()) and (end == len(lower) or not lower[end].isalnum()):
                found.append((pos, phrase))
                break
            pos = lower.find(phrase, end)
    return [phrase for _, phrase in sorted(found)]


def looks_future(text: str, start: int) -> bool:
    """Whether the words just before ``start`` make a date a plan or deadline rather than a past event."""
    return bool(_FUTURE.search(text, max(0, start - 40), start))
