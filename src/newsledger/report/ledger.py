"""Read the whole ledger out of the store as the JSON contract (``docs/ledger-format.md``).

Everything is sorted by stable keys, so the same corpus gives byte-identical JSON whatever the order in
which workers finished or the run was interrupted and resumed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from newsledger.compare.timelines import build_timelines
from newsledger.framing.profiles import outlet_profiles
from newsledger.records import Article
from newsledger.store import Store, schema
from newsledger.store.rows import (
    article_from_row,
    claim_from_row,
    entity_from_row,
    quantity_from_row,
    quantity_row,
)

LEDGER_KEYS = (
    "articles",
    "skipped",
    "entities",
    "mentions",
    "time_expressions",
    "claims",
    "quantities",
    "stories",
    "claim_groups",
    "contradictions",
    "citations",
    "stances",
    "framing",
    "timelines",
    "outlet_profiles",
)
FORMAT_VERSION = 1


def article_json(a: Article) -> dict[str, Any]:
    """An article as the ledger contract lays it out (the offset map stays in the store)."""
    return {
        "id": a.id,
        "source": a.source,
        "url": a.url,
        "title": a.title,
        "outlet": a.outlet,
        "outlet_domain": a.outlet_domain,
        "authors": list(a.authors),
        "published": {
            "date": a.published.date,
            "precision": a.published.precision,
            "inferred": a.published.inferred,
            "evidence": a.published.evidence,
        },
        "language": a.language,
        "text": a.text,
        "removed": [{"text": r.text, "reason": r.reason} for r in a.removed],
        "duplicate_of": a.duplicate_of,
        "dateline": a.dateline,
        "original_source": a.original_source,
    }


def load_ledger(store: Store) -> dict[str, Any]:
    ledger: dict[str, Any] = {"format_version": FORMAT_VERSION}
    with store.engine.connect() as conn:
        arts = [
            article_from_row(r) for r in conn.execute(select(schema.articles).order_by(schema.articles.c.id))
        ]
        ledger["articles"] = [article_json(a) for a in arts]
        ledger["skipped"] = [{"source": s.source, "code": s.code, "reason": s.reason} for s in store.skips()]
        ledger["entities"] = [
            {"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases)}
            for e in map(
                entity_from_row, conn.execute(select(schema.entities).order_by(schema.entities.c.id))
            )
        ]
        t = schema.mentions
        ledger["mentions"] = [
            {"article_id": r.article_id, "entity_id": r.entity_id, "start": r.start, "end": r.end}
            for r in conn.execute(select(t).order_by(t.c.article_id, t.c.start, t.c.id))
        ]
        t = schema.time_expressions
        ledger["time_expressions"] = [
            {
                "article_id": r.article_id,
                "start": r.start,
                "end": r.end,
                "text": r.text,
                "value": r.value,
                "precision": r.precision,
                "relative": bool(r.relative),
            }
            for r in conn.execute(select(t).order_by(t.c.article_id, t.c.start, t.c.id))
        ]
        ledger["claims"] = [
            {
                "id": c.id,
                "article_id": c.article_id,
                "start": c.start,
                "end": c.end,
                "text": c.text,
                "kind": c.kind,
                "checkworthiness": c.checkworthiness,
                "attribution": {
                    "speaker": c.attribution.speaker,
                    "speaker_entity": c.attribution.speaker_entity,
                    "cue": c.attribution.cue,
                    "mode": c.attribution.mode,
                    "chain": list(c.attribution.chain),
                    "anonymous": c.attribution.anonymous,
                },
                "certainty": c.certainty,
                "polarity": c.polarity,
                "negated": c.negated,
            }
            for c in map(
                claim_from_row,
                conn.execute(
                    select(schema.claims).order_by(
                        schema.claims.c.article_id, schema.claims.c.start, schema.claims.c.id
                    )
                ),
            )
        ]
        q = schema.quantities
        ledger["quantities"] = [
            quantity_row(x)
            for x in map(
                quantity_from_row, conn.execute(select(q).order_by(q.c.article_id, q.c.start, q.c.id))
            )
        ]
        members: dict[str, list[str]] = {}
        for r in conn.execute(select(schema.story_articles).order_by(schema.story_articles.c.article_id)):
            members.setdefault(r.story_id, []).append(r.article_id)
        ledger["stories"] = [
            {"id": r.id, "label": r.label, "article_ids": members.get(r.id, [])}
            for r in conn.execute(select(schema.stories).order_by(schema.stories.c.id))
        ]
        claims_of: dict[str, list[str]] = {}
        for r in conn.execute(
            select(schema.claim_group_members).order_by(schema.claim_group_members.c.claim_id)
        ):
            claims_of.setdefault(r.group_id, []).append(r.claim_id)
        ledger["claim_groups"] = [
            {"id": r.id, "claim_ids": claims_of.get(r.id, []), "corroboration": r.corroboration}
            for r in conn.execute(select(schema.claim_groups).order_by(schema.claim_groups.c.id))
        ]
        t = schema.contradictions
        ledger["contradictions"] = [
            {"a": r.a, "b": r.b, "kind": r.kind, "why": r.why}
            for r in conn.execute(select(t).order_by(t.c.a, t.c.b, t.c.kind))
        ]
        t = schema.citations
        ledger["citations"] = [
            {"article_id": r.article_id, "cited": r.cited, "via": r.via}
            for r in conn.execute(select(t).order_by(t.c.article_id, t.c.cited, t.c.id))
        ]
        t = schema.stances
        ledger["stances"] = [
            {"article_id": r.article_id, "target": r.target, "label": r.label, "score": r.score}
            for r in conn.execute(select(t).order_by(t.c.article_id, t.c.target))
        ]
        t = schema.framing
        ledger["framing"] = [
            {
                "article_id": r.article_id,
                "start": r.start,
                "end": r.end,
                "technique": r.technique,
                "score": r.score,
            }
            for r in conn.execute(select(t).order_by(t.c.article_id, t.c.start, t.c.id))
        ]
    story_of = {a: s["id"] for s in ledger["stories"] for a in s["article_ids"]}
    outlet_of = {a["id"]: a["outlet"] for a in ledger["articles"]}
    ledger["timelines"] = build_timelines(ledger["quantities"], story_of, outlet_of)
    ledger["outlet_profiles"] = outlet_profiles(ledger)
    return ledger


def write_ledger_json(store: Store, path: Path) -> dict[str, Any]:
    ledger = load_ledger(store)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(ledger, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tmp.replace(path)
    return ledger
