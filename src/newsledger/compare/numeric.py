"""When two stated figures for one counted subject cannot both be right.

A figure is read as the interval its wording allows: "about 2,000" allows 25% either way, a bare
"900" 10% (journalists round even when they do not say so), "more than 400" anything from 400 up,
"up to 400" anything up to 400, "between 300 and 500" that range widened by the same 10%. Two figures
contradict when their periods overlap and their intervals do not. 500 against 4,000 contradicts;
"about 2,000" against "2,200" does not.

Periods come from ``as_of``: a year or month covers the whole of it, a day stands for the week around
it (a count given on Monday and another on Thursday describe the same deployment). Figures without an
as-of date, or stating a change ("rose by 300") rather than a level, are never compared.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

APPROXIMATE_TOLERANCE = 0.25
EXACT_TOLERANCE = 0.10
DAY_WINDOW = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class Figure:
    """The parts of a stored quantity that decide whether two figures agree."""

    value: float | None
    low: float | None
    high: float | None
    approximate: bool
    direction: str | None
    as_of: str | None
    change: str | None = None


def interval(f: Figure) -> tuple[float, float] | None:
    """The values the figure's wording allows, or None when it states no level."""
    if f.change:
        return None
    if f.low is not None and f.high is not None:
        return (f.low * (1 - EXACT_TOLERANCE), f.high * (1 + EXACT_TOLERANCE))
    if f.value is None:
        return None
    v = f.value
    if f.direction == ">":
        return (v, float("inf"))
    if f.direction == "<":
        return (0.0, v)
    tol = APPROXIMATE_TOLERANCE if (f.approximate or f.direction == "~") else EXACT_TOLERANCE
    return (v * (1 - tol), v * (1 + tol))


def period(as_of: str | None) -> tuple[date, date] | None:
    """The dates an as-of value stands for (inclusive), or None when unknown or unreadable."""
    if not as_of:
        return None
    try:
        parts = [int(p) for p in as_of[:10].split("-")]
        if len(parts) == 1:
            return (date(parts[0], 1, 1), date(parts[0], 12, 31))
        if len(parts) == 2:
            start = date(parts[0], parts[1], 1)
            nxt = date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
            return (start, nxt - timedelta(days=1))
        day = date(parts[0], parts[1], parts[2])
    except ValueError:
        return None
    return (day - DAY_WINDOW, day + DAY_WINDOW)


def periods_overlap(a: str | None, b: str | None) -> bool:
    pa, pb = period(a), period(b)
    return pa is not None and pb is not None and pa[0] <= pb[1] and pb[0] <= pa[1]


def incompatible(a: Figure, b: Figure) -> bool:
    """True when both figures state a level for overlapping periods and no value fits both."""
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None or not periods_overlap(a.as_of, b.as_of):
        return False
    return ia[1] < ib[0] or ib[1] < ia[0]


def describe(value: float | None, low: float | None, high: float | None, direction: str | None) -> str:
    """A figure as a reader writes it: "4,000", "about 2,000", "more than 400", "300-500"."""
    if low is not None and high is not None:
        return f"{_num(low)}-{_num(high)}"
    if value is None:
        return "?"
    prefix = {">": "more than ", "<": "up to ", "~": "about "}.get(direction or "", "")
    return prefix + _num(value)


def _num(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,.2f}".rstrip("0").rstrip(".")
