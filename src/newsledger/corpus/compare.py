"""The ``compare`` corpus stage: claim groups with corroboration, and contradictions between sources.

It runs after ``near_duplicates`` (corroboration counts syndicated copies once) and sees each article
once, comparing its claims and figures with everything stored before it. Both comparisons go through
indexes kept in the store, so a new article costs a few indexed lookups, not a pass over the corpus:

- figures are indexed by counted subject and as-of period (``compare_quantities``); a new figure is
  checked only against figures of the same subject whose periods overlap (``compare/numeric.py``);
- claims are indexed by their terms (``compare_claim_terms``) with each term's document frequency
  (``compare_term_df``); a new claim looks up only its terms held by at most ``DF_CAP`` claims, so
  frequent words never make the lookup grow with the corpus, and compares itself only with the claims
  that share enough of its weight to reach ``SAME_CLAIM`` at all (``candidate_floor``). That bound is
  exact, not a cap: every pair that can link is compared whatever else is stored, so the groups do not
  depend on the order articles arrive in or on batch boundaries (as long as no term of theirs passes
  ``DF_CAP``, which only a corpus of many thousand claims on one subject reaches).

Denials are found inside one article: a claim whose polarity is ``denies`` ("a Pentagon spokesperson
called the report 'erroneous'") contradicts the claims the article attributes to what is denied (the
report), found by the denied thing's name in their speakers (``compare/denials.py``).

Textual contradictions: two claims that state one proposition (same terms, same numbers) where one
differs in negation. That is a lexical method, not entailment (no three-way entailment model ships
offline); ``newsledger eval contradictions`` measures its precision, and the grouping's, on Emergent's
claim/headline pairs (see ``eval/contradictions.py``).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update

from newsledger.compare.denials import denial_targets
from newsledger.compare.grouping import (
    candidate_floor,
    origin_key,
    same_proposition,
    term_weight,
)
from newsledger.compare.numeric import Figure, describe, incompatible, interval, period
from newsledger.compare.subjects import is_generic, subject_key
from newsledger.compare.terms import MIN_TERMS, claim_terms
from newsledger.corpus.stage import chunked, record_progress
from newsledger.ids import record_id
from newsledger.store import schema

if TYPE_CHECKING:
    from newsledger.store import Store

DF_CAP = 5_000


class Compare:
    name = "compare"
    version = "1"

    def run(self, store: Store, article_ids: Sequence[str]) -> None:
        with store.engine.begin() as conn:
            for article_id in sorted(article_ids):
                self._process(conn, article_id)
            record_progress(conn, stage=self.name, version=self.version, article_ids=article_ids)

    def reset(self, store: Store) -> None:
        with store.engine.begin() as conn:
            for table in (
                schema.compare_quantities,
                schema.compare_claim_terms,
                schema.compare_term_df,
                schema.claim_group_members,
                schema.claim_groups,
                schema.contradictions,
            ):
                conn.execute(delete(table))
            p = schema.corpus_progress
            conn.execute(delete(p).where(p.c.stage == self.name))

    # --- one article ------------------------------------------------------------------------------

    def _process(self, conn: Connection, article_id: str) -> None:
        a = schema.articles
        row = conn.execute(select(a.c.text, a.c.outlet, a.c.duplicate_of).where(a.c.id == article_id)).first()
        if row is None:
            return
        # Rebuilt from scratch if the article was seen before (re-queued): the rows are derived.
        forget_article(conn, article_id)
        c = schema.claims
        claims = list(
            conn.execute(
                select(
                    c.c.id, c.c.start, c.c.end, c.c.text, c.c.speaker, c.c.chain, c.c.polarity, c.c.negated
                )
                .where(c.c.article_id == article_id)
                .order_by(c.c.start, c.c.id)
            )
        )
        self._figures(conn, article_id)
        self._denials(conn, claims)
        self._groups(conn, article_id, claims)

    def _figures(self, conn: Connection, article_id: str) -> None:
        q, idx = schema.quantities, schema.compare_quantities
        rows = conn.execute(select(q).where(q.c.article_id == article_id).order_by(q.c.start, q.c.id)).all()
        for r in rows:
            key = subject_key(r.counted)
            fig = _figure(r)
            span = period(r.as_of)
            if key is None or span is None or interval(fig) is None:
                continue
            start, end = span[0].isoformat(), span[1].isoformat()
            others = conn.execute(
                select(idx.c.quantity_id).where(
                    idx.c.subject_key == key,
                    idx.c.period_start <= end,
                    idx.c.period_end >= start,
                    idx.c.quantity_id != r.id,
                )
            ).scalars()
            other_ids = sorted(set(others))
            for chunk in chunked(other_ids):
                for o in conn.execute(select(q).where(q.c.id.in_(chunk))):
                    if not incompatible(fig, _figure(o)):
                        continue
                    if is_generic(key) and not _same_context(conn, r.claim_id, o.claim_id):
                        continue
                    _add_contradiction(conn, r.id, o.id, "numeric", _numeric_why(conn, r, o, key))
            conn.execute(
                insert(idx),
                [
                    {
                        "quantity_id": r.id,
                        "article_id": article_id,
                        "subject_key": key,
                        "period_start": start,
                        "period_end": end,
                    }
                ],
            )

    def _denials(self, conn: Connection, claims: list[Any]) -> None:
        for denial, target, why in denial_targets(claims):
            _add_contradiction(conn, denial, target, "denial", why)

    def _groups(self, conn: Connection, article_id: str, claims: list[Any]) -> None:
        terms_t = schema.compare_claim_terms
        touched: set[str] = set()
        for cl in claims:
            terms = claim_terms(cl.text)
            if len(terms) < MIN_TERMS:
                continue
            df = _df(conn, terms)
            # Terms held by more than DF_CAP claims are never looked up: the lookup stays flat however
            # large the corpus grows (such terms are too common to tell propositions apart anyway).
            usable = sorted(t for t in terms if df.get(t, 0) <= DF_CAP)
            shared: dict[str, float] = {}
            for chunk in chunked(usable):
                for row in conn.execute(
                    select(terms_t.c.claim_id, terms_t.c.term).where(
                        terms_t.c.term.in_(chunk), terms_t.c.article_id != article_id
                    )
                ):
                    shared[row.claim_id] = shared.get(row.claim_id, 0.0) + term_weight(row.term)
            floor = candidate_floor(terms, usable)
            picked = sorted(cid for cid, weight in shared.items() if weight >= floor)
            held: dict[str, set[str]] = {cid: set() for cid in picked}
            for chunk in chunked(picked):
                for row in conn.execute(
                    select(terms_t.c.claim_id, terms_t.c.term).where(terms_t.c.claim_id.in_(chunk))
                ):
                    held[row.claim_id].add(row.term)
            for cid in picked:
                sim = same_proposition(terms, frozenset(held[cid]))
                if sim is None:
                    continue
                if bool(cl.negated) != _negated(conn, cid):
                    why = _textual_why(conn, cl.id, cid, sim)
                    _add_contradiction(conn, cl.id, cid, "textual", why)
                    continue
                touched.add(_link(conn, cl.id, cid))
            conn.execute(
                insert(terms_t), [{"term": t, "claim_id": cl.id, "article_id": article_id} for t in terms]
            )
            _bump_df(conn, terms, df)
        m = schema.claim_group_members
        for group_id in sorted(touched):
            if conn.execute(select(m.c.claim_id).where(m.c.group_id == group_id).limit(1)).first():
                _recount(conn, group_id)


def requeue(conn: Connection, article_ids: Sequence[str]) -> None:
    """Make the compare stage see these articles again (their copies or canonical copy changed, so the
    corroboration of their groups must be counted again); the cost is the size of the list."""
    p = schema.corpus_progress
    for chunk in chunked(sorted(set(article_ids))):
        conn.execute(delete(p).where(p.c.stage == schema.COMPARE_STAGE, p.c.article_id.in_(chunk)))


def forget_article(conn: Connection, article_id: str) -> None:
    """Drop what the compare stage derived from an article (before it is removed or redone)."""
    c, q = schema.claims, schema.quantities
    ids = [*conn.execute(select(c.c.id).where(c.c.article_id == article_id)).scalars()]
    ids += [*conn.execute(select(q.c.id).where(q.c.article_id == article_id)).scalars()]
    k = schema.contradictions
    m = schema.claim_group_members
    touched: set[str] = set()
    for chunk in chunked(sorted(ids)):
        conn.execute(delete(k).where(k.c.a.in_(chunk)))
        conn.execute(delete(k).where(k.c.b.in_(chunk)))
        touched.update(conn.execute(select(m.c.group_id).where(m.c.claim_id.in_(chunk))).scalars())
        conn.execute(delete(m).where(m.c.claim_id.in_(chunk)))
    terms_t, df_t = schema.compare_claim_terms, schema.compare_term_df
    old = Counter(conn.execute(select(terms_t.c.term).where(terms_t.c.article_id == article_id)).scalars())
    if old:
        conn.execute(
            update(df_t).where(df_t.c.term == bindparam("t")).values(n=df_t.c.n - bindparam("k")),
            [{"t": term, "k": n} for term, n in sorted(old.items())],
        )
    conn.execute(delete(terms_t).where(terms_t.c.article_id == article_id))
    conn.execute(
        delete(schema.compare_quantities).where(schema.compare_quantities.c.article_id == article_id)
    )
    # A group that held the article's claims may have been held together by them: its other members
    # are linked again among themselves (every link they had is inside the group), so the groups are
    # what a run that never saw the article would make, without re-queuing anything.
    for group_id in sorted(touched):
        _regroup(conn, group_id)


def _regroup(conn: Connection, group_id: str) -> None:
    """Split a group into the connected components of the links among its remaining members."""
    m, g, c, terms_t = (
        schema.claim_group_members,
        schema.claim_groups,
        schema.claims,
        schema.compare_claim_terms,
    )
    members = sorted(conn.execute(select(m.c.claim_id).where(m.c.group_id == group_id)).scalars())
    conn.execute(delete(m).where(m.c.group_id == group_id))
    conn.execute(delete(g).where(g.c.id == group_id))
    terms: dict[str, set[str]] = {cid: set() for cid in members}
    facts: dict[str, tuple[str, bool]] = {}
    for chunk in chunked(members):
        for row in conn.execute(
            select(terms_t.c.claim_id, terms_t.c.term).where(terms_t.c.claim_id.in_(chunk))
        ):
            terms[row.claim_id].add(row.term)
        for fact in conn.execute(select(c.c.id, c.c.article_id, c.c.negated).where(c.c.id.in_(chunk))):
            facts[fact.id] = (fact.article_id, bool(fact.negated))
    claims = [cid for cid in members if cid in facts]
    parent = {cid: cid for cid in claims}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, x in enumerate(claims):
        tx = frozenset(terms[x])
        for y in claims[i + 1 :]:
            ty = frozenset(terms[y])
            if facts[x][0] == facts[y][0] or facts[x][1] != facts[y][1]:
                continue
            if same_proposition(tx, ty) is not None:
                rx, ry = root(x), root(y)
                if rx != ry:
                    parent[max(rx, ry)] = min(rx, ry)
    components: dict[str, list[str]] = {}
    for cid in claims:
        components.setdefault(root(cid), []).append(cid)
    for lowest, claim_ids in sorted(components.items()):
        if len(claim_ids) < 2:
            continue
        gid = record_id("g", lowest)
        conn.execute(insert(g), [{"id": gid, "corroboration": 1}])
        conn.execute(insert(m), [{"group_id": gid, "claim_id": cid} for cid in sorted(claim_ids)])
        _recount(conn, gid)


# --- helpers -------------------------------------------------------------------------------------

SAME_CONTEXT_TERMS = 3


def _same_context(conn: Connection, a: str | None, b: str | None) -> bool:
    """Whether the claims two figures sit in say the same thing of them (three content words beyond the
    numbers in common): "60 people died" and "more than 120 people died", not "19 people were hurt"
    and "26,000 people were evacuated"."""
    if not a or not b:
        return False
    c = schema.claims
    texts = list(conn.execute(select(c.c.text).where(c.c.id.in_([a, b]))).scalars())
    if len(texts) != 2:
        return a == b
    shared = claim_terms(texts[0]) & claim_terms(texts[1])
    return len({t for t in shared if not t.startswith("#")}) >= SAME_CONTEXT_TERMS


def _figure(r: Any) -> Figure:
    return Figure(
        value=r.value,
        low=r.low,
        high=r.high,
        approximate=bool(r.approximate),
        direction=r.direction,
        as_of=r.as_of,
        change=r.change,
    )


def _add_contradiction(conn: Connection, x: str, y: str, kind: str, why: str) -> None:
    a, b = sorted((x, y))
    k = schema.contradictions
    exists = conn.execute(select(k.c.a).where(k.c.a == a, k.c.b == b, k.c.kind == kind)).first()
    if exists is None:
        conn.execute(insert(k), [{"a": a, "b": b, "kind": kind, "why": why}])


def _numeric_why(conn: Connection, r: Any, o: Any, key: str) -> str:
    a = schema.articles

    def side(x: Any) -> str:
        art = conn.execute(select(a.c.outlet, a.c.title).where(a.c.id == x.article_id)).first()
        where = (art.outlet or art.title or x.article_id) if art else x.article_id
        who = x.according_to or where
        fig = describe(x.value, x.low, x.high, x.direction)
        return f"{fig} (according to {who}, in {where}, as of {x.as_of})"

    what = key.split(" | ")[0]
    place = key.partition(" | ")[2]
    subject = f"{what} in {place}" if place else what
    first, second = sorted((r, o), key=lambda x: x.value or x.low or 0.0)
    return (
        f"Two figures for {subject} over overlapping periods cannot both hold: {side(first)} against "
        f"{side(second)}; the gap is larger than either figure's stated or usual approximation."
    )


def _textual_why(conn: Connection, x: str, y: str, sim: float) -> str:
    c = schema.claims
    rows = {r.id: r for r in conn.execute(select(c.c.id, c.c.text, c.c.negated).where(c.c.id.in_([x, y])))}
    neg = next((rows[i].text for i in (x, y) if i in rows and rows[i].negated), "")
    pos = next((rows[i].text for i in (x, y) if i in rows and not rows[i].negated), "")
    return (
        f"The two claims state the same proposition (term similarity {sim:.2f}) but one negates it: "
        f"“{neg}” against “{pos}”."
    )


def _negated(conn: Connection, claim_id: str) -> bool:
    c = schema.claims
    return bool(conn.execute(select(c.c.negated).where(c.c.id == claim_id)).scalar())


def _df(conn: Connection, terms: frozenset[str]) -> dict[str, int]:
    t = schema.compare_term_df
    return {
        r.term: int(r.n) for r in conn.execute(select(t.c.term, t.c.n).where(t.c.term.in_(sorted(terms))))
    }


def _bump_df(conn: Connection, terms: frozenset[str], df: dict[str, int]) -> None:
    """Count one more claim holding each term: one batched update and one batched insert."""
    t = schema.compare_term_df
    known = [{"t": term} for term in sorted(terms) if term in df]
    new = [{"term": term, "n": 1} for term in sorted(terms) if term not in df]
    if known:
        conn.execute(update(t).where(t.c.term == bindparam("t")).values(n=t.c.n + 1), known)
    if new:
        conn.execute(insert(t), new)


def _link(conn: Connection, claim_id: str, other_id: str) -> str:
    """Join the groups of two claims (made when missing); return the joined group's id.

    Groups are the connected components of the links, and a group's id is derived from its smallest
    claim id, so the same links give the same groups and ids whatever order the articles came in.
    """
    m, g = schema.claim_group_members, schema.claim_groups
    groups = {
        gid
        for gid in (
            conn.execute(select(m.c.group_id).where(m.c.claim_id == claim_id)).scalar(),
            conn.execute(select(m.c.group_id).where(m.c.claim_id == other_id)).scalar(),
        )
        if gid is not None
    }
    if len(groups) == 1:
        (gid,) = groups
        lowest = conn.execute(select(func.min(m.c.claim_id)).where(m.c.group_id == gid)).scalar()
        missing = [c for c in (claim_id, other_id) if c > (lowest or "")]
        present = set(
            conn.execute(select(m.c.claim_id).where(m.c.group_id == gid, m.c.claim_id.in_(missing))).scalars()
        )
        if lowest is not None and min(claim_id, other_id) > lowest:
            # The usual case, a claim joining a group: its id stays, one row is added.
            rows = [{"group_id": gid, "claim_id": c} for c in missing if c not in present]
            if rows:
                conn.execute(insert(m), rows)
            return str(gid)
    members = {claim_id, other_id}
    for gid in groups:
        members.update(conn.execute(select(m.c.claim_id).where(m.c.group_id == gid)).scalars())
    canonical = record_id("g", min(members))
    for gid in groups:
        conn.execute(delete(m).where(m.c.group_id == gid))
        conn.execute(delete(g).where(g.c.id == gid))
    conn.execute(insert(g), [{"id": canonical, "corroboration": 1}])
    conn.execute(insert(m), [{"group_id": canonical, "claim_id": cid} for cid in sorted(members)])
    return canonical


def _recount(conn: Connection, group_id: str) -> None:
    """Corroboration of a group: distinct origins among its claims (see ``compare/grouping.py``)."""
    m, g, c, a = schema.claim_group_members, schema.claim_groups, schema.claims, schema.articles
    rows = conn.execute(
        select(c.c.chain, c.c.article_id, a.c.outlet, a.c.duplicate_of)
        .select_from(m.join(c, c.c.id == m.c.claim_id).join(a, a.c.id == c.c.article_id))
        .where(m.c.group_id == group_id)
    ).all()
    if len(rows) < 2:
        conn.execute(delete(m).where(m.c.group_id == group_id))
        conn.execute(delete(g).where(g.c.id == group_id))
        return
    origins = set()
    for r in rows:
        outlet = r.outlet
        article = r.duplicate_of or r.article_id
        if r.duplicate_of:
            canon = conn.execute(select(a.c.outlet).where(a.c.id == r.duplicate_of)).scalar()
            outlet = canon or outlet
        origins.add(origin_key(json.loads(r.chain), outlet, article))
    conn.execute(update(g).where(g.c.id == group_id).values(corroboration=len(origins)))
