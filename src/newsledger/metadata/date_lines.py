"""Lines that state when the page was published: "January 25, 2024 at 1:33 pm", "Global Research, December
26, 2017", "Published: 3 March 2019", "By Jane Doe | Jan 5, 2020".

A line counts only when, once its date, time, labels and separators are taken out, at most a short name
(an outlet or author) is left: a sentence that mentions a date is body, not metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsledger.metadata.dates import DateMention, find_dates, find_time
from newsledger.metadata.names import is_name
from newsledger.metadata.page import Page
from newsledger.records import Precision, PublishedDate

_PUBLISHED_LABEL = re.compile(
    r"\b(?:first\s+)?(?:published|posted|publication\s+date|released|dated)\b", re.I
)
_UPDATED_LABEL = re.compile(r"\b(?:(?:last\s+)?(?:updated|modified|edited)|update)\b", re.I)
_LABELS = re.compile(
    r"\b(?:first|last|published|posted|publication|date|dated|updated|update|modified|edited|released|created"
    r"|on|at|in|by|am|pm|a\.m|p\.m|time|issue|edition)\b\.?",
    re.I,
)
_TIMEZONE = re.compile(
    r"\b(?:GMT|UTC|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST|EET|EEST|MSK|IST|JST|KST|AST|ET|PT|CT|AEST|AEDT"
    r"|SGT|HKT|WIB|TRT)\b(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?"
)
_WEEKDAY = re.compile(
    r"\b(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?\b\.?", re.I
)
_RELATIVE = re.compile(
    r"^(?:(?:published|posted|updated)\s*:?\s*)?(?:\d+|an?|one)\s+(?:second|minute|min|hour|hr|day|week|month|year)"
    r"s?\s+ago$",
    re.I,
)
_SEPARATORS = re.compile(r"[|•·,;/\\\-–—:()\[\]@]+")
_BARE_YEAR = re.compile(r"^(?:19|20)\d\d$")
_LABEL_HINTS = ("publi", "posted", "updat", "modified", "edited", "released", "dated")
_MAX_NAME_WORDS = 6
_MAX_LABELLED_WORDS = 3
_MAX_LINE_WORDS = 20


@dataclass(frozen=True, slots=True)
class DateLine:
    """A metadata line stating a date; ``date`` is None when it gives no year ("22 December", "2h ago")."""

    index: int
    extra: tuple[int, ...]
    text: str
    date: PublishedDate | None
    label: str | None  # "published", "updated" or None
    name: str | None  # what else the line names (an outlet or author), as written
    in_header: bool


def find_date_lines(page: Page) -> list[DateLine]:
    """Date lines among the top blocks, and labelled ones ("Published: ...") anywhere on the page."""
    found: list[DateLine] = []
    skip: set[int] = set()
    labelled = page.blocks_containing(_LABEL_HINTS)
    for index in sorted(set(range(min(len(page), page.meta_end))) | labelled):
        if index in skip or page.word_counts[index] > _MAX_LINE_WORDS or not page.plain[index]:
            continue
        in_header = index < page.meta_end
        text = page.plain[index]
        if not in_header and not (_PUBLISHED_LABEL.search(text) or _UPDATED_LABEL.search(text)):
            continue
        line = _read_line(page, index, in_header=in_header)
        if line is not None:
            found.append(line)
            skip.update(line.extra)
    return found


def parse_date_text(text: str, *, evidence: str | None = None) -> PublishedDate | None:
    """The first full date in a stated value ("Tuesday, December 26, 2017 13:05 GMT"), with its time."""
    for mention in find_dates(text):
        if mention.year is not None:
            return _published(mention, mention.year, text, evidence or text)
    return None


def _read_line(page: Page, index: int, *, in_header: bool) -> DateLine | None:
    text = page.plain[index]
    if _RELATIVE.match(text):
        return DateLine(index, (), text, None, None, None, in_header) if in_header else None
    mentions = find_dates(text)
    if not mentions:
        return None
    labelled = bool(_PUBLISHED_LABEL.search(text) or _UPDATED_LABEL.search(text))
    name = _residue_name(text, mentions, labelled=labelled)
    if name is None:
        return None
    mention = _pick(text, mentions)
    extra: tuple[int, ...] = ()
    year = mention.year
    evidence = text
    if year is None and mention.day is not None and mention.end >= len(text.rstrip(" ,")) - 1:
        nxt = index + 1
        if nxt < len(page) and _BARE_YEAR.match(page.plain[nxt]):
            year, extra = int(page.plain[nxt]), (nxt,)
            evidence = f"{text} {page.plain[nxt]}"
    label = _label(text, mention)
    date = _published(mention, year, text, evidence) if year is not None else None
    return DateLine(index, extra, evidence, date, label, name or None, in_header)


def _residue_name(text: str, mentions: list[DateMention], *, labelled: bool) -> str | None:
    """What the line says besides dates, times and labels: "" (nothing), a short name or None (a sentence)."""
    rest = text
    for m in reversed(mentions):
        rest = rest[: m.start] + " " + rest[m.end :]
    time = find_time(rest)
    while time is not None:
        rest = rest[: time.start] + " " + rest[time.end :]
        time = find_time(rest)
    rest = _TIMEZONE.sub(" ", rest)
    rest = _WEEKDAY.sub(" ", rest)
    rest = _LABELS.sub(" ", rest)
    rest = _SEPARATORS.sub(" ", rest)
    words = rest.split()
    if not words:
        return ""
    name = " ".join(words)
    if len(words) <= _MAX_NAME_WORDS and is_name(name, max_words=_MAX_NAME_WORDS):
        return name
    if labelled and len(words) <= _MAX_LABELLED_WORDS:
        return name  # "Posted on March 3, 2019 by admin"
    return None


def _pick(text: str, mentions: list[DateMention]) -> DateMention:
    """The publication date among several on a line: the one after a "published" label, else the first."""
    if len(mentions) > 1:
        for m in mentions:
            before = text[max(0, m.start - 30) : m.start]
            if _PUBLISHED_LABEL.search(before) and not _UPDATED_LABEL.search(before):
                return m
    return mentions[0]


def _label(text: str, mention: DateMention) -> str | None:
    before = text[: mention.start]
    if _UPDATED_LABEL.search(before):
        return "updated"
    if _PUBLISHED_LABEL.search(text):
        return "published"
    return None


def _published(mention: DateMention, year: int, text: str, evidence: str) -> PublishedDate | None:
    month, day = mention.month, mention.day
    if month is None:
        return PublishedDate(date=f"{year:04d}", precision="year", inferred=False, evidence=evidence)
    if day is None:
        return PublishedDate(
            date=f"{year:04d}-{month:02d}", precision="month", inferred=False, evidence=evidence
        )
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    precision: Precision = "day"
    time = find_time(text[mention.end :]) or find_time(text[: mention.start])
    if time is not None and (time.hour, time.minute) != (0, 0):
        iso += f"T{time.hour:02d}:{time.minute:02d}"
        precision = "minute"
    return PublishedDate(date=iso, precision=precision, inferred=False, evidence=evidence)
