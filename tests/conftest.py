"""Shared fixtures. Real text comes from ``../shared`` (never copied into the repository)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSLEDGER_SHARED", REPO.parent / "shared"))
SEEDS = SHARED / "seeds"


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
