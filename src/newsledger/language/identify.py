"""A small, dependency-free language guess from function words, good enough to route articles.

Function words are the most reliable cheap signal: every paragraph of real prose is full of them and
they differ sharply between languages. Returns None when no language is clearly ahead.
"""

from __future__ import annotations

import re

_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "the",
            "of",
            "and",
            "to",
            "in",
            "is",
            "that",
            "for",
            "it",
            "was",
            "on",
            "with",
            "as",
            "by",
            "at",
            "from",
            "this",
            "have",
            "are",
            "be",
            "not",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "des",
            "et",
            "est",
            "une",
            "dans",
            "que",
            "pour",
            "qui",
            "sur",
            "pas",
            "par",
            "avec",
            "sont",
            "du",
            "au",
            "ce",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "und",
            "ist",
            "nicht",
            "ein",
            "eine",
            "mit",
            "den",
            "von",
            "zu",
            "sich",
            "auf",
            "dem",
            "des",
            "im",
            "für",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "y",
            "en",
            "que",
            "del",
            "por",
            "con",
            "una",
            "para",
            "es",
            "se",
            "al",
            "como",
            "su",
            "más",
        ]
    ),
    "it": frozenset(
        [
            "il",
            "di",
            "che",
            "la",
            "per",
            "non",
            "una",
            "sono",
            "della",
            "con",
            "gli",
            "del",
            "le",
            "si",
            "nel",
            "è",
            "al",
        ]
    ),
    "pt": frozenset(
        [
            "o",
            "de",
            "que",
            "e",
            "do",
            "da",
            "em",
            "um",
            "para",
            "com",
            "não",
            "uma",
            "os",
            "no",
            "se",
            "na",
            "por",
            "mais",
        ]
    ),
    "nl": frozenset(
        [
            "de",
            "het",
            "een",
            "en",
            "van",
            "is",
            "dat",
            "op",
            "te",
            "in",
            "voor",
            "niet",
            "met",
            "zijn",
            "er",
            "aan",
        ]
    ),
    "ru": frozenset(
        ["и", "в", "не", "на", "что", "с", "по", "как", "это", "он", "из", "за", "от", "для", "к", "же", "но"]
    ),
}
_WORD = re.compile(r"[^\W\d_]+")
_SCRIPTS = (("ar", re.compile(r"[\u0600-\u06FF]")), ("zh", re.compile(r"[\u4E00-\u9FFF]")))


def identify_language(text: str) -> str | None:
    sample = text[:5000]
    words = [w.casefold() for w in _WORD.findall(sample)]
    if not words:
        return None
    for code, script in _SCRIPTS:
        if len(script.findall(sample)) > len(sample) * 0.3:
            return code
    scores = {lang: sum(w in fw for w in words) for lang, fw in _FUNCTION_WORDS.items()}
    best, second = sorted(scores.values(), reverse=True)[:2]
    if best < 3 or best < 1.5 * second:
        return None
    return max(scores, key=lambda k: scores[k])
