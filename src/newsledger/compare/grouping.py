"""Claims that state the same proposition in different articles, and how independently they are carried.

Two claims are the same proposition when their terms (``terms.claim_terms``) agree closely: the
Jaccard similarity of their term sets, numbers counting double, is at least ``SAME_CLAIM``; every
number one states is stated by the other (two claims with different figures are a possible
contradiction, never one group); and both are negated or neither (otherwise it is a textual
contradiction). The weights are fixed, not corpus statistics, so whether two claims are linked does not
depend on what else the corpus held when they met: the groups come out the same in any arrival order.
Groups are the connected components of these links.

Corroboration counts independent carriers, not articles: each claim counts for its *origin*, the last
link of its attribution chain (three outlets all quoting SANA are one source), or, in the outlet's own
voice, the outlet of the article's canonical copy (a syndicated copy is the original's outlet).
"""

from __future__ import annotations

from collections.abc import Iterable

SAME_CLAIM = 0.5


def term_weight(term: str) -> float:
    """A number term weighs two words: the figure is most of what a claim states."""
    return 2.0 if term.startswith("#") else 1.0


def term_similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two term sets, weighted by ``term_weight``."""
    inter = sum(term_weight(t) for t in a & b)
    union = sum(term_weight(t) for t in a | b)
    return inter / union if union else 0.0


def candidate_floor(terms: frozenset[str], looked_up: Iterable[str]) -> float:
    """The least weight of ``looked_up`` terms another claim must share with ``terms`` to have any
    chance of reaching ``SAME_CLAIM``.

    Similarity at least ``SAME_CLAIM`` needs shared weight at least ``SAME_CLAIM`` times the union's,
    so at least that much of this claim's own weight; terms that were not looked up might be among the
    shared ones, so their weight is taken off. A necessary condition, so filtering by it loses no pair.
    """
    looked = set(looked_up)
    total = sum(term_weight(t) for t in terms)
    unseen = sum(term_weight(t) for t in terms if t not in looked)
    return max(SAME_CLAIM * total - unseen - 1e-9, 1e-9)


def same_proposition(a: frozenset[str], b: frozenset[str]) -> float | None:
    """The similarity of two claims' terms when they state the same proposition, else None (the rule
    the groups and the textual contradictions both rest on, negation aside)."""
    if not numbers_agree(a, b):
        return None
    sim = term_similarity(a, b)
    return sim if sim >= SAME_CLAIM else None


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
