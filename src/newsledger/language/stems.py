"""A crude word stem, for matching inflected words against short word lists without a lemmatizer.

The packaged spaCy pipeline runs without its lemmatizer (it costs time and newsledger needs only this).
"""

from __future__ import annotations


def word_stem(word: str) -> str:
    """ "scheduled", "schedules" → "schedul"."""
    stem = word.lower()
    for suffix in ("ing", "ed", "es", "s"):
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
            stem = stem[: -len(suffix)]
            break
    stem = stem.rstrip("e")
    if len(stem) > 3 and stem[-1] == stem[-2]:
        stem = stem[:-1]
    return stem
