"""Datelines: the place (and sometimes wire) a report was filed from, opening its first paragraph.

"ERBIL, Kurdistan Region – US troops ..." → "ERBIL, Kurdistan Region"; "MOSCOW, Dec 26 (Reuters) - ..." →
"MOSCOW" with the wire "Reuters". The place is written in capitals, which is what tells it from a sentence;
common capitalised acronyms and labels ("NATO – ...", "BREAKING: ...") are not places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CAPS = r"[A-Z][A-Z'’.\-]+"
_MIXED = r"[A-Z][\w'’.\-]*"
_DATELINE = re.compile(
    rf"^(?P<place>{_CAPS}(?:\s+{_CAPS}){{0,3}}(?:,\s*{_MIXED}(?:\s+(?:of\s+)?{_MIXED}){{0,3}})?)"
    r"(?:,?\s+(?P<date>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s*\d{4})?))?"
    r"\s*(?:\((?P<agency>[^()]{2,40})\)\s*)?"
    r"(?P<sep>[–—-]{1,2}|:)(?:\s+(?=\S)|\s*$)"
)
_NOT_PLACES_TEXT = (
    "US USA UK UN EU NATO ISIS ISIL SDF YPG PKK PYD SAA IDF CIA FBI NSA GOP UAE WHO IMF OPEC KRG FSA HTS "
    "IRGC OPCW UNHCR UNICEF ICC ICJ ASEAN BRICS BREAKING UPDATE UPDATED EXCLUSIVE WATCH READ LISTEN VIDEO "
    "PHOTO PHOTOS NOTE OPINION ANALYSIS EDITORIAL COMMENT LIVE URGENT FLASH ALERT CORRECTION SOURCE "
    "SOURCES FILE ADVERTISEMENT SPONSORED WARNING TRANSCRIPT MORE ALSO RELATED Q A FACT CHECK EDITOR'S "
    "EDITOR"
)
_NOT_PLACES = frozenset(_NOT_PLACES_TEXT.split())
_MIN_BODY_WORDS = 6


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str
    agency: str | None
    whole_block: bool  # the block is only the dateline ("WASHINGTON —")


def find_dateline(text: str) -> Dateline | None:
    """The dateline opening ``text`` (a first paragraph), or None."""
    m = _DATELINE.match(text)
    if m is None:
        return None
    place = m.group("place").strip(" ,")
    caps = place.split(",")[0].split()
    if caps[0].strip(".") in _NOT_PLACES or sum(ch.isalpha() for ch in "".join(caps)) < 3:
        return None
    if m.group("sep") == ":" and ("," in place or m.group("agency")):
        return None  # "Kabul, Afghanistan:" reads as a label, not a dateline
    rest = text[m.end() :]
    whole = not rest.strip()
    if not whole and len(rest.split()) < _MIN_BODY_WORDS:
        return None
    agency = m.group("agency")
    return Dateline(place, agency.strip() if agency else None, whole)
