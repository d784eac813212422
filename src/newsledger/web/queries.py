"""Bounded reads for the web app: every query has a limit, none loads the whole ledger.

Records come back in the shapes of the JSON ledger (``docs/ledger-format.md``), so the pages render them
with the report's own views. A story page reads at most ``STORY_ARTICLES`` articles (the most recent) and
the records of those articles only; lists are paginated with ``limit``/``offset`` capped at ``MAX_LIMIT``.
All SQL is built with SQLAlchemy Core, so every value is a bound parameter.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict
from typing import Any

from sqlalchemy import Connection, func, or_, select

from newsledger.report.ledger import article_json
from newsledger.report.views import ALL_STORY
from newsledger.store import schema
from newsledger.store.rows import article_from_row, claim_from_row, quantity_from_row, quantity_row

MAX_LIMIT = 200
DEFAULT_LIMIT = 50
STORY_ARTICLES = 200
"""Articles a story page shows at most: the most recent ones; the API pages through the rest."""
MAX_RECORDS = 20_000
"""Claims or quantities read for one page at most, whatever the articles hold."""
_CHUNK = 500

A = schema.articles


def claim_json(row: Any) -> dict[str, Any]:
    """A claim row as the ledger lays it out (every attribution field the record has)."""
    return asdict(claim_from_row(row))


def quantity_json(row: Any) -> dict[str, Any]:
    return quantity_row(quantity_from_row(row))


def article_summary(row: Any) -> dict[str, Any]:
    """An article without its text: what lists show."""
    return {
        "id": row.id,
        "title": row.title,
        "outlet": row.outlet,
        "outlet_domain": row.outlet_domain,
        "url": row.url,
        "source": row.source,
        "published": {
            "date": row.published_date,
            "precision": row.published_precision,
            "inferred": bool(row.published_inferred),
            "evidence": row.published_evidence,
        },
        "duplicate_of": row.duplicate_of,
    }


_SUMMARY_COLUMNS = (
    A.c.id,
    A.c.title,
    A.c.outlet,
    A.c.outlet_domain,
    A.c.url,
    A.c.source,
    A.c.published_date,
    A.c.published_precision,
    A.c.published_inferred,
    A.c.published_evidence,
    A.c.duplicate_of,
)


def _newest_first() -> tuple[Any, ...]:
    return (A.c.published_date.is_(None), A.c.published_date.desc(), A.c.id)


def list_articles(
    conn: Connection, *, limit: int, offset: int, outlet: str | None = None
) -> tuple[list[dict[str, Any]], int]:
    where = [] if outlet is None else [or_(A.c.outlet == outlet, A.c.outlet_domain == outlet)]
    total = conn.execute(select(func.count()).select_from(A).where(*where)).scalar_one()
    rows = conn.execute(
        select(*_SUMMARY_COLUMNS).where(*where).order_by(*_newest_first()).limit(limit).offset(offset)
    )
    return [article_summary(r) for r in rows], int(total)


def get_article(conn: Connection, article_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(A).where(A.c.id == article_id)).first()
    return article_json(article_from_row(row)) if row else None


def _in_chunks(
    conn: Connection, table: Any, column: Any, keys: Sequence[str], *, order: Iterable[Any] = ()
) -> list[Any]:
    out: list[Any] = []
    for i in range(0, len(keys), _CHUNK):
        out.extend(conn.execute(select(table).where(column.in_(keys[i : i + _CHUNK])).order_by(*order)))
        if len(out) >= MAX_RECORDS:
            return out[:MAX_RECORDS]
    return out


def records_of(conn: Connection, article_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """Claims, quantities, framing, stances and citations of these articles, in the ledger's shapes."""
    ids = list(article_ids)
    c, q, f, s, cit = schema.claims, schema.quantities, schema.framing, schema.stances, schema.citations
    return {
        "claims": [
            claim_json(r) for r in _in_chunks(conn, c, c.c.article_id, ids, order=(c.c.article_id, c.c.start))
        ],
        "quantities": [
            quantity_json(r)
            for r in _in_chunks(conn, q, q.c.article_id, ids, order=(q.c.article_id, q.c.start))
        ],
        "framing": [
            {
                "article_id": r.article_id,
                "start": r.start,
                "end": r.end,
                "technique": r.technique,
                "score": r.score,
            }
            for r in _in_chunks(conn, f, f.c.article_id, ids, order=(f.c.article_id, f.c.start))
        ],
        "stances": [
            {"article_id": r.article_id, "target": r.target, "label": r.label, "score": r.score}
            for r in _in_chunks(conn, s, s.c.article_id, ids, order=(s.c.article_id, s.c.target))
        ],
        "citations": [
            {"article_id": r.article_id, "cited": r.cited, "via": r.via}
            for r in _in_chunks(conn, cit, cit.c.article_id, ids, order=(cit.c.article_id, cit.c.cited))
        ],
    }


