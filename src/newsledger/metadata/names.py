"""Names in running text: the capitalised phrases that bylines, self-references and copyright lines carry.

Rules elsewhere say *where* a name stands ("By X", "provided to X", "Copyright © X"); this module says
what counts as the name there, so "By the end of the year" is not a byline and "told reporters" names no
outlet.
"""

from __future__ import annotations

import re
import string
import unicodedata

_PARTICLES_TEXT = "of the and de du des la le el al for van von der den da di dos das bin ibn y & on-line"
PARTICLES = frozenset(_PARTICLES_TEXT.split())
_WORD = r"(?:[A-Z0-9][\w'’.&+!-]*|(?:al|el|ad|as|an|ash|at|az|ul)-[\w'’-]+)"
_CONNECT = r"(?:of|the|and|de|du|des|la|le|el|al|for|van|von|der|den|da|di|bin|ibn|&)"
NAME_PHRASE = rf"{_WORD}(?:[ \t]+(?:{_CONNECT}[ \t]+)*{_WORD}){{0,7}}"
_LEADING = re.compile(rf"(?:[Tt]he\s+)?(?P<name>{NAME_PHRASE})")
_NOT_NAMES_TEXT = (
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july "
    "august september october november december today yesterday tomorrow this that these those it he she "
    "they we you i our his her their its a an"
)
_NOT_NAMES = frozenset(_NOT_NAMES_TEXT.split())
_APOSTROPHES = re.compile(r"['’`´]")
_NON_ALNUM = re.compile(r"[\W_]+")
_COMMON_PUNCTUATION = {
    **{ord(ch): None for ch in "’‘´"},
    **{ord(ch): " " for ch in "“”„«»–—…•·|\u00a0\u2009\u202f©®™"},
}
_ASCII_FOLD = {ord(ch): (None if ch in "'`" else " ") for ch in string.punctuation + string.whitespace}
_TRAILING_JUNK = re.compile(r"[\s,;:.'’\-–—|/]+$")


def leading_name(text: str, *, max_words: int = 8) -> str | None:
    """The capitalised phrase ``text`` starts with ("The Syrian Arab News Agency said" → its name)."""
    m = _LEADING.match(text.lstrip())
    if not m:
        return None
    words = _TRAILING_JUNK.sub("", m.group("name")).split()
    while words and words[-1].lower() in PARTICLES:
        words.pop()
    if not words or len(words) > max_words or words[0].lower() in _NOT_NAMES:
        return None
    return " ".join(words)


def is_name(text: str, *, max_words: int = 6) -> bool:
    """Whether ``text`` is a plausible name of a person or organisation as bylines write them.

    Every word is capitalised or a particle ("Abu Bakr al-Baghdadi", "Centre for Research on Globalization"),
    no digits, not a weekday or month (those start sentences such as "By Monday, ...").
    """
    words = text.replace(".", ". ").split()
    if not 1 <= len(words) <= max_words or words[0].lower().strip(".,") in _NOT_NAMES:
        return False
    first = words[0].lstrip("'’\"(")
    if not first[:1].isupper() or "/" in text or ":" in text:
        return False
    for word in words:
        core = word.strip(".,'’()\"")
        if not core:
            continue
        if any(ch.isdigit() for ch in core):
            return False
        lower = core.lower()
        if (
            lower in PARTICLES
            or lower in {"on", "jr", "sr"}
            or re.match(r"(?:al|el|ad|as|an|ash|ul)-", lower)
        ):
            continue
        if not core[0].isupper():
            return False
    return True


def same_name(a: str, b: str) -> bool:
    """Whether two spellings name the same party, ignoring case, punctuation and a leading "The"."""
    return name_key(a) == name_key(b)


def name_key(text: str, *, keep_the: bool = False) -> str:
    """A comparison key for names: case-folded, accents, apostrophes, punctuation and a leading "the" dropped.

    "Al-Mayadeen", "al Mayadeen" and "AL MAYADEEN" share one key; so do "People's Daily" and "Peoples Daily".
    ``keep_the`` keeps a leading "the" (for names such as "The Local", whose one word alone is not a name).
    """
    if not text.isascii():
        text = text.translate(_COMMON_PUNCTUATION)
    if text.isascii():
        folded = " ".join(text.lower().translate(_ASCII_FOLD).split())
    else:
        folded = unicodedata.normalize("NFKD", text)
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()
        folded = _NON_ALNUM.sub(" ", _APOSTROPHES.sub("", folded)).strip()
    return folded[4:] if folded.startswith("the ") and not keep_the else folded
