"""How much of each rendered block another extractor kept: the bridge between trafilatura and our blocks.

Exact substring tests fail whenever the two renderings differ in spacing, punctuation or where they
break lines, so overlap is measured on word trigrams (words for very short blocks).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_TOKEN = re.compile(r"\w+")
_MD = re.compile(r"\]\([^)]*\)")


def words(text: str) -> list[str]:
    """The case-folded ``\\w+`` words of a text, Markdown link targets left out."""
    return [t.casefold() for t in _TOKEN.findall(_MD.sub("]", text))]


def kept_share(blocks: Sequence[str], kept_text: str) -> list[float]:
    """For each block, the share of its word trigrams (or words, if it has fewer than 3) in ``kept_text``."""
    kept = words(kept_text)
    trigrams = set(zip(kept, kept[1:], kept[2:], strict=False))
    kept_words = set(kept)
    shares = []
    for block in blocks:
        toks = words(block)
        if len(toks) >= 3:
            grams = list(zip(toks, toks[1:], toks[2:], strict=False))
            shares.append(sum(g in trigrams for g in grams) / len(grams))
        elif toks:
            shares.append(sum(t in kept_words for t in toks) / len(toks) * 0.5)
        else:
            shares.append(0.0)
    return shares
