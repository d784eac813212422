"""Numbers as news writes them: digits, words, scales, fractions and vague plurals.

A number in news is rarely just digits: "some 20,000", "1.5 million", "over half a million", "four",
"two-thirds", "dozens", "tens of thousands", "US$2.4bn". This module finds the *number atoms* of a text
(the digits or number words, with a scale word glued on) and gives each its value; the surrounding
currency, unit, bound and hedge words are read by the other modules. Everything is a regular expression
over the raw text, so finding candidates costs a single scan and no parse.

Vague plurals ("dozens", "hundreds of", "tens of thousands") have no point value: they become a range
from the base to ten times the base (``hundreds`` = 100..1000), the convention of the NewsQuant
annotations and of CQE, which keeps such claims comparable across articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "hundred": 100.0,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "lakh": 1e5,
    "crore": 1e7,
}
FRACTIONS = {
    "half": 1 / 2,
    "halves": 1 / 2,
    "third": 1 / 3,
    "thirds": 1 / 3,
    "quarter": 1 / 4,
    "quarters": 1 / 4,
    "fifth": 1 / 5,
    "fifths": 1 / 5,
    "sixth": 1 / 6,
    "sixths": 1 / 6,
    "eighth": 1 / 8,
    "eighths": 1 / 8,
    "tenth": 1 / 10,
    "tenths": 1 / 10,
}
MULTIPLIERS = {"double": 2.0, "twice": 2.0, "triple": 3.0, "treble": 3.0, "quadruple": 4.0}
"""Parsed for completeness; the extractor does not emit a bare multiplier ("double the 120 decibels"),
because it relates two quantities rather than stating one."""

SCALE_SUFFIXES = {
    "hundred": 100.0,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "mio": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
    "lakh": 1e5,
    "crore": 1e7,
}
"""Scale words written after digits. The one-letter ones (m, b, k) are ambiguous with units (metre, bit);
the extractor accepts them only next to a currency or where no unit reading exists."""

VAGUE = {
    "dozens": 12.0,
    "scores": 20.0,
    "hundreds": 100.0,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
    "trillions": 1e12,
}
VULGAR = {"½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅛": 0.125, "⅜": 0.375}

_NUMWORD = "|".join(sorted([*UNITS, *TENS, *SCALES, *FRACTIONS, "dozen"], key=len, reverse=True))
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?<![\d.])\.\d+)"
_VULGAR = "[" + "".join(VULGAR) + "]"

_FIRST_LETTERS = sorted({w[0] for w in [*UNITS, *TENS, *SCALES, *FRACTIONS, *VAGUE, "dozen", "a"]})
_FIRST = "[" + "".join(_FIRST_LETTERS) + "".join(c.upper() for c in _FIRST_LETTERS) + "]"
ATOM_RE = re.compile(
    rf"""
    (?=[\d.]|{_VULGAR}|\b{_FIRST})  # cheap guard: most positions fail here, before the alternatives
    (?:
    (?P<sci>\d+(?:\.\d+)?\s*[×x]\s*10\s*(?:\^|\*\*)?\s*[-−]?\d+)
    |(?P<frac>(?<![\d/⁄.])\d+\s?[/⁄]\s?\d+(?![\d/⁄]))
    |(?P<digits>{_DIGITS}(?:\s+\d\s?[/⁄]\s?\d+(?![\d/⁄]))?{_VULGAR}?)
    |(?P<vulgar>{_VULGAR})
    |(?P<vague>\b(?:(?:tens|hundreds)\s+of\s+)?(?:dozens|scores|hundreds|thousands|millions|billions|trillions)\b)
    |(?P<words>\b(?:(?:an?)\s+)?(?:{_NUMWORD})(?:(?:\s+|-)(?:(?:and|an?)\s+)*(?:{_NUMWORD}))*\b)
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)
"""One scan of the text finds every number atom. Word runs are checked by :func:`parse_words` (which
rejects "a", "and", ordinals used as fractions without a count, and so on)."""

