"""The command line, end to end on real text: analyze, extract, report, demo, eval."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import SHARED
from newsledger.cli import main
from newsledger.report.ledger import LEDGER_KEYS

SHARED_EXTRACTION = SHARED / "eval" / "extraction"


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_analyze_the_seeds_writes_the_ledger_contract(tmp_path: Path, seeds_dir: Path) -> None:
    db, out, html = tmp_path / "x.db", tmp_path / "y.json", tmp_path / "r.html"
    summary = _run("analyze", str(seeds_dir), "--db", str(db), "--json", str(out), "--html", str(html))
    assert re.search(r"ledger: 5 articles, 1 skipped, 1 stories, \d+ claims", summary)
    ledger = json.loads(out.read_text(encoding="utf-8"))
    assert set(LEDGER_KEYS) <= set(ledger)
    assert len(ledger["articles"]) == 5
    article = ledger["articles"][0]
    assert set(article) >= {
        "id",
        "source",
        "title",
        "outlet",
        "authors",
        "published",
        "language",
        "text",
        "removed",
        "duplicate_of",
    }
    assert set(article["published"]) == {"date", "precision", "inferred", "evidence"}
    claim = ledger["claims"][0]
    assert set(claim) >= {
        "id",
        "article_id",
        "start",
        "end",
        "text",
        "kind",
        "checkworthiness",
        "attribution",
    }
    assert set(claim["attribution"]) == {"speaker", "speaker_entity", "cue", "mode", "chain", "anonymous"}
    [skip] = ledger["skipped"]
    assert skip["source"].endswith("GOLD.md") and skip["code"] == "not_article"
    assert db.exists() and html.read_text(encoding="utf-8").startswith("<!doctype html>")


def test_profile_prints_per_stage_timing(tmp_path: Path, seed_copy: Path) -> None:
    result = CliRunner().invoke(
        main, ["analyze", str(seed_copy), "--db", str(tmp_path / "x.db"), "--profile", "--workers", "1"]
    )
    assert result.exit_code == 0
    for stage in ("read", "clean", "language", "claims", "store", "end to end"):
        assert stage in result.output


def test_extract_writes_one_json_object_per_input(tmp_path: Path, seed_copy: Path) -> None:
    (seed_copy / "empty.txt").write_text("")
    out = tmp_path / "clean.jsonl"
    _run("extract", str(seed_copy), "--jsonl", str(out))
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 6
    articles = [r for r in records if "text" in r]
    assert len(articles) == 5
    for r in articles:
        assert set(r) >= {"source", "title", "outlet", "authors", "published", "language", "text", "removed"}
    [skipped] = [r for r in records if "skipped" in r]
    assert skipped["skipped"]["code"] == "empty"


def test_the_demo_writes_a_self_contained_report_with_hostile_markup_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    output = _run("demo", "--workers", "1")
    assert "ledger: 12 articles" in output
    page = (tmp_path / "newsledger-demo.html").read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "&lt;script&gt;" in page
    assert "onerror=" not in page
    ledger = json.loads((tmp_path / "newsledger-demo.json").read_text(encoding="utf-8"))
    assert len({a["outlet"] for a in ledger["articles"]}) >= 5


def test_report_command_renders_an_existing_ledger(tmp_path: Path, seed_copy: Path) -> None:
    _run("analyze", str(seed_copy), "--db", str(tmp_path / "x.db"), "--workers", "1")
    _run("report", "--db", str(tmp_path / "x.db"), "--out", str(tmp_path / "r.html"))
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    words = re.sub(r"<[^>]+>", "", page)  # the source view highlights "4000 soldiers" inside the sentence
    assert "US Coalition Out of Syria Now!" in words and "4000 soldiers in Syria" in words


def test_eval_json_puts_one_metrics_object_on_the_last_line() -> None:
    if not SHARED_EXTRACTION.exists():
        pytest.fail(f"evaluation data expected in {SHARED_EXTRACTION}")
    output = _run(
        "eval", "extraction", "--data", str(SHARED_EXTRACTION / "cleaneval-dev"), "--limit", "3", "--json"
    )
    metrics = json.loads(output.strip().splitlines()[-1])
    assert 0.3 < metrics["cleaneval_dev.newsledger.f1"] <= 1.0
    assert 0.3 < metrics["cleaneval_dev.trafilatura.f1"] <= 1.0
    assert metrics["cleaneval_dev.newsledger.pages"] == 3


def test_eval_of_an_unknown_stage_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["eval", "nonsense"])
    assert result.exit_code == 2 and "No such command" in result.output
