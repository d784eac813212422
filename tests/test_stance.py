"""The shipped stance model on real text: FNC-1 pairs, the seed articles, and the ledger mapping."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from newsledger.clean.article_builder import build_article
from newsledger.eval.stance import fnc_score, read_fnc_pairs, stance_metrics
from newsledger.framing.stance import LABELS, StanceModel, ledger_stance
from newsledger.framing.stance.model import DATA
from newsledger.framing.stance.text import words
from newsledger.ingest.reading import read_unit
from newsledger.ingest.units import InputUnit

CLAIM = "US troops should leave Syria"


def _article_text(path: Path) -> str:
    return build_article(read_unit(InputUnit(source=str(path), data=path.read_bytes()))).text


@pytest.fixture(scope="module")
def fnc(seeds_dir: Path) -> Path:
    return seeds_dir.parent / "eval" / "stance" / "fnc1"


@pytest.fixture(scope="module")
def model() -> StanceModel:
    return StanceModel.load()


def test_probabilities_cover_the_four_classes_and_sum_to_one(model: StanceModel) -> None:
    probs = model.predict([("Apple will sell 19 million watches", "The weather in Oslo was mild.")] * 2)
    assert len(probs) == 2 and set(probs[0]) == set(LABELS)
    assert sum(probs[0].values()) == pytest.approx(1.0, abs=1e-4)
    assert probs[0] == probs[1]
    assert model.predict([]) == []


def test_shipped_weights_are_small_and_not_pickled() -> None:
    total = sum(f.stat().st_size for f in DATA.iterdir())
    assert total < 10 * 1024 * 1024
    for npz in DATA.glob("*.npz"):
        with np.load(npz, allow_pickle=False) as data:
            assert all(data[name].dtype != object for name in data.files)


def test_the_country_us_is_not_the_pronoun() -> None:
    assert words("U.S. troops and US bases; let us go") == [
        "usa",
        "troops",
        "and",
        "usa",
        "bases",
        "let",
        "us",
        "go",
    ]


def test_fnc_score_weights_related_classes_more() -> None:
    gold = ["agree", "unrelated", "discuss", "disagree"]
    assert fnc_score(gold, gold) == 100.0
    # related/unrelated right but the wrong related class: 0.25 of 1.0; a missed unrelated pair loses 0.25
    assert fnc_score(gold, ["discuss", "unrelated", "discuss", "disagree"]) == pytest.approx(100 * 2.5 / 3.25)
    assert fnc_score(gold, ["agree", "agree", "discuss", "disagree"]) == pytest.approx(100 * 3.0 / 3.25)
    metrics = stance_metrics(gold, ["agree", "unrelated", "agree", "disagree"])
    assert metrics["f1"]["discuss"] == 0.0 and metrics["confusion"]["discuss"]["agree"] == 1


def test_ledger_names_follow_the_most_likely_class() -> None:
    assert ledger_stance({"agree": 0.6, "disagree": 0.1, "discuss": 0.2, "unrelated": 0.1})[0] == "favour"
    assert ledger_stance({"agree": 0.1, "disagree": 0.5, "discuss": 0.2, "unrelated": 0.2})[0] == "against"
    assert ledger_stance({"agree": 0.1, "disagree": 0.1, "discuss": 0.5, "unrelated": 0.3})[0] == "neutral"
    name, score = ledger_stance({"agree": 0.05, "disagree": 0.05, "discuss": 0.1, "unrelated": 0.8})
    assert name == "unrelated" and score == pytest.approx(0.8)
    name, score = ledger_stance({"agree": 0.3, "disagree": 0.0, "discuss": 0.1, "unrelated": 0.0})
    assert name == "favour" and score == pytest.approx(0.75)


def test_fnc_pairs_of_a_sample_of_bodies_score_well(model: StanceModel, fnc: Path) -> None:
    # A sample of the training data: a regression guard on reading and the forward pass, not a dev score.
    pairs = read_fnc_pairs(fnc / "train_bodies.csv", fnc / "train_stances.csv")[:1500]
    probs = model.predict([(h, b) for h, b, _ in pairs])
    predicted = [max(p, key=lambda k: p[k]) for p in probs]
    metrics = stance_metrics([g for _, _, g in pairs], predicted)
    assert metrics["fnc_score"] > 85.0
    assert metrics["f1"]["unrelated"] > 0.95


def test_evaluation_reads_the_fnc_layout(tmp_path: Path, fnc: Path) -> None:
    from newsledger.eval.stance import evaluate_stance

    with (fnc / "train_stances.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))[:120]
    stances = tmp_path / "stances.csv"
    with stances.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["Headline", "Body ID", "Stance"])
        writer.writeheader()
        writer.writerows(rows)
    result = evaluate_stance(fnc / "train_bodies.csv", stances)
    assert result["pairs"] == 120
    assert 0 <= result["fnc_score"] <= 100 and 0 <= result["macro_f1"] <= 1
    assert sum(sum(row.values()) for row in result["confusion"].values()) == 120


@pytest.mark.xfail(
    strict=True,
    reason="known shortfall: FNC-1 has no advocacy pieces; the model reads seed 000 (which argues in its own "
    "voice but opens on reported claims) as 'discuss'. Passes, and so must be un-marked, once the model improves.",
)
def test_seed_advocacy_piece_favours_troops_leaving(model: StanceModel, seed_files: list[Path]) -> None:
    probs = model.predict([(CLAIM, _article_text(seed_files[0]))])[0]
    assert ledger_stance(probs)[0] == "favour", probs


def test_seed_news_report_is_neutral(model: StanceModel, seed_files: list[Path]) -> None:
    probs = model.predict([(CLAIM, _article_text(seed_files[1]))])[0]
    assert ledger_stance(probs)[0] == "neutral", probs


def test_an_unrelated_claim_is_unrelated_to_every_seed(model: StanceModel, seed_files: list[Path]) -> None:
    texts = [_article_text(p) for p in seed_files]
    probs = model.predict([("Apple will sell 19 million smart watches this year", t) for t in texts])
    assert [ledger_stance(p)[0] for p in probs] == ["unrelated"] * len(texts)
