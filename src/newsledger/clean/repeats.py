"""Recognise passages a page repeats (broken scrapers duplicate whole articles; templates repeat blocks)."""

from __future__ import annotations

import re

from newsledger.ids import normalise_for_id

MIN_REPEAT_CHARS = 20
"""Shorter blocks ("Share", "ISIS") legitimately recur in a story; only longer ones are repeats."""

_NON_WORD = re.compile(r"[\W_]+")


def repeat_key(text: str) -> str | None:
    """Key under which two blocks count as the same passage, or None for blocks too short to judge."""
    key = _NON_WORD.sub(" ", normalise_for_id(text)).strip()
    return key if len(key) >= MIN_REPEAT_CHARS else None
