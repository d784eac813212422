"""The ``stances`` corpus stage: where each article of a story stands on the story's central claims.

A story's central claims are its most corroborated claim groups (``CENTRAL_CLAIMS`` of them, ties to
the more check-worthy): the propositions several independent sources carry, which is what a reader
compares outlets on. A story with no group carried twice falls back to its label's article title.
Each article of the story gets the stance model's verdict (favour / against / neutral / unrelated)
toward each central claim.

Incremental, and independent of batch boundaries: a batch revisits the stories of its articles and
the stories whose claim groups its articles joined (the only ways a story's central claims can change).
In each, a member is scored again only when its stored stances are not exactly toward the story's
current central claims, so a story whose claims hold costs one query, new members are scored once, and
a story whose claims moved (or that merged with another) is rescored — a resumed run thus ends with the
stances an uninterrupted one has.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, func, insert, select

from newsledger.corpus.stage import chunked, record_progress
from newsledger.framing.article_stance import article_stances
from newsledger.ids import record_id
from newsledger.store import schema

if TYPE_CHECKING:
    from newsledger.store import Store

CENTRAL_CLAIMS = 2
MAX_TARGET_CHARS = 300


class StoryStances:
    name = "stances"
    version = "1"

    def run(self, store: Store, article_ids: Sequence[str]) -> None:
        with store.engine.begin() as conn:
            for story_id in sorted(affected_stories(conn, article_ids)):
                self._story(conn, story_id)
            record_progress(conn, stage=self.name, version=self.version, article_ids=article_ids)

    def reset(self, store: Store) -> None:
        with store.engine.begin() as conn:
            conn.execute(delete(schema.stances))
            p = schema.corpus_progress
            conn.execute(delete(p).where(p.c.stage == self.name))

    def _story(self, conn: Connection, story_id: str) -> None:
        sa, st = schema.story_articles, schema.stances
        members = sorted(conn.execute(select(sa.c.article_id).where(sa.c.story_id == story_id)).scalars())
        targets = central_claims(conn, story_id)
        wanted = set(targets)
        held: dict[str, set[str]] = {m: set() for m in members}
        for chunk in chunked(members):
            for r in conn.execute(select(st.c.article_id, st.c.target).where(st.c.article_id.in_(chunk))):
                held[r.article_id].add(r.target)
        redo = [m for m in members if held[m] != wanted]
        for chunk in chunked(redo):
            conn.execute(delete(st).where(st.c.article_id.in_(chunk)))
        if targets:
            write_stances(conn, redo, targets)


def affected_stories(conn: Connection, article_ids: Sequence[str]) -> set[str]:
    """The stories of these articles, and those of every article sharing a claim group with them."""
    sa, m, c = schema.story_articles, schema.claim_group_members, schema.claims
    stories: set[str] = set()
    for chunk in chunked(sorted(article_ids)):
        stories.update(conn.execute(select(sa.c.story_id).where(sa.c.article_id.in_(chunk))).scalars())
        groups = (
            select(m.c.group_id)
            .select_from(m.join(c, c.c.id == m.c.claim_id))
            .where(c.c.article_id.in_(chunk))
        )
        peers = (
            select(sa.c.story_id)
            .distinct()
            .select_from(m.join(c, c.c.id == m.c.claim_id).join(sa, sa.c.article_id == c.c.article_id))
            .where(m.c.group_id.in_(groups))
        )
        stories.update(conn.execute(peers).scalars())
    return stories


def central_claims(conn: Connection, story_id: str) -> list[str]:
    """The texts of the story's most corroborated claim groups (one representative claim each)."""
    sa, m, g, c = schema.story_articles, schema.claim_group_members, schema.claim_groups, schema.claims
    rows = conn.execute(
        select(g.c.id, g.c.corroboration, func.max(c.c.checkworthiness).label("cw"))
        .select_from(
            g.join(m, m.c.group_id == g.c.id)
            .join(c, c.c.id == m.c.claim_id)
            .join(sa, sa.c.article_id == c.c.article_id)
        )
        .where(sa.c.story_id == story_id, g.c.corroboration >= 2)
        .group_by(g.c.id, g.c.corroboration)
        .order_by(g.c.corroboration.desc(), func.max(c.c.checkworthiness).desc(), g.c.id)
        .limit(CENTRAL_CLAIMS)
    ).all()
    out = []
    for r in rows:
        text = conn.execute(
            select(c.c.text)
            .select_from(m.join(c, c.c.id == m.c.claim_id))
            .where(m.c.group_id == r.id)
            .order_by(func.length(c.c.text), c.c.id)
            .limit(1)
        ).scalar()
        target = " ".join((text or "").split())[:MAX_TARGET_CHARS]
        if target and target not in out:
            out.append(target)
    if not out:
        label = conn.execute(select(schema.stories.c.label).where(schema.stories.c.id == story_id)).scalar()
        if label:
            out.append(str(label)[:MAX_TARGET_CHARS])
    return out


def write_stances(conn: Connection, article_ids: Sequence[str], targets: Sequence[str]) -> None:
    a = schema.articles
    for chunk in chunked(list(article_ids), 64):
        found = [(r.id, r.text) for r in conn.execute(select(a.c.id, a.c.text).where(a.c.id.in_(chunk)))]
        rows = [
            {
                "id": record_id("st", st.article_id, target),
                "article_id": st.article_id,
                "target": target,
                "label": st.label,
                "score": st.score,
            }
            for target, st in article_stances(conn, targets, found)
        ]
        if rows:
            conn.execute(insert(schema.stances), rows)
