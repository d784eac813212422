"""Shared fixtures. Real text comes from ``../shared`` (never copied into the repository)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

# Persuasion-technique spans need a MiniLM pass over every sentence; tests of other stages analyse
# corpora of hundreds of articles, so they run without framing. The framing tests (test_propaganda.py,
# the seed ledger and report tests) turn it on explicitly.
os.environ.setdefault("NEWSLEDGER_FRAMING", "0")

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSLEDGER_SHARED", REPO.parent / "shared"))
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def nlp() -> Any:
    """The packaged spaCy pipeline, loaded once for every test that parses text."""
    from newsledger.models.spacy_models import load_spacy

    return load_spacy()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not (SEEDS / "000_587fed543f651b12.txt").exists():
        pytest.fail(f"the seed articles are expected in {SEEDS} (set NEWSLEDGER_SHARED)")
    return SEEDS


@pytest.fixture(scope="session")
def seed_files(seeds_dir: Path) -> list[Path]:
    return sorted(seeds_dir.glob("0*.txt"))


@pytest.fixture
def seed_copy(tmp_path: Path, seed_files: list[Path]) -> Path:
    """A private folder holding the five seed articles (copied at test time only)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for f in seed_files:
        shutil.copy(f, folder / f.name)
    return folder


@pytest.fixture(autouse=True)
def _no_progress(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSLEDGER_NO_PROGRESS", "1")


@contextmanager
def framing_stage(on: bool) -> Iterator[None]:
    """Run the enclosed analysis with the framing stage on or off (workers inherit the environment)."""
    old = os.environ.get("NEWSLEDGER_FRAMING")
    os.environ["NEWSLEDGER_FRAMING"] = "1" if on else "0"
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("NEWSLEDGER_FRAMING", None)
        else:
            os.environ["NEWSLEDGER_FRAMING"] = old
