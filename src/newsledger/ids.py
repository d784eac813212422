"""Stable identifiers: the same content always gets the same id, on any machine, in any run.

Ids are truncated SHA-256 digests of normalised content, so re-ingesting an article (even from another
path, or re-encoded, or with different whitespace) maps onto the rows already stored.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACE = re.compile(r"\s+")


def normalise_for_id(text: str) -> str:
    """Fold the differences that do not make two article bodies different articles."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = (
        folded.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    )
    return _SPACE.sub(" ", folded).strip()


def digest(*parts: str | int | float | None, length: int = 16) -> str:
    """Hex digest of the parts, joined unambiguously."""
    h = hashlib.sha256()
    for part in parts:
        encoded = repr(part).encode("utf-8")
        h.update(len(encoded).to_bytes(4, "big"))
        h.update(encoded)
    return h.hexdigest()[:length]


def article_id(text: str) -> str:
    """Id of an article: a hash of its normalised clean body."""
    return "a" + hashlib.sha256(normalise_for_id(text).encode("utf-8")).hexdigest()[:15]


def record_id(prefix: str, *parts: str | int | float | None) -> str:
    """Id of a record derived from an article (claim, quantity, ...): a hash of what locates it."""
    return prefix + digest(*parts, length=15)
