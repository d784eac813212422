"""What story clustering knows about one article, read from what the per-article stages stored.

Two articles are about one story when they tell of the same happening: the same people, places and
organisations, on the same days, often with the same numbers. Articles about two happenings of one
kind (two earthquakes, two celebrity arrests) read alike, so an embedding of their text alone cannot
part them; the names, dates and numbers can. Hence, per article:

- ``text``: the title and lead (first sentences), the part of an article that says what happened; it
  is what gets embedded (embedding every sentence would cost far more and add mostly background);
- ``entities``: canonical entity id -> mention count (from ``mentions``; the language stage already
  merged spellings and aliases, so "Assad" and "Bashar al-Assad" count as one);
- ``days``: the days the article speaks of (resolved day-precision time expressions) and its stated
  publication day, as ordinal day numbers;
- ``numbers``: the quantities it states, as "value unit" strings ("6.1 magnitude", "13 people").
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, func, select

from newsledger.store import schema

LEAD_CHARS = 600
"""Characters of body text embedded after the title: about the first three sentences of a news story."""


@dataclass(frozen=True)
class StoryFeatures:
    article_id: str
    title: str
    text: str
    entities: dict[str, int] = field(default_factory=dict)
    days: tuple[int, ...] = ()
    numbers: tuple[str, ...] = ()
    duplicate_of: str | None = None

    def to_json(self) -> str:
        """The features kept with the article's vector, so a later run rebuilds its state from them."""
        return json.dumps(
            {
                "title": self.title,
                "entities": self.entities,
                "days": list(self.days),
                "numbers": list(self.numbers),
            },
            sort_keys=True,
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, article_id: str, raw: str) -> StoryFeatures:
        data = json.loads(raw)
        return cls(
            article_id=article_id,
            title=data["title"],
            text="",
            entities={str(k): int(v) for k, v in data["entities"].items()},
            days=tuple(int(d) for d in data["days"]),
            numbers=tuple(str(n) for n in data["numbers"]),
        )


def lead_text(title: str | None, text: str, *, limit: int = LEAD_CHARS) -> str:
    """Title and the start of the body, cut at a word boundary."""
    body = " ".join(text.split())
    if len(body) > limit:
        cut = body.rfind(" ", 0, limit)
        body = body[: cut if cut > limit // 2 else limit]
    head = (title or "").strip()
    if head and body.startswith(head):
        return body
    return f"{head}. {body}" if head else body


def day_number(value: str | None) -> int | None:
    """Ordinal of an ISO day (``YYYY-MM-DD...``); ``None`` for a month, a year or nothing."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def number_key(value: float | None, unit: str | None) -> str | None:
    """A stated number as a comparable key: "6.1 magnitude"; small bare numbers (1-10) say little."""
    if value is None:
        return None
    shown = f"{value:g}"
    if unit:
        return f"{shown} {unit.strip().casefold()}"
    if float(value).is_integer() and 0 <= value <= 10:
        return None
    return shown


def _title_of(title: str | None, text: str) -> str:
    if title and title.strip():
        return " ".join(title.split())
    first = " ".join(text.strip().split("\n", 1)[0].split())
    return first[:120]


def _chunks(ids: list[str], size: int = 500) -> list[list[str]]:
    """Slices that keep ``IN (...)`` lists under the database's parameter limit."""
    return [ids[k : k + size] for k in range(0, len(ids), size)]


def read_features(conn: Connection, article_ids: Sequence[str]) -> dict[str, StoryFeatures]:
    """Features of the stored articles among ``article_ids`` (missing ones are left out)."""
    a, m = schema.articles, schema.mentions
    t, q = schema.time_expressions, schema.quantities
    out: dict[str, StoryFeatures] = {}
    for chunk in _chunks(sorted(set(article_ids))):
        rows: dict[str, Any] = {
            r.id: r
            for r in conn.execute(
                select(
                    a.c.id, a.c.title, a.c.text, a.c.published_date, a.c.published_inferred, a.c.duplicate_of
                ).where(a.c.id.in_(chunk))
            )
        }
        entities: dict[str, dict[str, int]] = {i: {} for i in rows}
        query = (
            select(m.c.article_id, m.c.entity_id, func.count().label("n"))
            .where(m.c.article_id.in_(chunk))
            .group_by(m.c.article_id, m.c.entity_id)
        )
        for r in conn.execute(query):
            entities[r.article_id][r.entity_id] = int(r.n)
        days: dict[str, set[int]] = {i: set() for i in rows}
        for r in conn.execute(select(t.c.article_id, t.c.value).where(t.c.article_id.in_(chunk))):
            day = day_number(r.value)
            if day is not None:
                days[r.article_id].add(day)
        for r in rows.values():
            day = None if r.published_inferred else day_number(r.published_date)
            if day is not None:
                days[r.id].add(day)
        numbers: dict[str, set[str]] = {i: set() for i in rows}
        for r in conn.execute(select(q.c.article_id, q.c.value, q.c.unit).where(q.c.article_id.in_(chunk))):
            key = number_key(r.value, r.unit)
            if key is not None:
                numbers[r.article_id].add(key)
        for i, r in rows.items():
            out[i] = StoryFeatures(
                article_id=i,
                title=_title_of(r.title, r.text),
                text=lead_text(r.title, r.text),
                entities=dict(sorted(entities[i].items())),
                days=tuple(sorted(days[i])),
                numbers=tuple(sorted(numbers[i])),
                duplicate_of=r.duplicate_of,
            )
    return out
