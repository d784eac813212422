"""Stance of stored articles toward a proposition the user gives (``newsledger stance --target``).

The article's own calls to action decide first, the stance model otherwise (``article_stance.py``).
Read-only: the answer is printed, not stored, because the ledger's ``stances`` are taken toward each
story's own central claims and a user's ad-hoc question should not change the ledger. Articles are
read in pages so memory stays flat on a large store.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select

from newsledger.framing.article_stance import article_stances
from newsledger.store import Store, schema

PAGE = 64


def stances_toward(store: Store, target: str, *, story: str | None = None) -> Iterator[dict[str, Any]]:
    a, sa = schema.articles, schema.story_articles
    after = ""
    with store.engine.connect() as conn:
        while True:
            q = select(a.c.id, a.c.outlet, a.c.title, a.c.text).where(a.c.id > after)
            if story is not None:
                q = q.where(a.c.id.in_(select(sa.c.article_id).where(sa.c.story_id == story)))
            rows = conn.execute(q.order_by(a.c.id).limit(PAGE)).all()
            if not rows:
                return
            found = article_stances(conn, [target], [(r.id, r.text) for r in rows])
            for r, (_target, st) in zip(rows, found, strict=True):
                yield {
                    "article_id": r.id,
                    "outlet": r.outlet,
                    "title": r.title,
                    "target": target,
                    "label": st.label,
                    "score": st.score,
                    "probabilities": {k: round(v, 4) for k, v in st.probabilities.items()},
                    "own_voice_evidence": list(st.evidence),
                }
            after = rows[-1].id
