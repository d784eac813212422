"""The shipped check-worthiness model and its evaluation on CheckThat! debate files from ``../shared``."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from conftest import SHARED
from newsledger.claims.checkworthy import CheckworthyModel, sparse_features, tokens
from newsledger.eval.checkworthy import (
    average_precision,
    contexts_of,
    evaluate_checkworthy,
    read_debate,
)

CHECKWORTHY = SHARED / "eval" / "checkworthy"
TEST_2019 = CHECKWORTHY / "checkthat2019" / "test_annotated"


@pytest.fixture(scope="module")
def model() -> CheckworthyModel:
    return CheckworthyModel.load()


def test_load_is_cached(model: CheckworthyModel) -> None:
    assert CheckworthyModel.load() is model


def test_scores_are_probabilities_one_per_sentence(model: CheckworthyModel) -> None:
    sentences = ["Thank you very much.", "Unemployment rose to 9 percent last year.", ""]
    scores = model.score(sentences)
    assert len(scores) == 3
    assert all(0.0 <= s <= 1.0 for s in scores)


def test_factual_news_sentences_outrank_chit_chat(model: CheckworthyModel) -> None:
    worthy = [
        "The United States has about 2,000 troops in Syria, four times the number it announced in 2016.",
        "Taxes on the middle class went up by 12 percent under the last administration.",
        "The ministry said 340 civilians were killed in air strikes in the province last month.",
    ]
    chatter = [
        "Thank you all for being here tonight.",
        "Well, let me just say that I appreciate the question.",
        "Good evening and welcome to the show.",
    ]
    scores = model.score(worthy + chatter)
    assert min(scores[:3]) > max(scores[3:])


def test_contexts_must_match_sentences(model: CheckworthyModel) -> None:
    with pytest.raises(ValueError):
        model.score(["One.", "Two."], [("", "")])


def test_context_changes_the_score(model: CheckworthyModel) -> None:
    sentence = ["That is simply not true."]
    alone = model.score(sentence)
    framed = model.score(sentence, [("He cut the budget for veterans by 20 percent.", "")])
    assert alone != framed


def test_numbers_are_folded_into_classes() -> None:
    assert tokens("In 2016 it cost $5 million, 40% more.") == [
        "in",
        "<year>",
        "it",
        "cost",
        "<money>",
        "million",
        "<numword>",
        "<pct>",
        "more",
    ]
    assert sparse_features("") == {}


def test_average_precision_by_definition() -> None:
    # ranking: a(1) b(0) c(1) -> precisions 1/1 and 2/3
    assert average_precision([1, 0, 1], [0.9, 0.5, 0.1]) == pytest.approx((1 + 2 / 3) / 2)
    assert average_precision([0, 0], [0.3, 0.2]) is None


def test_debate_reader_tolerates_missing_newline_and_inner_tabs(tmp_path: Path) -> None:
    f = tmp_path / "d.tsv"
    f.write_text("1\tHOLT\tGood evening.\t0\n2\tTRUMP\tWe lost\t70,000 factories.\t1", encoding="utf-8")
    lines = read_debate(f)
    assert [d.label for d in lines] == [0, 1]
    assert lines[1].text == "We lost\t70,000 factories."
    assert contexts_of([d.text for d in lines])[0] == ("", "We lost\t70,000 factories.")


def test_evaluation_reads_one_debate_file() -> None:
    """The shipped model saw this debate in training, so this checks the reader and the metric wiring
    (and that inference matches the training features), not generalisation."""
    path = TEST_2019 / "20180131_state_union.tsv"
    debate = read_debate(path)
    chance = sum(d.label for d in debate) / len(debate)
    result = evaluate_checkworthy(path)
    assert result["debates"] == 1
    assert result["sentences"] == len(debate)
    assert result["map"] > 10 * chance


def test_ranks_unseen_claimbuster_sentences(model: CheckworthyModel) -> None:
    """ClaimBuster's hand-checked sentences from debates before 2012 were never used in training."""
    with (CHECKWORTHY / "claimbuster" / "groundtruth.csv").open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["File_id"][:4] < "2012"]
    scores = model.score([r["Text"] for r in rows])
    verdicts = [int(r["Verdict"]) for r in rows]
    labels = [1 if v == 1 else 0 for v in verdicts]
    ap = average_precision(labels, scores)
    assert ap is not None and ap >= 0.7  # 0.82 when written; chance is 0.22
    mean = {
        v: sum(s for s, w in zip(scores, verdicts, strict=True) if w == v) / verdicts.count(v)
        for v in (-1, 0, 1)
    }
    assert mean[1] > mean[0] > mean[-1]  # check-worthy > unimportant factual > non-factual
