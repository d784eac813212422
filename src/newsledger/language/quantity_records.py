"""Turn the quantity extractor's mentions into ledger records: claim, as-of date and claimant.

``as_of`` is the date of a resolved time expression in the same sentence when there is one ("on
Monday", "in January 2024"), else the article's stated publication date, else unknown: an inferred
date never becomes an as-of date. ``according_to`` comes from the attribution of the claim the figure
sits in: its origin, with the intermediaries it passed through ("Pentagon spokesperson (via RIA
Novosti)"), or the outlet when the article states the figure in its own voice. A figure outside every
claim (in an attribution's frame) takes the claim of its own sentence.
"""

from __future__ import annotations

from bisect import bisect_right

from newsledger.ids import record_id
from newsledger.language.quantities import QuantityMention
from newsledger.records import Article, Claim, Quantity, TimeExpression


def quantity_records(
    mentions: list[QuantityMention],
    *,
    article: Article,
    claims: list[Claim],
    time_expressions: list[TimeExpression],
) -> list[Quantity]:
    starts = [c.start for c in claims]
    stated = article.published.date if not article.published.inferred else None
    voice = article.outlet or "the article"
    out = []
    for m in mentions:
        claim = None
        k = bisect_right(starts, m.start) - 1
        if k >= 0 and claims[k].start <= m.start and m.end <= claims[k].end:
            claim = claims[k]
        else:
            same = [c for c in claims if m.sentence_start <= c.start and c.end <= m.sentence_end]
            if same:
                claim = min(same, key=lambda c: min(abs(c.start - m.start), abs(c.end - m.end)))
        dated = [
            t.value
            for t in time_expressions
            if t.value and m.sentence_start <= t.start and t.end <= m.sentence_end
        ]
        out.append(
            Quantity(
                id=record_id("q", article.id, m.start, m.end),
                claim_id=claim.id if claim else None,
                article_id=article.id,
                start=m.start,
                end=m.end,
                value=m.value,
                low=m.low,
                high=m.high,
                approximate=m.approximate,
                unit=m.unit,
                counted=m.counted,
                as_of=dated[0] if dated else (stated[:10] if stated else None),
                according_to=according_to(claim, voice),
                direction=m.direction,
                normalized_unit=m.normalized_unit,
                change=m.change,
            )
        )
    return out


def according_to(claim: Claim | None, voice: str) -> str:
    """Who a figure rests on: the claim's attribution chain, origin first, or the outlet's own voice."""
    if claim is None:
        return voice
    chain = [c for c in claim.attribution.chain if c]
    if not chain:
        return claim.attribution.speaker or voice
    if len(chain) == 1:
        return chain[0]
    return f"{chain[-1]} (via {' → '.join(chain[:-1])})"
