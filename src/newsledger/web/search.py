"""Full-text search over articles and claims: SQLite FTS5, or ILIKE on PostgreSQL.

The FTS5 index is a derived table the web layer owns (``web_search``), next to a bookkeeping table
(``web_search_state``: which article version each indexed article is). It is created when missing and
refreshed incrementally: articles that are new or were re-analysed (another ``analysis_version``) are
indexed, articles gone from the ledger are dropped, and nothing else is touched, so a refresh after one
new article costs one article. The pipeline never reads these tables; deleting them loses nothing.

A user's query never reaches FTS5's query language: its words are quoted one by one (an implicit AND),
so ``"``, ``*``, ``NEAR`` or a bare ``-`` are plain text, never syntax errors.
On PostgreSQL there is no FTS5: each word must appear (``ILIKE``, case-insensitive) in the title, text or
claim; slower on large ledgers but correct, and still limited per page.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, and_, func, literal, or_, select, text, union_all

from newsledger.store import schema

MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
"""Snippet highlight markers (private-use characters): the page escapes the snippet, then turns these
into ``<mark>``, so article text can never forge a highlight."""

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 12
REFRESH_EVERY = 2.0
"""Seconds between two checks for changed articles on search: the check is one indexed anti-join."""


@dataclass(frozen=True)
class Hit:
    kind: str
    """``article`` or ``claim``."""
    ref: str
    article_id: str
    title: str
    snippet: str
    """Text with ``MARK_OPEN``/``MARK_CLOSE`` around the matched words."""


def query_terms(q: str) -> list[str]:
    return _WORD.findall(q)[:MAX_TERMS]


class SearchIndex:
    """The search index of one database; safe to share between request threads."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.fts = engine.dialect.name == "sqlite" and _has_fts5(engine)
        self._lock = threading.Lock()
        self._checked = 0.0

    def ensure(self, *, force: bool = False) -> int:
        """Create the index if missing and bring it up to date; return how many articles were (re)indexed."""
        if not self.fts:
            return 0
        if not force and time.monotonic() - self._checked < REFRESH_EVERY:
            return 0
        with self._lock:
            n = self._refresh()
            self._checked = time.monotonic()
            return n

    def _refresh(self) -> int:
        a, c = schema.articles, schema.claims
        with self.engine.begin() as conn:
            conn.execute(
                text(
                    "CREATE VIRTUAL TABLE IF NOT EXISTS web_search USING fts5("
                    "kind UNINDEXED, ref UNINDEXED, article_id UNINDEXED, title, body, "
                    "tokenize='unicode61 remove_diacritics 2')"
                )
            )
            conn.execute(
                text(
                    "CREATE TABLE IF NOT EXISTS web_search_state "
                    "(article_id TEXT PRIMARY KEY, version TEXT NOT NULL)"
                )
            )
            stale = list(
                conn.execute(
                    text(
                        "SELECT a.id FROM articles a LEFT JOIN web_search_state s ON s.article_id = a.id "
                        "WHERE s.article_id IS NULL OR s.version != a.analysis_version"
                    )
                ).scalars()
            )
            gone = list(
                conn.execute(
                    text(
                        "SELECT s.article_id FROM web_search_state s LEFT JOIN articles a "
                        "ON a.id = s.article_id WHERE a.id IS NULL"
                    )
                ).scalars()
            )
            for i in range(0, len(stale) + len(gone), 500):
                batch = (stale + gone)[i : i + 500]
                params = {f"p{k}": v for k, v in enumerate(batch)}
                marks = ", ".join(f":p{k}" for k in range(len(batch)))
                conn.execute(text(f"DELETE FROM web_search WHERE article_id IN ({marks})"), params)  # noqa: S608
                conn.execute(text(f"DELETE FROM web_search_state WHERE article_id IN ({marks})"), params)  # noqa: S608
            for i in range(0, len(stale), 500):
                batch = stale[i : i + 500]
                rows = conn.execute(
                    select(a.c.id, a.c.title, a.c.text, a.c.analysis_version).where(a.c.id.in_(batch))
                ).all()
                conn.execute(
                    text(
                        "INSERT INTO web_search (kind, ref, article_id, title, body) "
                        "VALUES ('article', :id, :id, :title, :body)"
                    ),
                    [{"id": r.id, "title": _plain(r.title or ""), "body": _plain(r.text)} for r in rows],
                )
                claims = conn.execute(
                    select(c.c.id, c.c.article_id, c.c.text).where(c.c.article_id.in_(batch))
                ).all()
                if claims:
                    conn.execute(
                        text(
                            "INSERT INTO web_search (kind, ref, article_id, title, body) "
                            "VALUES ('claim', :id, :aid, '', :body)"
                        ),
                        [{"id": r.id, "aid": r.article_id, "body": _plain(r.text)} for r in claims],
                    )
                conn.execute(
                    text("INSERT INTO web_search_state (article_id, version) VALUES (:id, :v)"),
                    [{"id": r.id, "v": r.analysis_version} for r in rows],
                )
        return len(stale)

    def search(self, q: str, *, limit: int, offset: int = 0) -> list[Hit]:
        terms = query_terms(q)
        if not terms:
            return []
        if self.fts:
            self.ensure()
            return self._search_fts(terms, limit=limit, offset=offset)
        return self._search_like(terms, limit=limit, offset=offset)

    def _search_fts(self, terms: list[str], *, limit: int, offset: int) -> list[Hit]:
        match = " ".join('"' + t.replace('"', '""') + '"' for t in terms)
        sql = text(
            "SELECT s.kind, s.ref, s.article_id, COALESCE(a.title, '') AS title, "
            "snippet(web_search, 4, :o, :c, ' … ', 24) AS snip "
            "FROM web_search s JOIN articles a ON a.id = s.article_id "
            "WHERE web_search MATCH :q ORDER BY bm25(web_search, 0, 0, 0, 4.0, 1.0), s.kind, s.ref "
            "LIMIT :limit OFFSET :offset"
        )
        with self.engine.connect() as conn:
            rows = conn.execute(
                sql, {"q": match, "o": MARK_OPEN, "c": MARK_CLOSE, "limit": limit, "offset": offset}
            ).all()
        return [Hit(r.kind, r.ref, r.article_id, r.title, r.snip) for r in rows]

    def _search_like(self, terms: list[str], *, limit: int, offset: int) -> list[Hit]:
        a, c = schema.articles, schema.claims

        def pattern(t: str) -> str:
            return "%" + t.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"

        art_match = and_(
            *(
                or_(a.c.title.ilike(pattern(t), escape="\\"), a.c.text.ilike(pattern(t), escape="\\"))
                for t in terms
            )
        )
        claim_match = and_(*(c.c.text.ilike(pattern(t), escape="\\") for t in terms))
        arts = select(
            literal("article").label("kind"),
            a.c.id.label("ref"),
            a.c.id.label("article_id"),
            func.coalesce(a.c.title, "").label("title"),
            func.substr(a.c.text, 1, 240).label("snip"),
        ).where(art_match)
        claims = select(
            literal("claim").label("kind"),
            c.c.id.label("ref"),
            c.c.article_id.label("article_id"),
            literal("").label("title"),
            c.c.text.label("snip"),
        ).where(claim_match)
        u = union_all(arts, claims).subquery()
        with self.engine.connect() as conn:
            rows = conn.execute(select(u).order_by(u.c.kind, u.c.ref).limit(limit).offset(offset)).all()
        return [Hit(r.kind, r.ref, r.article_id, r.title, _mark(_plain(r.snip), terms)) for r in rows]


def _plain(text: str) -> str:
    """Text without the marker characters, so an article cannot forge a highlight."""
    return text.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")


def _mark(snippet: str, terms: list[str]) -> str:
    pattern = re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)
    return pattern.sub(lambda m: MARK_OPEN + m.group(0) + MARK_CLOSE, snippet)


def _has_fts5(engine: Engine) -> bool:
    with engine.connect() as conn:
        try:
            options: Any = conn.execute(text("PRAGMA compile_options")).scalars().all()
        except Exception:  # pragma: no cover - a driver without the pragma
            return False
    return "ENABLE_FTS5" in options
