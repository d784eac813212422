"""A run killed at any moment and started again ends with exactly the ledger of an uninterrupted run."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsledger.corpus.default import default_corpus_stages
from newsledger.demo.synthetic import load_templates, write_synthetic_corpus

CORPUS = 200
"""Large enough that a run can be killed part-way: the per-article stages take some 30 s on it, and the
corpus stages (stories, claim comparison) another 20 s, on two cores."""
CLI = [sys.executable, "-m", "newsledger"]


def _args(corpus: Path, db: Path, out: Path | None = None) -> list[str]:
    return [*CLI, "analyze", str(corpus), "--db", str(db), "--workers", "2"] + (
        ["--json", str(out)] if out else []
    )


def _complete(corpus: Path, db: Path, out: Path) -> str:
    env = os.environ | {"NEWSLEDGER_NO_PROGRESS": "1"}
    done = subprocess.run(
        _args(corpus, db, out), capture_output=True, text=True, env=env, timeout=600, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def _count(db: Path, table: str) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            # The table name is one of this module's constants, not input: nothing to inject.
            query = "SELECT count(*) FROM {}"
            return int(conn.execute(query.format(table)).fetchone()[0])
    except sqlite3.Error:
        return 0


def _articles_stored(db: Path) -> int:
    return _count(db, "articles")


def _inputs_done(db: Path) -> int:
    """Inputs recorded as analysed; more than articles when two inputs clean to the same article."""
    return _count(db, "inputs")


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> tuple[Path, Path]:
    """The synthetic corpus and the JSON ledger of one uninterrupted run over it."""
    tmp = tmp_path_factory.mktemp("uninterrupted")
    corpus = write_synthetic_corpus(load_templates([str(seeds_dir)]), tmp / "corpus", count=CORPUS)
    out = _complete(corpus, tmp / "whole.db", tmp / "whole.json")
    assert f"{CORPUS} analysed, 0 unchanged" in out
    return corpus, tmp / "whole.json"


@pytest.mark.slow
def test_kill_then_resume_gives_the_uninterrupted_ledger(
    tmp_path: Path, uninterrupted: tuple[Path, Path]
) -> None:
    corpus, whole_json = uninterrupted
    resumed = tmp_path / "resumed.db"
    for threshold in (CORPUS // 8, CORPUS // 2):  # kill it twice, at different points
        proc = subprocess.Popen(_args(corpus, resumed), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 300
        while _inputs_done(resumed) < threshold and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proc.poll() is None, "the run finished before it could be killed; make the corpus larger"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    stored_before_resume = _inputs_done(resumed)
    assert CORPUS // 2 <= stored_before_resume < CORPUS

    out = _complete(corpus, resumed, tmp_path / "resumed.json")
    assert f"{CORPUS - stored_before_resume} analysed, {stored_before_resume} unchanged" in out
    whole_ledger = json.loads(whole_json.read_text(encoding="utf-8"))
    resumed_ledger = json.loads((tmp_path / "resumed.json").read_text(encoding="utf-8"))
    assert len(whole_ledger["articles"]) > CORPUS * 0.9  # a few synthetic variants clean to the same article
    assert [a["id"] for a in resumed_ledger["articles"]] == [a["id"] for a in whole_ledger["articles"]]
    assert len(resumed_ledger["claims"]) == len(whole_ledger["claims"])
    assert any(a["duplicate_of"] for a in whole_ledger["articles"])  # the corpus stage had work to do
    assert resumed_ledger == whole_ledger
    assert (tmp_path / "resumed.json").read_bytes() == whole_json.read_bytes()


@pytest.mark.slow
def test_a_kill_inside_the_corpus_stage_resumes_to_the_uninterrupted_ledger(
    tmp_path: Path, uninterrupted: tuple[Path, Path]
) -> None:
    """Killed after every article is stored, while the corpus stages (duplicates, stories, comparison,
    stances) are part-way through."""
    corpus, whole_json = uninterrupted
    db = tmp_path / "killed.db"
    proc = subprocess.Popen(_args(corpus, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while _count(db, "corpus_progress") == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the corpus stage finished before it could be killed; make the corpus larger"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    articles = len(json.loads(whole_json.read_text(encoding="utf-8"))["articles"])
    assert _articles_stored(db) == articles
    assert 0 < _count(db, "corpus_progress") < len(default_corpus_stages()) * articles

    out = _complete(corpus, db, tmp_path / "resumed.json")
    assert f"0 analysed, {CORPUS} unchanged" in out
    assert (tmp_path / "resumed.json").read_bytes() == whole_json.read_bytes()
