"""The words around a number that bound it, hedge it or state it as a change.

"more than 120" is a lower bound, "up to $8 million" an upper one, "some 20,000" and "thought to be
around 2000" are estimates, "rose 8%" is a change, not a level. The ledger must keep these apart: two
outlets saying "more than 500" and "about 500" do not contradict each other, "500" and "4000" do. Each
reading is a regular expression anchored at the number, applied to a short window of text, so it costs
nothing where there is no number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_GREATER = [
    r"more\s+than",
    r"greater\s+than",
    r"higher\s+than",
    r"larger\s+than",
    r"bigger\s+than",
    r"over\s+than",
    r"over",
    r"above",
    r"upwards?\s+of",
    r"in\s+excess\s+of",
    r"at\s+least",
    r"exceeding",
    r"north\s+of",
    r"no\s+(?:less|fewer)\s+than",
    r"not\s+(?:less|fewer)\s+than",
    r"a\s+minimum\s+of",
    r"minimum\s+of",
    r"well\s+(?:over|above)",
    r"more\s+than",
    r">=?",
    r"≥",
]
_GREATER_CLOSE = [
    r"just\s+(?:over|above|more\s+than)",
    r"a\s+(?:little|bit|touch)\s+(?:over|above|more\s+than)",
    r"slightly\s+(?:over|above|more\s+than)",
]
_LESS = [
    r"less\s+than",
    r"fewer\s+than",
    r"lower\s+than",
    r"smaller\s+than",
    r"under",
    r"below",
    r"up\s+to",
    r"at\s+most",
    r"no\s+more\s+than",
    r"not\s+more\s+than",
    r"a\s+maximum\s+of",
    r"maximum\s+of",
    r"as\s+(?:little|few)\s+as",
    r"(?:just\s+)?shy\s+of",
    r"short\s+of",
    r"sub-?",
    r"<=?",
    r"≤",
]
_LESS_CLOSE = [
    r"just\s+(?:under|below|less\s+than|shy\s+of)",
    r"a\s+(?:little|bit)\s+(?:under|below|less\s+than)",
    r"slightly\s+(?:under|below|less\s+than)",
]
_APPROX = [
    r"about",
    r"around",
    r"approximately",
    r"approx\.?",
    r"roughly",
    r"some",
    r"nearly",
    r"almost",
    r"close\s+to",
    r"closer\s+to",
    r"an\s+estimated",
    r"estimated",
    r"estimated\s+(?:at|to\s+be)",
    r"estimates\s+of",
    r"circa",
    r"ca\.",
    r"c\.",
    r"~",
    r"≈",
    r"an\s+average\s+of",
    r"on\s+average",
    r"averag(?:e|ed|ing)",
    r"in\s+the\s+(?:region|neighbou?rhood)\s+of",
    r"on\s+the\s+order\s+of",
    r"something\s+like",
    r"somewhere",
    r"(?:thought|believed|said|reported|understood|estimated)\s+to\s+(?:be|have\s+been|number|total)",
    r"an\s+(?:approximate|estimated)",
]
_EXACT = [
    r"exactly",
    r"precisely",
    r"just",
    r"only",
    r"a\s+mere",
    r"merely",
    r"fully",
    r"a\s+total\s+of",
    r"a\s+record",
    r"all",
]


def _anchored(patterns: list[str]) -> str:
    return "|".join(sorted(patterns, key=len, reverse=True))


_BEFORE_RE = re.compile(
    r"(?:(?P<gc>"
    + _anchored(_GREATER_CLOSE)
    + r")|(?P<lc>"
    + _anchored(_LESS_CLOSE)
    + r")|(?P<gt>"
    + _anchored(_GREATER)
    + r")|(?P<lt>"
    + _anchored(_LESS)
    + r")|(?P<ap>"
    + _anchored(_APPROX)
    + r")|(?P<ex>"
    + _anchored(_EXACT)
    + r"))\s*\Z",
    re.IGNORECASE,
)
_WORD_BEFORE = re.compile(r"(?<![A-Za-z])\Z")

_AFTER_RE = re.compile(
    r"(?P<gt>\s*(?:\+|-?plus\b|or\s+(?:more|above|over|higher|greater)\b))"
    r"|(?P<lt>\s+or\s+(?:less|fewer|under|below|lower)\b)"
    r"|(?P<ap>\s*(?:-odd\b|\s+or\s+so\b|\s+odd\b))",
    re.IGNORECASE,
)


_LAST_WORD_RE = re.compile(r"([A-Za-z.]+-?|[~≈<>≥≤=]+)\s*\Z")
_FINAL_WORDS = frozenset(
    [
        "than",
        "over",
        "above",
        "of",
        "least",
        "exceeding",
        "beyond",
        "under",
        "below",
        "to",
        "most",
        "as",
        "shy",
        "sub",
        "sub-",
        "about",
        "around",
        "approximately",
        "approx",
        "approx.",
        "roughly",
        "some",
        "nearly",
        "almost",
        "estimated",
        "circa",
        "ca.",
        "c.",
        "average",
        "averaged",
        "averaging",
        "like",
        "somewhere",
        "be",
        "been",
        "number",
        "total",
        "exactly",
        "precisely",
        "just",
        "only",
        "mere",
        "merely",
        "fully",
        "record",
        "all",
        "minimum",
        "maximum",
        "estimates",
        "at",
        "more",
        "less",
        "fewer",
        "upwards",
        "upward",
        "excess",
        "~",
        "≈",
        "<",
        ">",
        "≥",
        "≤",
        ">=",
        "<=",
        "estimate",
    ]
)
"""Last words of the patterns above: a cheap test before the regex search."""


@dataclass(frozen=True, slots=True)
class Modifier:
    start: int
    direction: str
    """``>``, ``<``, ``~`` or ``=``."""
    approximate: bool


def modifiers_before(text: str, pos: int, *, floor: int = 0) -> Modifier:
    """Bound and hedge words ending at ``pos``: "thought to be around", "a little over", "more than".

    Several may stack ("believed to be over half a million"); the bound wins the direction and any hedge
    makes the value approximate. ``start`` is where the outermost one begins (``pos`` if none).
    """
    direction = "="
    approximate = False
    start = pos
    for _ in range(4):
        word = _LAST_WORD_RE.search(text, max(floor, start - 24), start)
        if word is None or word.group(1).lower() not in _FINAL_WORDS:
            break  # no modifier can end here: skip the costly search
        window_start = max(floor, start - 48)
        window = text[window_start:start]
        m = _BEFORE_RE.search(window)
        if m is None or m.lastgroup is None:
            break
        m_start = window_start + m.start()
        if m_start > 0 and (text[m_start - 1].isalnum()) and text[m_start].isalpha():
            break  # the match began inside a word ("Mover 5")
        group = m.lastgroup
        if group in {"gc", "gt"} and direction == "=":
            direction = ">"
        elif group in {"lc", "lt"} and direction == "=":
            direction = "<"
        if group in {"gc", "lc", "ap"}:
            approximate = True
        start = m_start
    return Modifier(start=start, direction=direction, approximate=approximate)


def modifiers_after(text: str, pos: int) -> tuple[str | None, int]:
    """ "20+", "20-plus", "500 or more", "100 or so": (direction or None, end)."""
    m = _AFTER_RE.match(text, pos)
    if m is None or m.lastgroup is None:
        return None, pos
    return {"gt": ">", "lt": "<", "ap": "~"}[m.lastgroup], m.end()


_CHANGE_UP = (
    r"up|rose|rise|rises|rising|risen|gained|gains?|gaining|climbed|climbs?|climbing|jumped|jumps?|jumping|"
    r"surged|surges?|surging|soared|soars?|soaring|increased|increases?|increasing|advanced|advances?|"
    r"grew|grows?|growing|added|adds?|boosted|higher|spiked|rallied|rebounded|inched\s+up|edged\s+up|"
    r"upwards?|\+"
)
_CHANGE_DOWN = (
    r"down|fell|falls?|falling|fallen|dropped|drops?|dropping|declined|declines?|declining|decreased|"
    r"decreases?|decreasing|lost|loses?|losing|slid|slides?|sliding|slipped|slips?|plunged|plunges?|"
    r"plummeted|plummets?|sank|sinks?|sunk|tumbled|tumbles?|shed|sheds|lower|eased|eases?|shrank|"
    r"shrinks?|contracted|retreated|dipped|dips?|cut|cuts|slumped|slumps?|edged\s+down"
)
_CHANGE_BEFORE_RE = re.compile(
    rf"(?<![A-Za-z])(?:(?P<up>{_CHANGE_UP})|(?P<down>{_CHANGE_DOWN}))(?:\s+(?:by|of))?\s*\Z",
    re.IGNORECASE,
)
_CHANGE_AFTER_RE = re.compile(r"\s+(?:(?P<up>higher|up)|(?P<down>lower|down))\b", re.IGNORECASE)


def change_around(text: str, start: int, end: int) -> str | None:
    """ "up" or "down" when the number is stated as a change ("rose 8%", "down 68 p", "0.68 percent
    lower", "+0.2%"), None for a level ("rose to $84" is a level: "to" sits between)."""
    if start > 0 and text[start - 1] == "+":
        return "up"
    window = text[max(0, start - 24) : start]
    m = _CHANGE_BEFORE_RE.search(window)
    if m is not None and m.lastgroup is not None:
        return m.lastgroup
    m2 = _CHANGE_AFTER_RE.match(text, end)
    if m2 is not None and m2.lastgroup is not None:
        return m2.lastgroup
    return None