SCALE_AFTER_RE = re.compile(
    r"(?P<sep>\s?-?\s?|\s)(?P<scale>hundred|thousand|million|billion|trillion|lakh|crore|bn|mn|mln|bln|mio|trn|tn|[kmb])(?![A-Za-z²³0-9])",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Atom:
    """A number as written: its span in the text, its value, and how it was written."""

    start: int
    end: int
    value: float | None
    kind: str
    """``digits``, ``words``, ``fraction``, ``vague`` (then ``low``/``high`` hold the range) or ``sci``."""
    low: float | None = None
    high: float | None = None
    has_separator: bool = False
    """Written with a thousands separator ("20,000"): never a year or an identifier."""
    is_integer: bool = True


def parse_digits(text: str) -> float | None:
    """Value of a digit string: "20,000" → 20000, ".001" → 0.001, "2 1/2" → 2.5, "3½" → 3.5."""
    text = text.strip()
    extra = 0.0
    if text and text[-1] in VULGAR:
        extra = VULGAR[text[-1]]
        text = text[:-1]
    mixed = re.fullmatch(r"(\d+)\s+(\d)\s?[/⁄]\s?(\d+)", text)
    if mixed:
        den = int(mixed.group(3))
        return int(mixed.group(1)) + int(mixed.group(2)) / den if den else None
    try:
        return float(text.replace(",", "")) + extra if text else (extra or None)
    except ValueError:
        return None


def parse_fraction(text: str) -> float | None:
    """ "1/16" → 0.0625; a zero denominator is not a number."""
    num, _, den = re.split(r"\s?([/⁄])\s?", text.strip())
    return int(num) / int(den) if int(den) else None


def parse_sci(text: str) -> float | None:
    """ "1.99×10−30" (superscripts lost in the crawl) → 1.99e-30."""
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*[×x]\s*10\s*(?:\^|\*\*)?\s*([-−]?\d+)", text.strip())
    if not m:
        return None
    return float(m.group(1)) * 10.0 ** int(m.group(2).replace("−", "-"))


def parse_vague(text: str) -> tuple[float, float]:
    """ "hundreds" → (100, 1000); "tens of thousands" → (10_000, 100_000); "dozens" → (12, 120)."""
    words = text.lower().split()
    base = VAGUE[words[-1]]
    if len(words) == 3:
        base *= 10.0 if words[0] == "tens" else 100.0
    return base, base * 10


def parse_words(words: list[str]) -> float | None:
    """Value of a run of number words, or None when the run is not a number.

    Handles "four", "twenty-five", "three hundred and five", "a million", "half a million", "one and a
    half million", "two-thirds", "a third", "a dozen", "three thousand". A lone "a"/"an"/"and", a fraction
    word without a count ("third" in "the third quarter") and a bare "half" are rejected here; the caller
    decides about "half" from its context.
    """
    ws = [w.lower() for w in words if w]
    while ws and ws[0] == "and":
        ws = ws[1:]
    while ws and ws[-1] in {"and", "a", "an"}:
        ws = ws[:-1]
    if not ws:
        return None
    if ws[0] == "half" and len(ws) >= 3 and ws[1] in {"a", "an"}:
        rest = parse_words(["one", *ws[2:]])
        return None if rest is None else rest / 2
    for k in range(len(ws) - 2):
        if ws[k] == "and" and ws[k + 1] in {"a", "an"} and ws[k + 2] in FRACTIONS:
            head = parse_words(ws[:k])
            if head is None:
                return None
            value = head + FRACTIONS[ws[k + 2]]
            for w in ws[k + 3 :]:
                if w not in SCALES:
                    return None
                value *= SCALES[w]
            return value
    k = next((i for i, w in enumerate(ws) if w in SCALES and w != "hundred"), len(ws))
    if 0 < k < len(ws) and ws[k - 1] in FRACTIONS and all(w in SCALES for w in ws[k:]):
        # "half million", "a quarter million", "three quarters billion"
        head = FRACTIONS[ws[0]] if k == 1 else parse_words(ws[:k])
        if head is None:
            return None
        for w in ws[k:]:
            head *= SCALES[w]
        return head
    if ws[0] in {"a", "an"}:
        if len(ws) > 1 and (ws[1] in SCALES or ws[1] in FRACTIONS or ws[1] == "dozen"):
            ws = ["one", *ws[1:]]
        else:
            return None
    if ws[-1] in FRACTIONS:
        if len(ws) == 1:
            return None
        numerator = _cardinal(ws[:-1])
        if numerator is None or numerator > 20:
            return None
        return numerator * FRACTIONS[ws[-1]]
    return _cardinal(ws)


def _cardinal(ws: list[str]) -> float | None:
    if len(ws) == 1 and (ws[0] in SCALES or ws[0] == "dozen"):
        return None  # "hundred", "dozen" alone ("several hundred", "a baker's dozen") count nothing
    total = 0.0
    current = 0.0
    last = ""  # class of the previous word: unit, tens, hundred, scale
    for w in ws:
        if w == "and":
            if last not in {"hundred", "scale"}:
                return None
            continue
        if w in UNITS:
            if last in {"unit"}:
                return None
            current += UNITS[w]
            last = "unit"
        elif w in TENS:
            if last in {"unit", "tens"}:
                return None
            current += TENS[w]
            last = "tens"
        elif w == "dozen":
            current = (current or 1.0) * 12
            last = "scale"
        elif w == "hundred":
            if last == "hundred":
                return None
            current = (current or 1.0) * 100
            last = "hundred"
        elif w in SCALES:
            total += (current or 1.0) * SCALES[w]
            current = 0.0
            last = "scale"
        else:
            return None
    if not last:
        return None
    return total + current


def split_words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s-]+", text) if w]


def scale_value(word: str) -> float | None:
    return SCALE_SUFFIXES.get(word.lower())


def parse_multiplier(word: str) -> float | None:
    """The factor a multiplier word states ("double" → 2, "twice" → 2, "triple" → 3), or None."""
    return MULTIPLIERS.get(word.lower())
