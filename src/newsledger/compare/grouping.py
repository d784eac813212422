"""Claims that state the same proposition in different articles, and how independently they are carried.

Two claims are the same proposition when their terms (``terms.claim_terms``) agree closely, weighted
by rarity: the IDF-weighted Jaccard similarity of their term sets is at least ``SAME_CLAIM``, and every
number one states is stated by the other (two claims with different figures are a possible
contradiction, never one group). Rare terms carry the decision: sharing "Syria" and "troops" is cheap,
sharing "Boukamal" and "stronghold" is not.

Corroboration counts independent carriers, not articles: each claim counts for its *origin*, the last
link of its attribution chain (three outlets all quoting SANA are one source), or, in the outlet's own
voice, the outlet of the article's canonical copy (a syndicated copy is the original's outlet).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

SAME_CLAIM = 0.5


def weighted_jaccard(a: frozenset[str], b: frozenset[str], df: Mapping[str, int], n_docs: int) -> float:
    def w(t: str) -> float:
        return math.log((n_docs + 1) / (df.get(t, 0) + 1)) + 1.0

    inter = sum(w(t) for t in a & b)
    union = sum(w(t) for t in a | b)
    return inter / union if union else 0.0


def numbers_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    na = {t for t in a if t.startswith("#")}
    nb = {t for t in b if t.startswith("#")}
    return na == nb


def origin_key(chain: Iterable[str], outlet: str | None, article_id: str) -> str:
    """Who a claim ultimately rests on: the chain's origin, else the (canonical) outlet, else the article."""
    links = [c for c in chain if c]
    if links:
        return "source:" + links[-1].casefold()
    if outlet:
        return "outlet:" + outlet.casefold()
    return "article:" + article_id
