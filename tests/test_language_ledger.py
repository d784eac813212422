"""The language layer end to end on the seeds: troop counts with their subjects, one entity per actor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsledger.analysis import analyze
from newsledger.report.ledger import load_ledger
from newsledger.store import Store


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> dict[str, Any]:
    store = Store.open(tmp_path_factory.mktemp("lang") / "l.db")
    analyze([str(seeds_dir)], store, workers=1)
    return load_ledger(store)


def _by_seed(ledger: dict[str, Any], key: str) -> list[dict[str, Any]]:
    ids = {a["id"] for a in ledger["articles"] if Path(a["source"]).name.startswith(key)}
    return [q for q in ledger["quantities"] if q["article_id"] in ids]


def test_the_troop_counts_are_quantities_with_a_subject(ledger: dict[str, Any]) -> None:
    expected = {"000": {4000, 500}, "002": {900}, "004": {2000, 400}}
    for key, values in expected.items():
        found = {q["value"]: q for q in _by_seed(ledger, key)}
        for value in values:
            q = found[value]
            assert any(w in (q["counted"] or "").lower() for w in ("troops", "soldiers", "personnel")), q
    assert 1500 not in {q["value"] for q in _by_seed(ledger, "002")}  # the promo line is gone
    texts = {a["id"]: a["text"] for a in ledger["articles"]}
    for q in ledger["quantities"]:
        assert texts[q["article_id"]][q["start"] : q["end"]]  # offsets point into the clean text


def test_quantities_know_their_claim_and_date(ledger: dict[str, Any]) -> None:
    nine_hundred = next(q for q in _by_seed(ledger, "002") if q["value"] == 900)
    assert nine_hundred["approximate"] and nine_hundred["as_of"] == "2024-01-25"
    claims = {c["id"]: c for c in ledger["claims"]}
    claim = claims[nine_hundred["claim_id"]]
    assert claim["start"] <= nine_hundred["start"] and nine_hundred["end"] <= claim["end"]
    half_million = next(q for q in _by_seed(ledger, "004") if q["value"] == 500_000)
    assert half_million["direction"] == ">" and half_million["low"] == 500_000


def test_one_entity_per_actor_across_spellings_and_languages(ledger: dict[str, Any]) -> None:
    entities = {e["id"]: e for e in ledger["entities"]}
    texts = {a["id"]: a["text"] for a in ledger["articles"]}
    seen: dict[str, set[str]] = {}
    for m in ledger["mentions"]:
        surface = texts[m["article_id"]][m["start"] : m["end"]]
        seen.setdefault(surface, set()).add(m["entity_id"])
    isis = {i for form in ("ISIS", "ISIL", "IS", "Daesh", "Daech") for i in seen.get(form, set())}
    assert len(isis) == 1 and entities[isis.pop()]["name"] == "Islamic State"
    sdf = {i for form in ("SDF", "FDS") for i in seen.get(form, set())}
    assert len(sdf) == 1
    assert seen["Deir Ezzor"] == seen["Deir ez-Zor"]
