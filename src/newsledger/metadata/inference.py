"""An estimate of when an undated text was written, or an honest "unknown" saying what the text does show.

A report is written after the events it reports, so every past date it mentions is a lower bound of its
publication. But a lower bound is not a date: news style leaves the year off the current year's dates ("on
Nov. 6") and writes it on other years' ("the attacks of Sept. 11, 2001"), so the latest date *with* a year is
usually background. On PolNeAR (924 US news articles of known date) the latest full date a text mentions is
more than a year before publication in 61% of the texts that have one, and the latest year it names is the
publication year in only 8%. Presenting such bounds as dates would be wrong most of the time, so:

- a full date a sentence ties to a weekday ("spoke in Warren on Thursday, Aug. 11, 2016") dates its news: when
  it is the latest past date mentioned, it is given at month precision with ``inferred=True`` (all such
  PolNeAR estimates were in the month of publication or the one before; a weekday date standing alone at the
  start of a line is more often an event listing, and is not used);
- otherwise ``date`` is None and ``inferred`` False, and the evidence says what the text does show: dates
  without a year, the latest dated event (as "on or after"), the latest year named, and the weekday and
  "since then" phrases that say it was written shortly after its events.

Dates in a future context ("scheduled for", "will ... in 2030") are plans, not events, and are skipped. A
year-less date that follows a full date of the same year ("On December 17, 2018 ... on December 19") is read
in that year, as readers do.
"""

from __future__ import annotations

import re
from dataclasses import replace

from newsledger.metadata.dates import (
    DateMention,
    find_dates,
    find_recency,
    find_weekdays,
    find_years,
    looks_future,
)
from newsledger.records import PublishedDate

_MAX_LISTED = 3
_WEEKDAY_BEFORE = re.compile(r"[^\W\d].*\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?[ \t]*\(?$")
_MODAL = re.compile(
    r"\b(?:will|won't|would|shall|going\s+to|plans?\s+to|planned|hopes?\s+to|expects?|expected|scheduled|set\s+to"
    r"|due\s+to|aims?\s+to|upcoming|next|until|deadline)\b",
    re.I,
)
_DATELINE_PLACE = re.compile(r"[A-Z][A-Z'’. -]+,[ \t]*$")
_SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")


def infer_published(body: str) -> PublishedDate:
    """The estimate for ``body`` (the article's text without its metadata lines)."""
    dated: list[DateMention] = []
    unplaced: list[DateMention] = []
    anchored: list[DateMention] = []
    last_full: DateMention | None = None
    for mention in find_dates(body, bare_months=True):
        if _planned(body, mention):
            continue
        if mention.year is None:
            if (
                last_full is not None
                and mention.month is not None
                and mention.month >= (last_full.month or 13)
            ):
                mention = replace(mention, year=last_full.year)
            else:
                unplaced.append(mention)
                continue
        dated.append(mention)
        if mention.day is not None:
            last_full = mention
            if _WEEKDAY_BEFORE.match(body, _line_start(body, mention.start), mention.start):
                anchored.append(mention)
    years = [y for y in find_years(body) if not looks_future(body, y.end - 4)]
    latest = max(dated, key=lambda m: m.sort_key(), default=None)
    latest_year = max((y.year for y in years), default=None)
    cues = _context_cues(body)

    if anchored and latest is not None:
        news = max(anchored, key=lambda m: m.sort_key())
        if news.sort_key() >= latest.sort_key() and (news.year or 0) >= (latest_year or 0):
            iso = news.iso() or ""
            quote = _around(body, news)
            evidence = f'not stated; on or after {iso}: the text dates its news with a weekday ("{quote}")'
            return PublishedDate(date=iso[:7], precision="month", inferred=True, evidence=evidence + cues)

    found: list[str] = []
    if unplaced:
        found.append(
            "the text mentions "
            + ", ".join(dict.fromkeys(m.text for m in unplaced[:_MAX_LISTED]))
            + " without a year"
        )
    if latest is not None:
        found.append(
            f'the latest dated event it mentions is {latest.iso()} ("{latest.text}"), so it is from then on'
        )
    if latest_year is not None and (latest is None or latest_year > (latest.year or 0)):
        quote = next(y.text for y in years if y.year == latest_year)
        found.append(
            f'the latest year it names is {latest_year} ("{quote}"), so it is from {latest_year} or later'
        )
    if not found:
        found.append("the text names no date or year")
    return PublishedDate(
        date=None, precision=None, inferred=False, evidence="not stated; " + "; ".join(found) + cues
    )


def _planned(body: str, mention: DateMention) -> bool:
    """Whether the date is a plan or deadline: a future word just before it or in its sentence.

    A dateline's date ("ANKARA, March 3 (Reuters) - Turkey will ...") is the filing date, whatever follows.
    """
    if looks_future(body, mention.start):
        return True
    if _DATELINE_PLACE.match(body, _line_start(body, mention.start), mention.start):
        return False
    start = max(0, mention.start - 200)
    breaks = list(_SENTENCE_BREAK.finditer(body, start, mention.start))
    sentence_start = breaks[-1].end() if breaks else start
    after = _SENTENCE_BREAK.search(body, mention.end, mention.end + 200)
    sentence_end = after.start() if after else min(len(body), mention.end + 200)
    return bool(_MODAL.search(body, sentence_start, sentence_end))


def _around(body: str, mention: DateMention) -> str:
    """The date with the weekday before it, as the text writes them."""
    start = max(
        body.rfind(" ", max(0, mention.start - 14), max(0, mention.start - 2)) + 1,
        _line_start(body, mention.start),
    )
    return body[start : mention.end].strip(" (")


def _line_start(body: str, pos: int, *, reach: int = 60) -> int:
    """Start of the line holding ``pos``, looking back at most ``reach`` characters (enough for datelines)."""
    low = max(0, pos - reach)
    return body.rfind("\n", low, pos) + 1 or low


def _context_cues(body: str) -> str:
    """Weekday and recency phrases, which say the text was written days after its events."""
    parts: list[str] = []
    weekdays = find_weekdays(body)
    if weekdays:
        parts.append("weekdays (" + ", ".join(weekdays[:4]) + ")")
    recency = find_recency(body)
    if recency:
        parts.append(", ".join(f'"{r}"' for r in recency[:_MAX_LISTED]))
    if not parts:
        return ""
    return "; it refers to " + " and ".join(parts) + ", so it was written shortly after its events"
