"""Propaganda techniques: the shipped span tagger and technique classifier on real and written text."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from conftest import SHARED
from newsledger.eval.propaganda import (
    evaluate_propaganda,
    merge_spans,
    read_technique_labels,
    span_scores,
    technique_scores,
)
from newsledger.framing.propaganda import (
    TECHNIQUES,
    TechniqueSpan,
    classify_spans,
    find_techniques,
    find_techniques_batch,
    readable,
)
from newsledger.framing.propaganda.encoder import encode_sentences, load_encoder
from newsledger.framing.propaganda.span_tagger import decode_runs, load_tagger
from newsledger.framing.propaganda.technique_classifier import load_classifier
from newsledger.framing.propaganda.text import sentence_spans
from newsledger.framing.propaganda.word_sequence import GruWeights

REPO = Path(__file__).resolve().parents[1]
SEMEVAL = SHARED / "eval" / "propaganda" / "semeval2020"
DATA = REPO / "src" / "newsledger" / "framing" / "propaganda" / "data"

# Written for these tests: an op-ed paragraph heavy with insults, loaded words and flag-waving.
RANT = (
    "Senate Traitors Sell Out America\n\n"
    "The corrupt, treasonous globalist elites in Washington are once again stabbing the American people "
    "in the back. These spineless cowards and their lapdog media would rather grovel to foreign "
    "dictators than defend our great nation. Every true patriot who loves this country must stand up now, "
    "before these radical lunatics destroy everything our brave soldiers fought and died for!"
)


# Written for these tests: a news item with neutral sentences, one insult and one appeal to patriotism.
REPORT = (
    "Budget talks resume\n\n"
    "The finance committee met on Tuesday to discuss the spending plan for next year. Opposition leader "
    "Mark Hale called the proposal a disgraceful scam cooked up by a gang of corrupt crooks. The committee "
    "will vote on the plan next month.\n\n"
    "Hale said the government was destroying the country, and that every patriotic American should be "
    "outraged."
)


def _overlapping(text: str, spans: list[TechniqueSpan], phrase: str) -> list[TechniqueSpan]:
    start = text.index(phrase)
    end = start + len(phrase)
    return [s for s in spans if s.start < end and s.end > start]


def test_shipped_models_load_and_stay_small() -> None:
    classifier = load_classifier()
    assert classifier.labels == TECHNIQUES
    assert len(TECHNIQUES) == 14
    tagger = load_tagger()
    assert tagger.w1.shape[1] == tagger.w2.shape[0]
    assert tagger.lexicon and tagger.lexicon_weight > 0
    assert tagger.sequence is not None and 0 < tagger.sequence_weight < 1
    assert sum(f.stat().st_size for f in DATA.iterdir() if f.is_file()) < 10_000_000
    assert readable("Name_Calling,Labeling") == "name calling or labelling"


def test_report_gets_the_insult_and_the_flag_waving_but_not_the_facts() -> None:
    spans = find_techniques(REPORT)
    for span in spans:
        assert 0 <= span.start < span.end <= len(REPORT)
        assert span.technique in TECHNIQUES
        assert 0.0 < span.score <= 1.0
    insult = _overlapping(REPORT, spans, "corrupt crooks")
    assert [s.technique for s in insult] in (["Name_Calling,Labeling"], ["Loaded_Language"])
    assert [s.technique for s in _overlapping(REPORT, spans, "every patriotic American")] == ["Flag-Waving"]
    assert not _overlapping(REPORT, spans, "met on Tuesday to discuss the spending plan")
    assert not _overlapping(REPORT, spans, "will vote on the plan next month")
    assert find_techniques(RANT), "an op-ed made of insults yields spans"


def test_batch_finds_the_same_spans_as_one_at_a_time() -> None:
    texts = [REPORT, "  ", RANT, REPORT]
    batched = find_techniques_batch(texts)
    assert len(batched) == 4 and batched[1] == []
    for text, found in zip(texts, batched, strict=True):
        single = find_techniques(text)
        assert [(s.start, s.end, s.technique) for s in found] == [
            (s.start, s.end, s.technique) for s in single
        ]
        assert [s.score for s in found] == pytest.approx([s.score for s in single], abs=2e-3)
    assert batched[2], "the rant yields spans in a batch too"
    assert find_techniques_batch([]) == []


def test_numpy_gru_follows_torch() -> None:
    torch = pytest.importorskip("torch")
    torch.manual_seed(0)
    gru = torch.nn.GRU(6, 4, batch_first=True)
    inputs = torch.randn(1, 5, 6)
    with torch.no_grad():
        expected = gru(inputs)[0][0].numpy()
    weights = GruWeights(
        w_ih=gru.weight_ih_l0.detach().numpy(),
        w_hh=gru.weight_hh_l0.detach().numpy(),
        b_ih=gru.bias_ih_l0.detach().numpy(),
        b_hh=gru.bias_hh_l0.detach().numpy(),
    )
    assert np.allclose(weights.run(inputs[0].numpy()), expected, atol=1e-5)


def test_encoder_loads_quietly_and_leaves_torch_threads_alone(capfd: pytest.CaptureFixture[str]) -> None:
    import torch

    load_encoder.cache_clear()
    load_encoder()
    assert "Loading weights" not in capfd.readouterr().err
    before = torch.get_num_threads()
    first, repeated = encode_sentences(["The troops left.", "The troops left."])
    assert torch.get_num_threads() == before
    assert np.array_equal(first.pieces, repeated.pieces) and len(first.offsets) == 4


def test_classify_spans_names_the_obvious_technique() -> None:
    def span(phrase: str) -> tuple[int, int]:
        start = RANT.index(phrase)
        return start, start + len(phrase)

    cowards, patriot, lunatics = (
        span("spineless cowards"),
        span("Every true patriot who loves this country must stand up now"),
        span("radical lunatics"),
    )
    labels = classify_spans(RANT, [cowards, patriot, lunatics, lunatics])
    assert labels[0][0] in {"Name_Calling,Labeling", "Loaded_Language"}
    assert labels[1][0] == "Flag-Waving"
    # the same span listed twice gets two different techniques, the first more likely than the second
    assert labels[2][0] != labels[3][0]
    assert labels[2][1] >= labels[3][1]
    with pytest.raises(ValueError):
        classify_spans(RANT, [(5, 5000)])


def test_plain_report_gets_few_spans() -> None:
    text = (
        "The committee met on Tuesday.\n\n"
        "It reviewed the budget for the coming year and approved the minutes of the last meeting."
    )
    assert len(find_techniques(text)) <= 1
    assert find_techniques("   ") == []


def test_sentence_spans_cut_paragraphs_at_sentence_ends() -> None:
    text = 'A title\n\nHe said "No." Then the troops left! Why? 3 more.'
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "A title",
        'He said "No."',
        "Then the troops left!",
        "Why?",
        "3 more.",
    ]


def test_decoder_smooths_single_gaps_and_drops_weak_words() -> None:
    scores = np.array([-3.0, 2.0, -0.5, 2.0, -3.0, 0.4, -3.0], dtype=np.float32)
    assert decode_runs(scores, 1.0) == [(1, 3)]
    assert decode_runs(scores, 0.0) == [(1, 1), (3, 3), (5, 5)]


def test_span_metric_gives_partial_credit() -> None:
    gold = {"a": [(0, 10), (5, 15), (30, 40)]}  # the first two merge into (0, 15)
    assert merge_spans(gold["a"]) == [(0, 15), (30, 40)]
    scores = span_scores({"a": [(0, 5), (30, 50)]}, gold)
    assert scores["precision"] == pytest.approx((1.0 + 0.5) / 2)
    assert scores["recall"] == pytest.approx((5 / 15 + 1.0) / 2)
    assert span_scores({"b": [(0, 3)]}, gold)["precision"] == 0.0
    tc = technique_scores(["Doubt", "Doubt", "Slogans"], ["Doubt", "Slogans", "Slogans"])
    assert tc["micro_f1"] == pytest.approx(2 / 3)
    assert tc["per_technique_f1"]["Doubt"] == pytest.approx(0.6667, abs=1e-3)


@pytest.fixture(scope="module")
def few_articles(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    labels_path = SEMEVAL / "train-task2-TC.labels"
    if not labels_path.exists():
        pytest.fail(f"the SemEval-2020 Task 11 data is expected in {SEMEVAL}")
    gold = read_technique_labels(labels_path)
    chosen = sorted(gold)[:3]
    folder = tmp_path_factory.mktemp("semeval")
    articles = folder / "articles"
    articles.mkdir()
    for article in chosen:
        shutil.copy(SEMEVAL / "train-articles" / f"article{article}.txt", articles)
    labels = folder / "labels.tsv"
    labels.write_text(
        "".join(f"{a}\t{t}\t{s}\t{e}\n" for a in chosen for s, e, t in gold[a]), encoding="utf-8"
    )
    return articles, labels


def test_evaluation_on_training_articles(few_articles: tuple[Path, Path]) -> None:
    articles, labels = few_articles
    metrics = evaluate_propaganda(articles, labels)
    assert metrics["articles"] == 3
    for key in ("tc_micro_f1", "si_f1", "si_precision", "si_recall", "articles_per_s"):
        assert key in metrics
    assert metrics["predicted_spans"] > 0
    # seen in training, so the scores are high; the held-out figures come from cross-validation
    assert metrics["tc_micro_f1"] > 0.5
    assert metrics["si_f1"] > 0.3
    assert any(key.startswith("tc_f1_") for key in metrics)


def test_eval_command_prints_the_keys(few_articles: tuple[Path, Path]) -> None:
    from newsledger.cli import main

    articles, labels = few_articles
    result = CliRunner().invoke(
        main, ["eval", "propaganda", "--articles", str(articles), "--labels", str(labels), "--json"]
    )
    assert result.exit_code == 0, result.output
    assert '"tc_micro_f1"' in result.output.splitlines()[-1]
    assert "si_f1" in result.output
