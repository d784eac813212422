"""Open a ledger database and write to it; every article's records go in one transaction.

All writes happen in the main process (one writer), so SQLite never sees competing writers. Writes are
idempotent: an article already stored by the same pipeline version is left untouched, and an input
already recorded with the same bytes is not processed again, which is what makes a killed run resumable.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, delete, event, func, insert, select, update

from newsledger.pipeline.outcome import ArticleBundle, Outcome
from newsledger.records import Entity, Skip
from newsledger.store import rows, schema
from newsledger.store.migrations import migrate

DEFAULT_DB = "newsledger.db"


def database_url(db: str | Path) -> str:
    """A SQLAlchemy URL from ``--db``: a URL as given, or a path to an SQLite file."""
    text = str(db)
    return text if "://" in text else f"sqlite:///{Path(text).expanduser()}"


@dataclass(frozen=True)
class InputStatus:
    input_hash: str
    pipeline_version: str


class Store:
    """A ledger database. Create with ``Store.open``; the schema is migrated on open."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.schema_version = migrate(engine)

    @classmethod
    def open(cls, db: str | Path = DEFAULT_DB) -> Store:
        url = database_url(db)
        engine = create_engine(url)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        return cls(engine)

    def close(self) -> None:
        self.engine.dispose()

    # --- inputs -------------------------------------------------------------------------------------

    def stored_article_of(self, source: str) -> str | None:
        """The article an input produced in an earlier run, if it produced one."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(schema.inputs.c.article_id).where(schema.inputs.c.source == source)
            ).first()
        return row.article_id if row else None

    def input_status(self, source: str) -> InputStatus | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(schema.inputs.c.input_hash, schema.inputs.c.pipeline_version).where(
                    schema.inputs.c.source == source
                )
            ).first()
        return InputStatus(row.input_hash, row.pipeline_version) if row else None

    def is_done(self, source: str, input_hash: str, version: str) -> bool:
        status = self.input_status(source)
        return status is not None and status == InputStatus(input_hash, version)

    def record_skip(self, skip: Skip, *, input_hash: str, version: str) -> None:
        with self.engine.begin() as conn:
            self._record_input(conn, skip.source, input_hash, version, None, skip)

    # --- articles -----------------------------------------------------------------------------------

    def write_outcome(self, outcome: Outcome, *, version: str) -> None:
        """Store one unit's result (article and all its records, or its skip) in one transaction."""
        self.write_outcomes([outcome], version=version)

    def write_outcomes(self, outcomes: list[Outcome], *, version: str) -> None:
        """Store several units' results in one transaction (group commit).

        An article's records are never split across transactions, so a crash leaves each article
        either wholly stored with its input marked done, or absent and redone on the next run.
        """
        with self.engine.begin() as conn:
            for outcome in outcomes:
                article_id = None
                if outcome.bundle is not None:
                    article_id = outcome.bundle.article.id
                    self._write_bundle(conn, outcome.bundle, version=version)
                self._record_input(
                    conn, outcome.source, outcome.input_hash, version, article_id, outcome.skip
                )

    def _write_bundle(self, conn: Connection, bundle: ArticleBundle, *, version: str) -> None:
        a = bundle.article
        t = schema.articles
        existing = conn.execute(select(t.c.source, t.c.analysis_version).where(t.c.id == a.id)).first()
        if existing is not None and existing.analysis_version == version:
            # The same article from another input: keep one canonical source, the smallest, so the
            # ledger does not depend on which worker finished first.
            if a.source < existing.source:
                conn.execute(update(t).where(t.c.id == a.id).values(source=a.source))
            return
        if existing is not None:
            self._forget_corpus_results(conn, a.id)
            for child in schema.ARTICLE_CHILDREN:
                conn.execute(delete(child).where(child.c.article_id == a.id))
            conn.execute(delete(t).where(t.c.id == a.id))
        conn.execute(insert(t).values(rows.article_row(a, version=version)))
        self._insert_many(conn, schema.sentences, [rows.sentence_row(s) for s in bundle.sentences])
        self._insert_many(conn, schema.mentions, [rows.mention_row(m) for m in bundle.mentions])
        self._insert_many(conn, schema.claims, [rows.claim_row(c) for c in bundle.claims])
        self._insert_many(conn, schema.quantities, [rows.quantity_row(q) for q in bundle.quantities])
        self._insert_many(conn, schema.framing, [rows.framing_row(f) for f in bundle.framing])
        self._insert_many(conn, schema.citations, [rows.citation_row(c) for c in bundle.citations])
        self._insert_many(conn, schema.stances, [rows.stance_row(s) for s in bundle.stances])
        self._insert_many(
            conn, schema.time_expressions, [rows.time_expression_row(t) for t in bundle.time_expressions]
        )
        self._merge_entities(conn, bundle.entities)

    def _record_input(
        self,
        conn: Connection,
        source: str,
        input_hash: str,
        version: str,
        article_id: str | None,
        skip: Skip | None,
    ) -> None:
        values = {
            "input_hash": input_hash,
            "pipeline_version": version,
            "article_id": article_id,
            "skip_code": skip.code if skip else None,
            "skip_reason": skip.reason if skip else None,
        }
        t = schema.inputs
        current = conn.execute(select(t).where(t.c.source == source)).first()
        if current is None:
            conn.execute(insert(t).values(source=source, **values))
            return
        if any(getattr(current, k) != v for k, v in values.items()):
            conn.execute(update(t).where(t.c.source == source).values(**values))
        orphan = current.article_id
        if orphan and orphan != article_id:
            # The input changed: its old article goes unless another input still yields it.
            still = conn.execute(
                select(func.count()).select_from(t).where(t.c.article_id == orphan)
            ).scalar_one()
            if not still:
                self._forget_corpus_results(conn, orphan)
                for child in schema.ARTICLE_CHILDREN:
                    conn.execute(delete(child).where(child.c.article_id == orphan))
                conn.execute(delete(schema.articles).where(schema.articles.c.id == orphan))

    def _forget_corpus_results(self, conn: Connection, article_id: str) -> None:
        """Before an article is removed or rewritten: undo what corpus stages derived from it.

        Its own corpus state and progress go, so every corpus stage sees it as new if it comes back
        (a rewrite under a new pipeline version). Its near-duplicate group may lose its canonical copy
        or the member that bridged two halves, so the whole group is re-queued for the duplicate stage
        with ``duplicate_of`` cleared; the stage then rebuilds it from the stored band keys exactly as
        an uninterrupted run would. Costs the size of that one group, never a pass over the corpus.
        """
        a = schema.articles
        progress = schema.corpus_progress
        row = conn.execute(select(a.c.duplicate_of).where(a.c.id == article_id)).first()
        canonical = (row.duplicate_of if row else None) or article_id
        members = {canonical, article_id}
        members.update(conn.execute(select(a.c.id).where(a.c.duplicate_of == canonical)).scalars())
        ordered = sorted(members)
        conn.execute(update(a).where(a.c.id.in_(ordered)).values(duplicate_of=None))
        conn.execute(
            delete(progress).where(
                progress.c.stage == schema.DUPLICATES_STAGE, progress.c.article_id.in_(ordered)
            )
        )
        conn.execute(delete(progress).where(progress.c.article_id == article_id))
        from newsledger.corpus.compare import forget_article, requeue

        requeue(conn, ordered)  # their group's canonical copy may change: corroboration is recounted
        forget_article(conn, article_id)
        for table in schema.CORPUS_ARTICLE_STATE:
            conn.execute(delete(table).where(table.c.article_id == article_id))

    def _insert_many(self, conn: Connection, table: Any, values: list[dict[str, Any]]) -> None:
        if values:
            conn.execute(insert(table), _dedupe(values))

    def _merge_entities(self, conn: Connection, entities: list[Entity]) -> None:
        """Store entities, merging an id seen in another article: aliases are the union, and name and
        type the smaller of the two, so the result does not depend on the order articles arrive in."""
        t = schema.entities
        for e in entities:
            current = conn.execute(select(t).where(t.c.id == e.id)).first()
            if current is None:
                conn.execute(insert(t).values(rows.entity_row(e)))
                continue
            aliases = sorted(set(json.loads(current.aliases)) | set(e.aliases))
            merged = {
                "name": min(current.name, e.name),
                "type": min(current.type, e.type),
                "aliases": rows.dumps(aliases),
            }
            if any(getattr(current, k) != v for k, v in merged.items()):
                conn.execute(update(t).where(t.c.id == e.id).values(**merged))

    # --- reading ------------------------------------------------------------------------------------

    def count(self, table_name: str) -> int:
        table = schema.metadata.tables[table_name]
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(table)).scalar_one())

    def table_counts(self) -> dict[str, int]:
        return {name: self.count(name) for name in sorted(schema.metadata.tables)}

    def skips(self) -> list[Skip]:
        t = schema.inputs
        with self.engine.connect() as conn:
            result = conn.execute(
                select(t.c.source, t.c.skip_code, t.c.skip_reason)
                .where(t.c.skip_code.is_not(None))
                .order_by(t.c.source)
            )
            return [Skip(source=r.source, code=r.skip_code, reason=r.skip_reason) for r in result]

    def article_ids(self) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.execute(select(schema.articles.c.id).order_by(schema.articles.c.id)).scalars())

    def duplicate_count(self) -> int:
        """Articles marked as a near-copy of another (``duplicate_of`` set)."""
        a = schema.articles
        with self.engine.connect() as conn:
            query = select(func.count()).select_from(a).where(a.c.duplicate_of.is_not(None))
            return int(conn.execute(query).scalar_one())

    # --- corpus stages ------------------------------------------------------------------------------

    def pending_corpus_articles(self, stage: str, version: str, *, after: str = "", limit: int) -> list[str]:
        """Up to ``limit`` article ids after ``after``, in id order, that ``stage`` has not processed
        at ``version``: new this run, left over by a killed run, or re-queued after a rewrite.

        Keyset pagination over the primary key: paging through the whole backlog reads each article id
        once, and one page costs the same wherever it starts.
        """
        a, p = schema.articles, schema.corpus_progress
        seen = (p.c.stage == stage) & (p.c.article_id == a.c.id) & (p.c.version == version)
        query = (
            select(a.c.id)
            .where(a.c.id > after, ~select(p.c.article_id).where(seen).exists())
            .order_by(a.c.id)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def corpus_stage_outdated(self, stage: str, version: str) -> bool:
        """Whether ``stage`` has progress recorded by another version (its results must be redone)."""
        p = schema.corpus_progress
        query = select(p.c.article_id).where(p.c.stage == stage, p.c.version != version).limit(1)
        with self.engine.connect() as conn:
            return conn.execute(query).first() is not None


def _dedupe(values: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with the same id appear once (two identical sentences in one article share an id)."""
    seen: set[Any] = set()
    unique = []
    for v in values:
        key = v.get("id")
        if key in seen:
            continue
        seen.add(key)
        unique.append(v)
    return unique


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
