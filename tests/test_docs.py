"""The documentation tells the truth: its example is real output, and every option is documented."""

from __future__ import annotations

import json
import re
from pathlib import Path

import click

from conftest import framing_stage
from newsledger.analysis import analyze
from newsledger.cli import main
from newsledger.report.ledger import LEDGER_KEYS, load_ledger
from newsledger.store import Store

REPO = Path(__file__).resolve().parents[1]


def test_the_ledger_format_example_is_what_analyze_produces(tmp_path: Path) -> None:
    doc = (REPO / "docs" / "ledger-format.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```json\n(.*?)```", doc, flags=re.DOTALL)
    source_line, expected = blocks[0].strip(), json.loads(blocks[1])
    (tmp_path / "example.jsonl").write_text(source_line + "\n", encoding="utf-8")
    store = Store.open(tmp_path / "l.db")
    with framing_stage(on=True):
        analyze([str(tmp_path / "example.jsonl")], store, workers=1)
    actual = load_ledger(store)
    assert set(expected) == set(actual) == {"format_version", *LEDGER_KEYS}
    for record in (expected["articles"][0], actual["articles"][0]):
        record.pop("source")
    assert actual == expected
    for field in ("id", "source", "title", "outlet", "published", "text", "removed", "duplicate_of"):
        assert f"`{field}`" in doc


def test_every_command_option_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in ("analyze", "extract", "report", "demo", "eval"):
        assert f"newsledger {name}" in readme
    analyze_cmd = main.commands["analyze"]  # type: ignore[attr-defined]
    assert isinstance(analyze_cmd, click.Command)
    for param in analyze_cmd.params:
        if isinstance(param, click.Option):
            assert any(opt in readme for opt in param.opts), f"{param.opts} is not documented in the README"
    assert readme.startswith("# newsledger\n\n```sh\nmake demo")
    assert "make test" in readme.split("\n\n")[1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_every_skip_code_is_documented() -> None:
    from newsledger.errors import SkipCode

    doc = (REPO / "docs" / "ledger-format.md").read_text(encoding="utf-8")
    missing = [code.value for code in SkipCode if f"`{code.value}`" not in doc]
    assert not missing, f"skip codes missing from docs/ledger-format.md: {missing}"
