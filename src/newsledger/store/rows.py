"""Records to table rows and back. The one place that knows how each record is laid out in the store."""

from __future__ import annotations

import json
from typing import Any

from newsledger.ids import record_id
from newsledger.records import (
    Article,
    Attribution,
    Citation,
    Claim,
    Entity,
    FramingSpan,
    Mention,
    PublishedDate,
    Quantity,
    Removed,
    Segment,
    Sentence,
    Stance,
    TimeExpression,
)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def article_row(a: Article, *, version: str) -> dict[str, Any]:
    return {
        "id": a.id,
        "source": a.source,
        "url": a.url,
        "title": a.title,
        "outlet": a.outlet,
        "outlet_domain": a.outlet_domain,
        "authors": dumps(list(a.authors)),
        "published_date": a.published.date,
        "published_precision": a.published.precision,
        "published_inferred": a.published.inferred,
        "published_evidence": a.published.evidence,
        "language": a.language,
        "text": a.text,
        "removed": dumps([[r.text, r.reason] for r in a.removed]),
        "raw_map": dumps([[s.clean_start, s.raw_start, s.length] for s in a.raw_map]),
        "duplicate_of": a.duplicate_of,
        "dateline": a.dateline,
        "original_source": a.original_source,
        "analysis_version": version,
    }


def article_from_row(r: Any) -> Article:
    return Article(
        id=r.id,
        source=r.source,
        url=r.url,
        title=r.title,
        outlet=r.outlet,
        outlet_domain=r.outlet_domain,
        authors=tuple(json.loads(r.authors)),
        published=PublishedDate(
            date=r.published_date,
            precision=r.published_precision,
            inferred=bool(r.published_inferred),
            evidence=r.published_evidence,
        ),
        language=r.language,
        text=r.text,
        removed=tuple(Removed(text=t, reason=why) for t, why in json.loads(r.removed)),
        raw_map=tuple(Segment(*s) for s in json.loads(r.raw_map)),
        duplicate_of=r.duplicate_of,
        dateline=r.dateline,
        original_source=r.original_source,
    )


def sentence_row(s: Sentence) -> dict[str, Any]:
    return {"id": s.id, "article_id": s.article_id, "start": s.start, "end": s.end}


def sentence_from_row(r: Any) -> Sentence:
    return Sentence(id=r.id, article_id=r.article_id, start=r.start, end=r.end)


def mention_row(m: Mention) -> dict[str, Any]:
    return {"id": m.id, "article_id": m.article_id, "entity_id": m.entity_id, "start": m.start, "end": m.end}


def entity_row(e: Entity) -> dict[str, Any]:
    return {"id": e.id, "name": e.name, "type": e.type, "aliases": dumps(sorted(set(e.aliases)))}


def entity_from_row(r: Any) -> Entity:
    return Entity(id=r.id, name=r.name, type=r.type, aliases=tuple(json.loads(r.aliases)))


def claim_row(c: Claim) -> dict[str, Any]:
    at = c.attribution
    return {
        "id": c.id,
        "article_id": c.article_id,
        "start": c.start,
        "end": c.end,
        "text": c.text,
        "kind": c.kind,
        "checkworthiness": c.checkworthiness,
        "speaker": at.speaker,
        "speaker_entity": at.speaker_entity,
        "cue": at.cue,
        "mode": at.mode,
        "chain": dumps(list(at.chain)),
        "anonymous": at.anonymous,
        "certainty": c.certainty,
        "polarity": c.polarity,
        "negated": c.negated,
    }


def claim_from_row(r: Any) -> Claim:
    return Claim(
        id=r.id,
        article_id=r.article_id,
        start=r.start,
        end=r.end,
        text=r.text,
        kind=r.kind,
        checkworthiness=r.checkworthiness,
        attribution=Attribution(
            speaker=r.speaker,
            speaker_entity=r.speaker_entity,
            cue=r.cue,
            mode=r.mode,
            chain=tuple(json.loads(r.chain)),
            anonymous=bool(r.anonymous),
        ),
        certainty=r.certainty,
        polarity=r.polarity,
        negated=bool(r.negated),
    )


def quantity_row(q: Quantity) -> dict[str, Any]:
    return {
        "id": q.id,
        "claim_id": q.claim_id,
        "article_id": q.article_id,
        "start": q.start,
        "end": q.end,
        "value": q.value,
        "low": q.low,
        "high": q.high,
        "approximate": q.approximate,
        "unit": q.unit,
        "counted": q.counted,
        "as_of": q.as_of,
        "according_to": q.according_to,
        "direction": q.direction,
        "normalized_unit": q.normalized_unit,
        "change": q.change,
    }


def quantity_from_row(r: Any) -> Quantity:
    return Quantity(
        id=r.id,
        claim_id=r.claim_id,
        article_id=r.article_id,
        start=r.start,
        end=r.end,
        value=r.value,
        low=r.low,
        high=r.high,
        approximate=bool(r.approximate),
        unit=r.unit,
        counted=r.counted,
        as_of=r.as_of,
        according_to=r.according_to,
        direction=r.direction,
        normalized_unit=r.normalized_unit,
        change=r.change,
    )


def framing_row(f: FramingSpan) -> dict[str, Any]:
    return {
        "id": f.id,
        "article_id": f.article_id,
        "start": f.start,
        "end": f.end,
        "technique": f.technique,
        "score": f.score,
    }


def citation_row(c: Citation) -> dict[str, Any]:
    return {
        "id": record_id("ct", c.article_id, c.cited, c.via),
        "article_id": c.article_id,
        "cited": c.cited,
        "via": c.via,
    }


def stance_row(s: Stance) -> dict[str, Any]:
    return {
        "id": record_id("st", s.article_id, s.target),
        "article_id": s.article_id,
        "target": s.target,
        "label": s.label,
        "score": s.score,
    }


def time_expression_row(t: TimeExpression) -> dict[str, Any]:
    return {
        "id": t.id,
        "article_id": t.article_id,
        "start": t.start,
        "end": t.end,
        "text": t.text,
        "value": t.value,
        "precision": t.precision,
        "relative": t.relative,
    }
