"""Stance of stored articles toward a proposition the user gives (``newsledger stance --target``).

Read-only: the answer is printed, not stored, because the ledger's ``stances`` are taken toward each
story's own central claims and a user's ad-hoc question should not change the ledger. Articles are
read in pages so memory stays flat on a large store.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import select

from newsledger.framing.stance import StanceModel, ledger_stance
from newsledger.store import Store, schema

PAGE = 64


def stances_toward(store: Store, target: str, *, story: str | None = None) -> Iterator[dict[str, Any]]:
    a, sa = schema.articles, schema.story_articles
    model = StanceModel.load()
    after = ""
    with store.engine.connect() as conn:
        while True:
            q = select(a.c.id, a.c.outlet, a.c.title, a.c.text).where(a.c.id > after)
            if story is not None:
                q = q.where(a.c.id.in_(select(sa.c.article_id).where(sa.c.story_id == story)))
            rows = conn.execute(q.order_by(a.c.id).limit(PAGE)).all()
            if not rows:
                return
            for r, probs in zip(rows, model.predict([(target, r.text) for r in rows]), strict=True):
                label, score = ledger_stance(probs)
                yield {
                    "article_id": r.id,
                    "outlet": r.outlet,
                    "title": r.title,
                    "target": target,
                    "label": label,
                    "score": round(score, 4),
                    "probabilities": {k: round(v, 4) for k, v in probs.items()},
                }
            after = rows[-1].id
