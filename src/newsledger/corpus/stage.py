"""Corpus stages: steps that need the whole corpus, run in the main process after the per-article stages.

A per-article stage sees one article in a worker process. Finding near-duplicates, stories or claims
stated in several articles needs all articles, so those steps run here, in the one process that
writes the store. They are incremental: each stage processes only the articles it has not yet seen,
listed from ``corpus_progress``, and records that progress in the same transaction as its results. A run
killed at any moment therefore leaves every article either fully processed by a stage or not at all, and
the next run picks up exactly the rest, including articles stored by an earlier, killed run.

Pending articles are handed to a stage in batches in article-id order, so memory stays flat and the
order (and with it every tie-break a stage makes) does not depend on which worker finished first.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

from sqlalchemy import Connection, delete, insert

from newsledger.errors import PipelineOrderError
from newsledger.store import schema

if TYPE_CHECKING:
    from newsledger.store import Store

DEFAULT_BATCH = 256
"""Articles per transaction: large enough that commits do not dominate, small enough that a killed run
loses little work and a batch's texts fit easily in memory."""

_T = TypeVar("_T")


class CorpusStage(Protocol):
    """A step over the whole corpus, fed the articles it has not processed yet.

    ``run`` must process ``article_ids`` and call ``record_progress`` for them in one transaction, and
    must give the same final results whatever the batches were: the framework promises only id order.
    ``reset`` drops every result and progress row of the stage, in one transaction; it is called when
    the stored progress was recorded by another ``version``, so a changed stage redoes the whole corpus.
    """

    @property
    def name(self) -> str: ...

    @property
    def version(self) -> str: ...

    def run(self, store: Store, article_ids: Sequence[str]) -> None: ...

    def reset(self, store: Store) -> None: ...


@dataclass(frozen=True)
class CorpusStageRun:
    """What one corpus stage did in one run, for ``--profile``."""

    name: str
    articles: int
    seconds: float


def record_progress(conn: Connection, *, stage: str, version: str, article_ids: Iterable[str]) -> None:
    """Mark ``article_ids`` as processed by ``stage``, inside the transaction that wrote their results."""
    p = schema.corpus_progress
    ids = sorted(set(article_ids))
    for chunk in chunked(ids):
        conn.execute(delete(p).where(p.c.stage == stage, p.c.article_id.in_(chunk)))
    if ids:
        conn.execute(insert(p), [{"stage": stage, "article_id": i, "version": version} for i in ids])


def run_corpus_stages(
    store: Store, stages: Sequence[CorpusStage], *, batch_size: int = DEFAULT_BATCH
) -> list[CorpusStageRun]:
    """Run each stage, in order, over every article it has not processed; return what each did.

    Stages run one after another over the whole backlog, so a later stage sees the finished results of
    an earlier one (story grouping can rely on ``duplicate_of``, for instance).
    """
    names = [s.name for s in stages]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise PipelineOrderError(f"corpus stage names must be unique; repeated: {repeated}.")
    runs = []
    for stage in stages:
        started = time.perf_counter()
        if store.corpus_stage_outdated(stage.name, stage.version):
            stage.reset(store)
        processed = 0
        while True:  # another pass only if a stage re-queued articles behind its cursor
            done = processed
            after = ""
            while batch := store.pending_corpus_articles(
                stage.name, stage.version, after=after, limit=batch_size
            ):
                stage.run(store, batch)
                processed += len(batch)
                after = batch[-1]
            if processed == done:
                break
        runs.append(CorpusStageRun(stage.name, processed, time.perf_counter() - started))
    return runs


def chunked(items: Sequence[_T], size: int = 500) -> Iterator[Sequence[_T]]:
    """Slices of at most ``size`` items, to keep ``IN (...)`` lists under the database's parameter limit."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
