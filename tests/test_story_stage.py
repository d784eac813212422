"""The stories corpus stage in the store: stories and labels, syndicated copies, determinism over batch
boundaries, resuming a killed run, idempotent re-runs, the schema migration, and the seed articles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from newsledger.corpus.stage import run_corpus_stages
from newsledger.corpus.stories import Stories
from newsledger.eval.stories import bcubed
from newsledger.store import Store, schema
from newsledger.store.migrations import LATEST
from newsledger.stories.embeddings import load_embedder
from test_stories_corpus import ARTICLES, article_id_of, store_corpus


@pytest.fixture(scope="module")
def embedder():  # type: ignore[no-untyped-def]
    return load_embedder()


def _memberships(store: Store) -> dict[str, str]:
    with store.engine.connect() as conn:
        return {r.article_id: r.story_id for r in conn.execute(select(schema.story_articles))}


def _labels(store: Store) -> dict[str, str]:
    with store.engine.connect() as conn:
        return {r.id: r.label for r in conn.execute(select(schema.stories))}


def _run(tmp_path: Path, embedder: Any, *, batch_size: int, name: str = "l.db") -> Store:
    store = Store.open(tmp_path / name)
    store_corpus(store)
    run_corpus_stages(store, [Stories(embedder=embedder)], batch_size=batch_size)
    return store


def test_stage_writes_stories_labels_and_copies_join_their_original(tmp_path: Path, embedder: Any) -> None:
    store = _run(tmp_path, embedder, batch_size=256)
    members = _memberships(store)
    gold = {article_id_of(a.key): a.story for a in ARTICLES}
    assert set(members) == set(gold)
    assert bcubed(members, gold)["f1"] == pytest.approx(1.0)
    assert members[article_id_of("dam-copy")] == members[article_id_of("dam-wire")]
    labels = _labels(store)
    assert len(labels) == 3
    titles = {a.title for a in ARTICLES}
    assert all(label in titles for label in labels.values())
    assert store.count("story_vectors") == len(ARTICLES)


def test_same_stories_whatever_the_batches(tmp_path: Path, embedder: Any) -> None:
    one = _run(tmp_path, embedder, batch_size=256, name="one.db")
    small = _run(tmp_path, embedder, batch_size=2, name="small.db")
    assert _memberships(one) == _memberships(small)
    assert _labels(one) == _labels(small)


class _Killed(Exception):
    pass


class _DiesAfter(Stories):
    """A stage killed in the middle of its second batch."""

    def __init__(self, embedder: Any) -> None:
        super().__init__(embedder=embedder)
        self.batches = 0

    def run(self, store: Store, article_ids: Any) -> None:
        self.batches += 1
        if self.batches == 2:
            with pytest.raises(_Killed), store.engine.begin() as conn:
                conn.execute(text("DELETE FROM story_articles"))
                raise _Killed
            raise _Killed
        super().run(store, article_ids)


def test_resumed_run_ends_like_an_uninterrupted_one_and_reruns_change_nothing(
    tmp_path: Path, embedder: Any
) -> None:
    whole = _run(tmp_path, embedder, batch_size=3, name="whole.db")
    store = Store.open(tmp_path / "killed.db")
    store_corpus(store)
    with pytest.raises(_Killed):
        run_corpus_stages(store, [_DiesAfter(embedder)], batch_size=3)
    assert 0 < len(_memberships(store)) < len(ARTICLES)
    # A new process: the index is rebuilt from the stored vectors, then the rest is placed.
    resumed = Stories(embedder=embedder)
    run_corpus_stages(store, [resumed], batch_size=3)
    assert resumed.counts["rebuilt"] == 3  # the first batch
    assert _memberships(store) == _memberships(whole)
    assert _labels(store) == _labels(whole)
    again = Stories(embedder=embedder)
    (run,) = run_corpus_stages(store, [again], batch_size=3)
    assert run.articles == 0 and _memberships(store) == _memberships(whole)


def test_piecemeal_arrival_ends_with_the_same_stories(tmp_path: Path, embedder: Any) -> None:
    whole = _run(tmp_path, embedder, batch_size=256, name="whole.db")
    store = Store.open(tmp_path / "piecemeal.db")
    late = ("dam-wire", "dam2-report", "transfer-rumour")  # the earliest of each story arrive last
    store_corpus(store, tuple(a for a in ARTICLES if a.key not in late))
    run_corpus_stages(store, [Stories(embedder=embedder)])
    store_corpus(store, tuple(a for a in ARTICLES if a.key in late))
    run_corpus_stages(store, [Stories(embedder=embedder)])
    assert _memberships(store) == _memberships(whole)
    assert _labels(store) == _labels(whole)


def test_reset_when_the_stage_version_changes(tmp_path: Path, embedder: Any) -> None:
    store = _run(tmp_path, embedder, batch_size=256)
    before = _memberships(store)
    newer = Stories(embedder=embedder)
    newer.version = "next"  # type: ignore[misc]
    (run,) = run_corpus_stages(store, [newer])
    assert run.articles == len(ARTICLES)
    assert _memberships(store) == before


def test_migration_adds_story_vectors_to_an_older_ledger(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    store = Store.open(path)
    with store.engine.begin() as conn:
        conn.execute(text("DROP TABLE story_vectors"))
        conn.execute(text("UPDATE meta SET value = '6' WHERE key = 'schema_version'"))
    store.close()
    migrated = Store.open(path)
    assert migrated.schema_version == LATEST >= 7
    assert migrated.count("story_vectors") == 0


@pytest.mark.usefixtures("seed_files")
def test_seed_articles_form_one_story(tmp_path: Path, seed_copy: Path) -> None:
    """Five outlets, 2017 to 2024: one story of US troops in Syria, through the whole pipeline."""
    from newsledger.analysis import analyze
    from newsledger.corpus.near_duplicates import NearDuplicates

    store = Store.open(tmp_path / "seeds.db")
    analyze([str(seed_copy)], store, workers=1, progress=False, corpus_stages=[NearDuplicates(), Stories()])
    members = _memberships(store)
    assert len(members) == 5
    assert len(set(members.values())) == 1
    (label,) = _labels(store).values()
    assert "Syria" in label
