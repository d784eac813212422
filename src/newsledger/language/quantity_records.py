"""Turn the quantity extractor's mentions into ledger records: claim, as-of date and claimant.

``as_of`` is the date of a resolved time expression in the same sentence when there is one ("on
Monday", "in January 2024"), else the article's stated publication date, else unknown: an inferred
date never becomes an as-of date. ``according_to`` is the outlet's own voice until attribution lands;
the claims stage will name the speaker.
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
                according_to=voice,
                direction=m.direction,
                normalized_unit=m.normalized_unit,
                change=m.change,
            )
        )
    return out
