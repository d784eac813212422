"""Bylines: "By X", "By X and Y, Reuters", "Articles by: X", "Author: X", "This article was written by X".

A wire or outlet named in a byline ("By Reuters", "Jane Doe, AFP") is a credit, not an author: it says whose
copy the text is, which the outlet rules use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsledger.metadata.dates import find_dates
from newsledger.metadata.names import is_name, same_name
from newsledger.metadata.page import Page
from newsledger.metadata.registry import OutletRegistry

_BY = re.compile(r"^(?:By|BY)\s*:?\s+(?P<names>[^\W\d_].*)$")
_LABELLED = re.compile(
    r"^(?:(?:(?:articles?|posts?|stories|columns?)\s+by|written\s+by|posted\s+by|reporting\s+by|reported\s+by"
    r"|story\s+by|words\s+by|text\s+by|report\s+by)\s*:?|(?:authors?|author\(s\)|writer|contributor|columnist)\s*:)"
    r"\s*(?P<names>[^\W\d_].*)$",
    re.I,
)
_WRITTEN_BY = re.compile(
    r"^This\s+(?:article|story|piece|post|report|op-ed|commentary|essay)\s+(?:was\s+)?(?:written|authored)\s+by"
    r"\s+(?P<names>.+)$"
)
_CUT = re.compile(r"\s+(?:[|•·]|[-–—]{1,2}|on|at|in|for|Published|Updated|Posted)\s+|[;(\[]|\s+\d")
_SPLIT = re.compile(r"\s*,\s*|\s+and\s+|\s*&\s*")
_ROLE_WORDS_TEXT = (
    "correspondent reporter reporters editor editors writer writers contributor contributors columnist "
    "analyst journalist producer bureau chief desk team newsroom staff senior political diplomatic "
    "defence defense foreign special investigative photographer photos photo video agency agencies wires "
    "wire service"
)
_ROLE_WORDS = frozenset(_ROLE_WORDS_TEXT.split())
_MAX_BYLINE_WORDS = 20


@dataclass(frozen=True, slots=True)
class Bylines:
    authors: tuple[str, ...]
    blocks: tuple[int, ...]
    credits: tuple[str, ...]  # canonical outlet names credited in bylines


def find_bylines(page: Page, *, registry: OutletRegistry) -> Bylines:
    """Authors, the byline blocks they stand in, and outlets credited there, in page order."""
    authors: list[str] = []
    blocks: list[int] = []
    credits: list[str] = []
    for index in range(len(page)):
        if page.word_counts[index] > _MAX_BYLINE_WORDS:
            continue
        text = page.plain[index]
        m = _LABELLED.match(text) or _WRITTEN_BY.match(text)
        if m is None and index < page.meta_end:
            m = _BY.match(text)
        if m is None:
            continue
        parsed = _parse_names(m.group("names"), registry=registry)
        if parsed is None:
            continue
        names, credited = parsed
        blocks.append(index)
        for name in names:
            if not any(same_name(name, a) for a in authors):
                authors.append(name)
        credits.extend(c for c in credited if c not in credits)
    return Bylines(tuple(authors), tuple(blocks), tuple(credits))


def _parse_names(text: str, *, registry: OutletRegistry) -> tuple[list[str], list[str]] | None:
    """Names and credited outlets in a byline's name part; None when it is not a list of names at all."""
    dates = find_dates(text)
    if dates:
        text = text[: dates[0].start]
    names: list[str] = []
    credits: list[str] = []
    role_only = False  # "By Staff Writer": a byline that names nobody, still not body text
    cut = _CUT.search(text)
    if cut is not None:
        tail = text[cut.end() :]
        if cut.group().strip() == "for" and (found := registry.by_name_prefix(tail)) is not None:
            credits.append(found[0].name)  # "By Jane Doe for Middle East Eye"
        text = text[: cut.start()]
    for position, raw in enumerate(_SPLIT.split(text.strip(" ,.:|-–—"))):
        part = raw.strip(" .,'\"“”")
        if not part:
            continue
        known = registry.by_name(part)
        credit = known.name if known is not None else _credit_with_role(part, registry=registry)
        if credit is not None:
            credits.append(credit)
            continue
        words = [w.lower() for w in part.split()]
        if any(w in _ROLE_WORDS for w in words):
            role_only |= position == 0 and all(w in _ROLE_WORDS or w in ("our", "the") for w in words)
            continue  # "Middle East Correspondent", "Staff Writer"
        if is_name(part, max_words=6):
            names.append(part)
        elif position == 0:
            return None  # "By the end of the year ..."
    if not names and not credits and not role_only:
        return None
    return names, credits


def _credit_with_role(part: str, *, registry: OutletRegistry) -> str | None:
    """ "Reuters Staff", "AFP News Agency": an outlet name followed only by role words."""
    found = registry.by_name_prefix(part)
    if found is None:
        return None
    outlet, phrase = found
    rest = part[len(phrase) :].split()
    return outlet.name if all(w.lower() in _ROLE_WORDS for w in rest) else None
