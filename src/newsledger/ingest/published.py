"""Parse a stated publication date into ISO form with its precision."""

from __future__ import annotations

import re
from datetime import datetime

from newsledger.records import Precision, PublishedDate

_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ](\d{1,2}):(\d{2}))?)?)?")


def parse_published(value: str | None) -> PublishedDate:
    """ISO-ish or RFC-2822-ish strings to a ``PublishedDate``; unknown stays unknown, never guessed."""
    if not value:
        return PublishedDate.unknown()
    m = _ISO.match(value)
    if m:
        year, month, day, hour, minute = m.groups()
        if not 1800 < int(year) < 2200:
            return PublishedDate.unknown()
        if month is None:
            return PublishedDate(date=year, precision="year", evidence="stated")
        if not 1 <= int(month) <= 12:
            return PublishedDate.unknown()
        if day is None:
            return PublishedDate(date=f"{year}-{int(month):02d}", precision="month", evidence="stated")
        try:
            datetime(int(year), int(month), int(day))
        except ValueError:
            return PublishedDate.unknown()
        date = f"{year}-{int(month):02d}-{int(day):02d}"
        precision: Precision = "day"
        if hour is not None and minute is not None and (hour, minute) != ("00", "00"):
            date += f"T{int(hour):02d}:{minute}"
            precision = "minute"
        return PublishedDate(date=date, precision=precision, evidence="stated")
    for fmt in ("%a, %d %b %Y %H:%M:%S %z", "%d %b %Y", "%B %d, %Y", "%b %d, %Y"):
        try:
            parsed = datetime.strptime(value.strip(), fmt)
        except ValueError:
            continue
        return PublishedDate(date=parsed.date().isoformat(), precision="day", evidence="stated")
    return PublishedDate.unknown()
