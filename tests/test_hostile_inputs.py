"""Bad input gets a clear coded skip or is read correctly, and the rest of the batch goes on."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from hostile import write_hostile_inputs, write_huge_file
from newsledger.cli import main


def test_hostile_folder_beside_the_seeds(tmp_path: Path, seed_copy: Path) -> None:
    files = write_hostile_inputs(seed_copy)
    write_huge_file(seed_copy / "huge.txt", megabytes=50)
    out = tmp_path / "ledger.json"
    result = CliRunner().invoke(
        main, ["analyze", str(seed_copy), "--db", str(tmp_path / "l.db"), "--json", str(out)]
    )
    assert result.exit_code == 0, result.output
    ledger = json.loads(out.read_text(encoding="utf-8"))
    by_source = {Path(a["source"]).name: a for a in ledger["articles"]}
    skips = {Path(s["source"]).name: s for s in ledger["skipped"]}

    for seed in (
        "000_587fed543f651b12.txt",
        "001_998be1bf658dc753.txt",
        "002_7d2a1339ad3e146e.txt",
        "003_bc9b85600cbacf8f.txt",
        "004_dbb5c05e03edadc2.txt",
    ):
        assert len(by_source[seed]["text"].split()) > 250

    assert skips["empty.txt"]["code"] == "empty"
    assert skips["photo.txt"]["code"] == "binary" and "PNG" in skips["photo.txt"]["reason"]
    assert skips["huge.txt"]["code"] == "too_large" and "MiB" in skips["huge.txt"]["reason"]
    assert skips["deep.html"]["code"] == "malformed_html" and "deep" in skips["deep.html"]["reason"]
    assert skips["dump.jsonl:2"]["code"] == "malformed_json"
    assert {"dump.jsonl:1", "dump.jsonl:3"} <= set(by_source)
    assert by_source["dump.jsonl:1"]["outlet"] == "Harbour Daily"
    assert by_source["dump.jsonl:1"]["published"] == {
        "date": "2024-03-02",
        "precision": "day",
        "inferred": False,
        "evidence": "stated",
    }
    assert by_source["latin1.txt"]["title"] == "Café owners in Montréal protest new tax"
    assert "cafés across Montréal" in by_source["latin1.txt"]["text"]

    script_page = by_source["script.html"]
    assert script_page["outlet"] == "Riverside Gazette"
    assert "voted 7 to 2" in script_page["text"]
    assert "alert('x')" not in script_page["text"] and "injected by script" not in script_page["text"]
    assert "onerror" not in script_page["text"]
    assert all(s["reason"] and s["code"] for s in ledger["skipped"])
    assert "skipped: " in result.output and "too_large" in result.output
    assert files  # every hostile file was written


def test_unreadable_paths_are_a_clear_error_not_a_traceback(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["analyze", str(tmp_path / "nope"), "--db", str(tmp_path / "l.db")])
    assert result.exit_code == 2
    assert "[E004] no file or folder at" in result.output