def list_stories(conn: Connection, *, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    """Stories with their article counts; before the stories stage has run, the implicit ``all``."""
    st, sa = schema.stories, schema.story_articles
    total = int(conn.execute(select(func.count()).select_from(st)).scalar_one())
    if total == 0:
        n = int(conn.execute(select(func.count()).select_from(A)).scalar_one())
        implicit = {"id": ALL_STORY, "label": "All articles", "articles": n, "implicit": True}
        return ([implicit] if offset == 0 else []), 1
    counts = select(sa.c.story_id, func.count().label("n")).group_by(sa.c.story_id).subquery()
    rows = conn.execute(
        select(st.c.id, st.c.label, func.coalesce(counts.c.n, 0).label("n"))
        .select_from(st.outerjoin(counts, counts.c.story_id == st.c.id))
        .order_by(func.coalesce(counts.c.n, 0).desc(), st.c.id)
        .limit(limit)
        .offset(offset)
    )
    return [{"id": r.id, "label": r.label, "articles": int(r.n), "implicit": False} for r in rows], total


def story_meta(conn: Connection, story_id: str) -> dict[str, Any] | None:
    if story_id == ALL_STORY:
        return {"id": ALL_STORY, "label": "All articles", "implicit": True}
    row = conn.execute(select(schema.stories).where(schema.stories.c.id == story_id)).first()
    return {"id": row.id, "label": row.label, "implicit": False} if row else None


def story_article_ids(
    conn: Connection, story_id: str, *, limit: int, offset: int = 0
) -> tuple[list[str], int]:
    """The story's articles, most recent first, one page of them; and how many it has in all."""
    if story_id == ALL_STORY:
        total = conn.execute(select(func.count()).select_from(A)).scalar_one()
        ids = conn.execute(select(A.c.id).order_by(*_newest_first()).limit(limit).offset(offset)).scalars()
        return list(ids), int(total)
    sa = schema.story_articles
    total = conn.execute(select(func.count()).select_from(sa).where(sa.c.story_id == story_id)).scalar_one()
    ids = conn.execute(
        select(A.c.id)
        .join(sa, sa.c.article_id == A.c.id)
        .where(sa.c.story_id == story_id)
        .order_by(*_newest_first())
        .limit(limit)
        .offset(offset)
    ).scalars()
    return list(ids), int(total)


def story_part(
    conn: Connection, story_id: str, *, limit: int = STORY_ARTICLES
) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """A ledger slice of one story for the story page (its newest ``limit`` articles); None if unknown."""
    meta = story_meta(conn, story_id)
    if meta is None:
        return None
    ids, total = story_article_ids(conn, story_id, limit=limit)
    articles = [article_json(article_from_row(r)) for r in _in_chunks(conn, A, A.c.id, ids, order=(A.c.id,))]
    part: dict[str, Any] = {"articles": articles, **records_of(conn, ids)}
    claim_ids = [c["id"] for c in part["claims"]]
    part["claim_groups"] = claim_groups_of(conn, claim_ids)
    part["contradictions"] = contradictions_of(conn, claim_ids)
    part["stories"] = []
    part["skipped"] = []
    meta["article_total"] = total
    return meta, part


def claim_groups_of(conn: Connection, claim_ids: Sequence[str]) -> list[dict[str, Any]]:
    m, g = schema.claim_group_members, schema.claim_groups
    members = _in_chunks(conn, m, m.c.claim_id, list(claim_ids))
    group_ids = sorted({r.group_id for r in members})
    inside = set(claim_ids)
    by_group: dict[str, list[str]] = {}
    for r in _in_chunks(conn, m, m.c.group_id, group_ids, order=(m.c.claim_id,)):
        if r.claim_id in inside:
            by_group.setdefault(r.group_id, []).append(r.claim_id)
    return [
        {"id": r.id, "claim_ids": by_group.get(r.id, []), "corroboration": r.corroboration}
        for r in _in_chunks(conn, g, g.c.id, group_ids, order=(g.c.id,))
    ]


def contradictions_of(conn: Connection, claim_ids: Sequence[str]) -> list[dict[str, Any]]:
    t = schema.contradictions
    seen: dict[tuple[str, str, str], dict[str, Any]] = {}
    for column in (t.c.a, t.c.b):
        for r in _in_chunks(conn, t, column, list(claim_ids), order=(t.c.a, t.c.b)):
            seen[(r.a, r.b, r.kind)] = {"a": r.a, "b": r.b, "kind": r.kind, "why": r.why}
    return [seen[k] for k in sorted(seen)][:MAX_LIMIT]


def claims_by_id(conn: Connection, claim_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    c = schema.claims
    return {r.id: claim_json(r) for r in _in_chunks(conn, c, c.c.id, list(claim_ids))}


def list_claims(
    conn: Connection,
    *,
    limit: int,
    offset: int,
    article_id: str | None = None,
    min_checkworthiness: float = 0.0,
) -> tuple[list[dict[str, Any]], int]:
    c = schema.claims
    where = [c.c.checkworthiness >= min_checkworthiness]
    if article_id is not None:
        where.append(c.c.article_id == article_id)
    total = conn.execute(select(func.count()).select_from(c).where(*where)).scalar_one()
    rows = conn.execute(
        select(c).where(*where).order_by(c.c.checkworthiness.desc(), c.c.id).limit(limit).offset(offset)
    )
    return [claim_json(r) for r in rows], int(total)


def list_quantities(
    conn: Connection, *, limit: int, offset: int, article_id: str | None = None, counted: str | None = None
) -> tuple[list[dict[str, Any]], int]:
    q = schema.quantities
    where = []
    if article_id is not None:
        where.append(q.c.article_id == article_id)
    if counted is not None:
        where.append(q.c.counted == counted)
    total = conn.execute(select(func.count()).select_from(q).where(*where)).scalar_one()
    rows = conn.execute(
        select(q).where(*where).order_by(q.c.article_id, q.c.start, q.c.id).limit(limit).offset(offset)
    )
    return [quantity_json(r) for r in rows], int(total)


def article_summaries(conn: Connection, article_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    ids = list(article_ids)
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(ids), _CHUNK):
        for r in conn.execute(select(*_SUMMARY_COLUMNS).where(A.c.id.in_(ids[i : i + _CHUNK]))):
            out[r.id] = article_summary(r)
    return out


def stories_of_article(conn: Connection, article_id: str) -> list[dict[str, Any]]:
    st, sa = schema.stories, schema.story_articles
    rows = conn.execute(
        select(st.c.id, st.c.label)
        .join(sa, sa.c.story_id == st.c.id)
        .where(sa.c.article_id == article_id)
        .limit(MAX_LIMIT)
    )
    return [{"id": r.id, "label": r.label} for r in rows]
