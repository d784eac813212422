"""The store: records round-trip, schema versions, idempotent writes, changed inputs replace old rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from newsledger.analysis import analyze
from newsledger.errors import SchemaVersionError
from newsledger.records import Attribution, Claim, Quantity
from newsledger.report.ledger import load_ledger
from newsledger.store import Store
from newsledger.store.migrations import LATEST
from newsledger.store.rows import claim_from_row, claim_row, quantity_from_row, quantity_row


def test_analysed_records_round_trip_through_the_store(tmp_path: Path, seed_copy: Path) -> None:
    store = Store.open(tmp_path / "l.db")
    analyze([str(seed_copy)], store, workers=1)
    ledger = load_ledger(store)
    assert len(ledger["articles"]) == 5
    texts = {a["id"]: a["text"] for a in ledger["articles"]}
    assert ledger["claims"]
    for claim in ledger["claims"]:
        assert texts[claim["article_id"]][claim["start"] : claim["end"]] == claim["text"]
    raw001 = (seed_copy / "001_998be1bf658dc753.txt").read_text(encoding="utf-8")
    art001 = next(a for a in ledger["articles"] if a["source"].endswith("001_998be1bf658dc753.txt"))
    assert art001["title"] == "Syria wants US troops to leave"
    assert {r["reason"] for r in art001["removed"]} >= {"repeated within the page"}
    assert art001["text"][:40] in raw001


def test_row_conversions_are_lossless() -> None:
    claim = Claim(
        id="c1",
        article_id="a1",
        start=3,
        end=20,
        text="x" * 17,
        kind="demand",
        checkworthiness=0.75,
        attribution=Attribution(
            speaker="SANA", cue="quoted", mode="direct", chain=("SANA", "unnamed source")
        ),
        certainty="reported",
        polarity="denies",
        negated=True,
    )
    qty = Quantity(
        id="q1",
        claim_id="c1",
        article_id="a1",
        start=4,
        end=8,
        value=900.0,
        low=None,
        high=None,
        approximate=True,
        unit="troops",
        counted="US troops | Syria",
        as_of="2024-01",
        according_to="outlet",
    )
    assert claim_from_row(_Row(claim_row(claim))) == claim
    assert quantity_from_row(_Row(quantity_row(qty))) == qty


class _Row:
    def __init__(self, values: dict[str, object]) -> None:
        self.__dict__.update(values)


def test_a_new_database_is_at_the_latest_schema_version(tmp_path: Path) -> None:
    assert Store.open(tmp_path / "new.db").schema_version == LATEST


def test_a_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "newer.db"
    Store.open(db).close()
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        conn.execute(text("UPDATE meta SET value = '999' WHERE key = 'schema_version'"))
    engine.dispose()
    with pytest.raises(SchemaVersionError, match="newer"):
        Store.open(db)


def test_a_foreign_database_is_refused_not_written(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE customers (id INTEGER)"))
    engine.dispose()
    with pytest.raises(SchemaVersionError, match="customers"):
        Store.open(db)


def _snapshot(store: Store) -> dict[str, list[tuple[object, ...]]]:
    with store.engine.connect() as conn:
        names = [r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))]
        # Table names come from sqlite_master itself, not from input: nothing to inject.
        query = 'SELECT rowid, * FROM "{}"'
        return {n: sorted(map(tuple, conn.execute(text(query.format(n))))) for n in names}


def test_re_analysing_identical_input_changes_no_row(tmp_path: Path, seed_copy: Path) -> None:
    store = Store.open(tmp_path / "l.db")
    first = analyze([str(seed_copy)], store, workers=1)
    before = _snapshot(store)
    second = analyze([str(seed_copy)], store, workers=1)
    assert first.processed == 5 and second.processed == 0 and second.unchanged == 5
    assert _snapshot(store) == before


def test_a_changed_input_replaces_its_old_article(tmp_path: Path, seed_copy: Path) -> None:
    store = Store.open(tmp_path / "l.db")
    analyze([str(seed_copy)], store, workers=1)
    old_ids = set(store.article_ids())
    target = seed_copy / "003_bc9b85600cbacf8f.txt"
    original = target.read_text(encoding="utf-8")
    target.write_text(
        original.replace("Rukban camp.", "Rukban camp, officials said later.", 1), encoding="utf-8"
    )
    report = analyze([str(seed_copy)], store, workers=1)
    new_ids = set(store.article_ids())
    assert report.processed == 1 and len(new_ids) == 5 and len(old_ids - new_ids) == 1
    with store.engine.connect() as conn:
        orphans = conn.execute(
            text("SELECT count(*) FROM claims WHERE article_id NOT IN (SELECT id FROM articles)")
        )
        assert orphans.scalar_one() == 0


def test_the_same_article_from_two_paths_is_one_article(tmp_path: Path, seed_copy: Path) -> None:
    copy = seed_copy / "zz_copy_of_002.txt"
    copy.write_bytes((seed_copy / "002_7d2a1339ad3e146e.txt").read_bytes())
    store = Store.open(tmp_path / "l.db")
    analyze([str(seed_copy)], store, workers=1)
    ledger = load_ledger(store)
    assert len(ledger["articles"]) == 5
    assert store.count("inputs") == 6
    source = next(
        a["source"] for a in ledger["articles"] if "002_" in a["source"] or "zz_copy" in a["source"]
    )
    assert source.endswith("002_7d2a1339ad3e146e.txt")  # the smaller source wins, whatever the order
