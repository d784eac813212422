"""An article's stance toward a proposition: its own calls to action first, the stance model otherwise.

See ``advocacy.py`` for why the article's own voice comes first. Claims are read from the store, so
this runs wherever the ledger is (the stances corpus stage, ``newsledger stance``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, select

from newsledger.framing.advocacy import OwnClaim, advocacy
from newsledger.framing.stance import StanceModel, ledger_stance
from newsledger.store import schema


@dataclass(frozen=True, slots=True)
class ArticleStance:
    article_id: str
    label: str
    score: float
    probabilities: dict[str, float]
    evidence: tuple[str, ...]
    """Claim ids of the article's own calls to action that decided the label (empty: the model did)."""


def own_claims(conn: Connection, article_id: str) -> list[OwnClaim]:
    c = schema.claims
    rows = conn.execute(
        select(c.c.id, c.c.text, c.c.cue, c.c.kind, c.c.mode, c.c.chain, c.c.negated)
        .where(c.c.article_id == article_id)
        .order_by(c.c.start, c.c.id)
    )
    return [
        OwnClaim(
            id=r.id,
            text=r.text,
            cue=r.cue,
            kind=r.kind,
            own_voice=r.mode == "own_voice" and not json.loads(r.chain or "[]"),
            negated=bool(r.negated),
        )
        for r in rows
    ]


def article_stances(
    conn: Connection, targets: Sequence[str], articles: Sequence[tuple[str, str]]
) -> list[tuple[str, ArticleStance]]:
    """(target, stance) for every target and every (article id, text): each article's claims are read
    once, and the model scores all pairs in one call (a body's term vector is built once)."""
    pairs = [(target, text) for _aid, text in articles for target in targets]
    probs = iter(StanceModel.load().predict(pairs))
    out = []
    for aid, _text in articles:
        claims = own_claims(conn, aid)
        for target in targets:
            p = next(probs)
            own = advocacy(target, claims)
            if own is not None:
                out.append((target, ArticleStance(aid, own.label, own.score, p, own.evidence)))
            else:
                label, score = ledger_stance(p)
                out.append((target, ArticleStance(aid, label, round(score, 4), p, ())))
    return out
