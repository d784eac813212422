"""Pipeline declaration, order checking, error policies, parallel workers and crash isolation."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsledger.analysis import analyze
from newsledger.errors import PipelineOrderError, StageContractError
from newsledger.ingest.units import InputUnit
from newsledger.pipeline import ArticleState, Pipeline, Stage
from newsledger.pipeline.default import default_stages
from newsledger.pipeline.policy import ErrorPolicy
from newsledger.pipeline.process import StageFailure, process_unit
from newsledger.report.ledger import load_ledger
from newsledger.store import Store


def _noop(_state: ArticleState) -> None:
    return None


def test_a_stage_needing_what_no_earlier_stage_adds_is_refused_at_build_time() -> None:
    stages = {s.name: s for s in default_stages()}
    order = ["read", "clean", "claims", "language", "entities", "dates"]
    with pytest.raises(
        PipelineOrderError,
        match=r"'claims' needs \['doc', 'entities', 'mentions', 'sentences'\].*move it after \['language', 'entities'\]",
    ):
        Pipeline([stages[name] for name in order])


def test_unknown_fields_and_duplicate_names_are_refused() -> None:
    with pytest.raises(PipelineOrderError, match="unknown state fields"):
        Stage("x", _noop, needs=frozenset({"nonsense"}))
    stage = Stage("read", _noop, adds=frozenset())
    with pytest.raises(PipelineOrderError, match="unique"):
        Pipeline([stage, stage])


def test_a_stage_that_does_not_add_what_it_declared_breaks_its_contract() -> None:
    lazy = Pipeline([Stage("lazy", _noop, needs=frozenset({"unit"}), adds=frozenset({"document"}))])
    unit = InputUnit(source="s.txt", data=b"Some text here.")
    with pytest.raises(StageFailure, match="lazy"):
        process_unit(unit, lazy, policy=ErrorPolicy.DEVELOPMENT)
    outcome = process_unit(unit, lazy, policy=ErrorPolicy.BATCH)
    assert outcome.skip is not None and outcome.skip.code == "stage_failed"
    assert "StageContractError" in outcome.skip.reason
    assert issubclass(StageContractError, Exception)


def _explode_on_marker(state: ArticleState) -> None:
    assert state.article is not None
    if "EXPLODE" in state.article.text:
        raise ValueError("boom in a stage")


def exploding_pipeline() -> Pipeline:
    stages = default_stages()
    return Pipeline([*stages, Stage("explode", _explode_on_marker, needs=frozenset({"article"}))])


def _die_on_marker(state: ArticleState) -> None:
    if b"KILL-WORKER" in state.unit.data:
        os._exit(3)


def crashing_pipeline() -> Pipeline:
    return Pipeline([Stage("die", _die_on_marker, needs=frozenset({"unit"})), *default_stages()])


def test_batch_policy_skips_the_failing_article_and_goes_on(tmp_path: Path, seed_copy: Path) -> None:
    (seed_copy / "bad.txt").write_text(
        "A headline here\n\nThis article says EXPLODE and more words follow.\n"
    )
    store = Store.open(tmp_path / "l.db")
    report = analyze([str(seed_copy)], store, workers=1, factory=exploding_pipeline)
    assert len(store.article_ids()) == 5
    [skip] = report.ledger_skips
    assert skip.code == "stage_failed" and "'explode'" in skip.reason and "boom in a stage" in skip.reason
    with pytest.raises(StageFailure, match="explode"):
        analyze(
            [str(seed_copy)],
            Store.open(tmp_path / "dev.db"),
            workers=1,
            factory=exploding_pipeline,
            policy=ErrorPolicy.DEVELOPMENT,
        )


def test_parallel_workers_give_the_same_ledger_as_one(tmp_path: Path, seed_copy: Path) -> None:
    one = Store.open(tmp_path / "one.db")
    two = Store.open(tmp_path / "two.db")
    analyze([str(seed_copy)], one, workers=1)
    analyze([str(seed_copy)], two, workers=2)
    assert load_ledger(one) == load_ledger(two)


def test_a_worker_that_dies_costs_only_its_own_input(tmp_path: Path, seed_copy: Path) -> None:
    (seed_copy / "crash.txt").write_text("Headline\n\nThis input makes the worker die: KILL-WORKER.\n")
    store = Store.open(tmp_path / "l.db")
    report = analyze([str(seed_copy)], store, workers=2, factory=crashing_pipeline)
    assert len(store.article_ids()) == 5
    [skip] = report.ledger_skips
    assert skip.code == "worker_crashed" and skip.source.endswith("crash.txt")
