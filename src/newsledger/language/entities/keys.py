"""Name keys: one string for all the spellings of a name that news text uses for the same thing.

Names reach English news through transliteration (Arabic, Russian, Persian) and through French or
German copy, so one place is "Deir ez-Zor", "Deir Ezzor" and "Deir Ez-Zor", one agency "RIA Novosti"
and "RIA Novosty". A key folds what varies without changing the name: case, accents, punctuation and
spacing, a leading "the", the Arabic article "al-"/"el-" written as a separate word, doubled letters,
possessive "'s", and the vowel and consonant swaps transliteration systems disagree on (e/i, o/u, y/i,
ou/oo, q/k, kh/k, ph/f, dj/j, w/v, c as k or s). Keys are for matching and hashing only, never shown.

The key of a multi-word name is its words' keys joined with no separator, so a name written as one word
("Ezzor") or two ("ez-Zor") folds the same; doubled letters are collapsed after the join for that reason.
"""

from __future__ import annotations

import re
import unicodedata

ARTICLES = frozenset({"al", "el", "the"})
"""Words dropped from keys: "al-Tanf" = "Al Tanf" = "Tanf"; "the Kremlin" = "Kremlin"."""

_POSSESSIVE = re.compile(r"['’]s\b")
_APOSTROPHES = re.compile(r"['’‘`´ʼʻʿʾ]")
_WORDS = re.compile(r"[^\W_]+")
_SWAPS = re.compile(r"sch|tch|ch|ck|ph|kh|gh|dh|dj|ou|oo|ee|c|q|x")
_SWAP_TO = {
    "sch": "sh",
    "tch": "ch",
    "ch": "ch",
    "ck": "k",
    "ph": "f",
    "kh": "k",
    "gh": "g",
    "dh": "d",
    "dj": "j",
    "ou": "u",
    "oo": "u",
    "ee": "i",
    "q": "k",
    "x": "ks",
}
_VOWELS = str.maketrans({"e": "i", "o": "u", "y": "i", "w": "v"})
_DOUBLES = re.compile(r"(.)\1+")
_MAX_CACHE = 200_000
_word_cache: dict[str, str] = {}


def _swap(match: re.Match[str]) -> str:
    found = match.group()
    if found == "c":
        following = match.string[match.end() : match.end() + 1]
        return "s" if following in ("e", "i", "y") else "k"
    return _SWAP_TO[found]


def fold(text: str) -> str:
    """Lower case, accents removed, apostrophes and possessive "'s" dropped (no transliteration folding)."""
    text = _POSSESSIVE.sub("", text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _APOSTROPHES.sub("", text.casefold()).replace("ı", "i").replace("ø", "o").replace("đ", "d")


def word_key(word: str) -> str:
    """The key of one word (a token's text): "" for articles and punctuation.

    Cached: the same words recur across articles, and this runs once per capitalised token.
    """
    cached = _word_cache.get(word)
    if cached is not None:
        return cached
    parts = _WORDS.findall(fold(word))
    key = "".join(_swap_word(p) for p in parts if p not in ARTICLES)
    if len(_word_cache) >= _MAX_CACHE:
        _word_cache.clear()
    _word_cache[word] = key
    return key


def _swap_word(word: str) -> str:
    return _SWAPS.sub(_swap, word).translate(_VOWELS)


def join_key(parts: list[str] | tuple[str, ...]) -> str:
    """The key of a name from its words' keys."""
    return _DOUBLES.sub(r"\1", "".join(parts))


def name_parts(name: str) -> list[str]:
    """The non-empty word keys of a name, articles dropped ("the al-Tanf base" → ["tanf", "basi"])."""
    return [k for k in (word_key(w) for w in _WORDS.findall(fold(name))) if k]


def name_key(name: str) -> str:
    """The key of a whole name: "Deir ez-Zor", "Deir Ezzor" and "DEIR EZ-ZOR" share one."""
    return join_key(name_parts(name))


def edit_distance(a: str, b: str, *, limit: int) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``limit + 1`` as soon as it must exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        best = i
        for j, cb in enumerate(b, start=1):
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            current.append(value)
            best = min(best, value)
        if best > limit:
            return limit + 1
        previous = current
    return previous[-1]
