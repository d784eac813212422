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

from newsledger.demo.synthetic import load_templates, write_synthetic_corpus

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


def _articles_stored(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_kill_then_resume_gives_the_uninterrupted_ledger(tmp_path: Path, seeds_dir: Path) -> None:
    corpus = write_synthetic_corpus(load_templates([str(seeds_dir)]), tmp_path / "corpus", count=1500)

    _complete(corpus, tmp_path / "whole.db", tmp_path / "whole.json")

    resumed = tmp_path / "resumed.db"
    for threshold in (200, 700):  # kill it twice, at different points
        proc = subprocess.Popen(_args(corpus, resumed), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 300
        while _articles_stored(resumed) < threshold and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proc.poll() is None, "the run finished before it could be killed; make the corpus larger"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    stored_before_resume = _articles_stored(resumed)
    assert 700 <= stored_before_resume < 1500

    out = _complete(corpus, resumed, tmp_path / "resumed.json")
    assert f"{1500 - stored_before_resume} analysed, {stored_before_resume} unchanged" in out
    whole_ledger = json.loads((tmp_path / "whole.json").read_text(encoding="utf-8"))
    resumed_ledger = json.loads((tmp_path / "resumed.json").read_text(encoding="utf-8"))
    assert len(whole_ledger["articles"]) == 1500
    assert [a["id"] for a in resumed_ledger["articles"]] == [a["id"] for a in whole_ledger["articles"]]
    assert len(resumed_ledger["claims"]) == len(whole_ledger["claims"])
    assert resumed_ledger == whole_ledger
