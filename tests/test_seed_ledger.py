"""The seeds end to end: who claims what through whom, one story, the troop counts compared.

These are the acceptance checks of the claims, stories and framing stages on the five seed articles.
They look for the facts a reader must find in the ledger, not for exact strings of the model output.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import framing_stage
from newsledger.analysis import analyze
from newsledger.framing.target_stance import stances_toward
from newsledger.report.ledger import load_ledger
from newsledger.store import Store


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    path = tmp_path_factory.mktemp("seed-ledger") / "l.db"
    store = Store.open(path)
    try:
        with framing_stage(on=True):
            analyze([str(seeds_dir)], store, workers=1)
    finally:
        store.close()
    return path


@pytest.fixture(scope="module")
def ledger(seed_db: Path) -> dict[str, Any]:
    store = Store.open(seed_db)
    try:
        return load_ledger(store)
    finally:
        store.close()


def _article(ledger: dict[str, Any], key: str) -> dict[str, Any]:
    return next(a for a in ledger["articles"] if Path(a["source"]).name.startswith(key))


def _claims(ledger: dict[str, Any], key: str) -> list[dict[str, Any]]:
    aid = _article(ledger, key)["id"]
    return [c for c in ledger["claims"] if c["article_id"] == aid]


def _who(claim: dict[str, Any]) -> str:
    at = claim["attribution"]
    return " / ".join([at["speaker"] or "", *at["chain"]]).lower()


def test_every_claim_points_at_its_words(ledger: dict[str, Any]) -> None:
    texts = {a["id"]: a["text"] for a in ledger["articles"]}
    assert ledger["claims"]
    for c in ledger["claims"]:
        assert texts[c["article_id"]][c["start"] : c["end"]] == c["text"]
        assert 0.0 <= c["checkworthiness"] <= 1.0


def test_001_sana_quoting_an_unnamed_foreign_ministry_source(ledger: dict[str, Any]) -> None:
    hits = [c for c in _claims(ledger, "001") if "sana" in _who(c) and "ministry" in _who(c)]
    assert hits, [(c["text"][:60], c["attribution"]) for c in _claims(ledger, "001")]
    chain = [link.lower() for link in hits[0]["attribution"]["chain"]]
    assert chain.index(next(x for x in chain if "sana" in x)) < chain.index(
        next(x for x in chain if "ministry" in x)
    )
    assert hits[0]["attribution"]["anonymous"]


def test_001_mattis_speaks(ledger: dict[str, Any]) -> None:
    assert any("mattis" in _who(c) for c in _claims(ledger, "001"))


def test_002_pentagon_spokesperson_via_ria_novosti(ledger: dict[str, Any]) -> None:
    hits = [c for c in _claims(ledger, "002") if "pentagon" in _who(c) and "ria" in _who(c)]
    assert hits, [(c["text"][:60], c["attribution"]) for c in _claims(ledger, "002")]
    chain = [link.lower() for link in hits[0]["attribution"]["chain"]]
    assert "ria" in chain[0] and "pentagon" in chain[-1]


def test_003_via_al_mayadeen(ledger: dict[str, Any]) -> None:
    hits = [c for c in _claims(ledger, "003") if "mayadeen" in _who(c)]
    assert hits and hits[0]["attribution"]["chain"][0].lower().find("mayadeen") >= 0


def test_004_the_joint_russian_syrian_statement(ledger: dict[str, Any]) -> None:
    assert any("joint statement" in _who(c) for c in _claims(ledger, "004"))


def test_500_against_4000_is_a_contradiction(ledger: dict[str, Any]) -> None:
    values = {q["id"]: q["value"] for q in ledger["quantities"]}
    pairs = [
        {values.get(k["a"]), values.get(k["b"])} for k in ledger["contradictions"] if k["kind"] == "numeric"
    ]
    assert {500.0, 4000.0} in pairs
    why = next(
        k["why"]
        for k in ledger["contradictions"]
        if {values.get(k["a"]), values.get(k["b"])} == {500.0, 4000.0}
    )
    assert "500" in why and "4,000" in why


def test_the_troop_timeline_names_who_gave_each_figure(ledger: dict[str, Any]) -> None:
    troops = [t for t in ledger["timelines"] if t["subject"].startswith("us troops")]
    assert troops
    values = {p["value"] for t in troops for p in t["points"]}
    assert {500.0, 4000.0, 900.0} <= values
    assert all(p["according_to"] for t in troops for p in t["points"])


def test_citations_follow_the_chains(ledger: dict[str, Any]) -> None:
    cited = {(c["cited"].lower(), (c["via"] or "").lower()) for c in ledger["citations"]}
    assert any("ria" in a for a, _ in cited)
    assert any("pentagon" in a and "ria" in via for a, via in cited)


def test_outlet_profiles_cover_every_outlet(ledger: dict[str, Any]) -> None:
    outlets = {a["outlet"] or "(unknown outlet)" for a in ledger["articles"]}
    profiles = {p["outlet"]: p for p in ledger["outlet_profiles"]}
    assert set(profiles) == outlets
    assert all(p["claims"] > 0 for p in profiles.values())
    assert ledger["framing"] and any(p["technique_density"] > 0 for p in profiles.values())
    texts = {a["id"]: a["text"] for a in ledger["articles"]}
    assert all(texts[f["article_id"]][f["start"] : f["end"]].strip() for f in ledger["framing"])


def test_000_favours_leaving_and_001_reports_neutrally(seed_db: Path, ledger: dict[str, Any]) -> None:
    store = Store.open(seed_db)
    try:
        found = {r["article_id"]: r for r in stances_toward(store, "US troops should leave Syria")}
        unrelated = {r["label"] for r in stances_toward(store, "Apple will release a new watch")}
    finally:
        store.close()
    assert found[_article(ledger, "000")["id"]]["label"] == "favour"
    assert found[_article(ledger, "000")["id"]]["own_voice_evidence"]  # its own calls to action decided
    assert found[_article(ledger, "001")["id"]]["label"] == "neutral"
    assert "favour" not in unrelated and "against" not in unrelated


def test_the_pentagon_denial_contradicts_the_foreign_policy_report(ledger: dict[str, Any]) -> None:
    claims = {c["id"]: c for c in ledger["claims"]}
    denials = [k for k in ledger["contradictions"] if k["kind"] == "denial"]
    assert denials
    sides = [(claims[k["a"]], claims[k["b"]]) for k in denials]
    assert any(
        {"denies", "asserts"} == {x["polarity"], y["polarity"]}
        and any("foreign policy" in _who(c) for c in (x, y))
        and any("pentagon" in _who(c) for c in (x, y))
        for x, y in sides
    ), [k["why"] for k in denials]


def test_one_seed_at_a_time_ends_in_the_ledger_of_one_batch(
    tmp_path: Path, seed_files: list[Path], ledger: dict[str, Any]
) -> None:
    """The corpus stages see the seeds arrive one by one (newest first), so each story's central claims
    move as it grows: the stances, stories and contradictions must still end as one batch leaves them."""
    store = Store.open(tmp_path / "one-by-one.db")
    try:
        with framing_stage(on=True):
            for seed in sorted(seed_files, reverse=True):
                analyze([str(seed)], store, workers=1)
        stepwise = load_ledger(store)
    finally:
        store.close()
    assert ledger["stances"]
    for part in ("stories", "stances", "contradictions"):
        assert stepwise[part] == ledger[part], part
