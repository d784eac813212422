"""The project's article-body labels, the body shingle metric, and the back-off to trafilatura."""

from __future__ import annotations

import json

import numpy as np
import pytest

from conftest import SHARED
from newsledger.clean.block_model import BlockModel, back_off, shipped_block_model
from newsledger.clean.render import render_blocks
from newsledger.eval.body_labels import PageLabels, block_key, load_body_labels
from newsledger.eval.metrics import averaged_prf, shingle_pr
from newsledger.ingest.html_reader import resiliparse_text

TRAFILATURA_SET = SHARED / "eval" / "extraction" / "trafilatura"


def test_a_block_key_ignores_case_spacing_punctuation_and_link_targets() -> None:
    assert block_key("The  mayor said, on Tuesday.") == block_key("the mayor said on tuesday")
    assert block_key("[the mayor](https://example.org/x) said") == block_key("the mayor said")
    assert block_key("the mayor said") != block_key("the mayor did not say")


def test_gold_keeps_one_copy_of_a_repeated_body_block_and_refuses_a_changed_rendering() -> None:
    blocks = ["Menu", "First paragraph of the story.", "A caption", "First paragraph of the story.", "End."]
    labels = PageLabels("page.html", frozenset({block_key(blocks[1]), block_key(blocks[4])}), len(blocks))
    assert labels.gold(blocks) == "First paragraph of the story.\nEnd."
    assert labels.is_body("first paragraph of the story") and not labels.is_body("A caption")
    assert labels.gold(["Menu", "A rewritten first paragraph.", "End."]) is None


def test_shingle_scores_count_repeats_and_give_an_empty_output_nothing() -> None:
    gold = "one two three four five six"
    assert shingle_pr(gold, gold) == (1.0, 1.0)
    precision, recall = shingle_pr("one two three four five six seven eight nine", gold)
    assert precision == pytest.approx(3 / 6) and recall == 1.0
    assert shingle_pr("", gold) == (0.0, 0.0)
    scores = averaged_prf([(1.0, 0.5), (0.5, 1.0)])
    assert scores["precision"] == scores["recall"] == 0.75 and scores["f1"] == 0.75


def test_the_shipped_labels_still_fit_the_rendering_of_every_labelled_page() -> None:
    """Labels name blocks by their words; a renderer change that alters a body block is caught here,
    not discovered as a silent drop in the figures."""
    spec = json.loads((TRAFILATURA_SET / "evaldata.json").read_text(encoding="utf-8"))
    files = {item["file"] for item in spec.values()}
    labels = load_body_labels()
    assert len(labels) >= 290 and set(labels) <= files
    stale = []
    for name, page_labels in labels.items():
        path = next(
            p for p in (TRAFILATURA_SET / "eval" / name, TRAFILATURA_SET / "cache" / name) if p.exists()
        )
        blocks = [b.text for b in render_blocks(path.read_text(encoding="utf-8", errors="replace"))]
        if len(blocks) != page_labels.blocks or page_labels.gold(blocks) is None:
            stale.append(name)
    assert not stale


def test_back_off_adds_trafilaturas_blocks_only_when_the_model_kept_far_less() -> None:
    blocks = ["one two three four five six seven eight nine ten"] * 4 + ["Share this"]
    trafilatura = [1.0, 1.0, 1.0, 1.0, 1.0]
    probs = [0.9, 0.2, 0.2, 0.01, 0.3]
    kept_little = [True, False, False, False, False]
    assert back_off(kept_little, probs, blocks, trafilatura, share=0.5, floor=0.02) == [
        True,
        True,
        True,
        False,  # the model is sure this one is not article text
        True,
    ]
    kept_enough = [True, True, True, False, False]
    assert back_off(kept_enough, probs, blocks, trafilatura, share=0.5, floor=0.02) == kept_enough
    model = shipped_block_model("html")
    assert 0 < model.backoff_share < 1 and 0 < model.backoff_floor < model.threshold
    off = BlockModel(model.weights, model.log_transition, model.threshold, model.floor, {})
    assert off.decide(probs, blocks, trafilatura) == off.decide(probs, blocks, None)


def test_the_shipped_html_model_reports_body_scores_beside_trafilatura() -> None:
    cv = shipped_block_model("html").info["cross_validated"]
    assert isinstance(cv, dict)
    ours = cv["newsledger.labelled_body_shingle"]
    assert ours["pages"] >= 280 and ours["f1"] > cv["trafilatura_default.labelled_body_shingle"]["f1"]
    assert np.isfinite(cv["newsledger.labelled_body_shingle_english_long"]["f1"])


def test_the_second_extractor_finds_the_main_text_and_survives_garbage() -> None:
    page = (
        "<html><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article>"
        "<p>Officials said on Tuesday that the talks would resume next week in Geneva.</p>"
        "<p>The delegations had not met since the spring, when the last round broke down.</p>"
        "</article><footer>Copyright 2024 Example Media</footer></body></html>"
    )
    text = resiliparse_text(page)
    assert "talks would resume" in text and "last round broke down" in text
    assert "Copyright" not in text
    for garbage in ("", "\x00\x01\x02", "<" * 10_000, "<html>" * 3000):
        assert isinstance(resiliparse_text(garbage), str)
