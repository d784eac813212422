"""Comparison across sources: counted subjects, figure intervals, periods, denials, claim terms."""

from __future__ import annotations

import json
from types import SimpleNamespace

from conftest import SHARED
from newsledger.compare.denials import denial_targets
from newsledger.compare.grouping import numbers_agree, origin_key, term_similarity
from newsledger.compare.numeric import Figure, describe, incompatible, periods_overlap
from newsledger.compare.subjects import subject_key
from newsledger.compare.terms import claim_terms
from newsledger.compare.timelines import build_timelines
from newsledger.eval.contradictions import evaluate_contradictions, judge


def test_troop_nouns_share_one_subject_but_nationality_does_not() -> None:
    assert subject_key("US soldiers | Syria") == subject_key("US troops | Syria")
    assert subject_key("US army personnel | Syria") == subject_key("US troops | Syria")
    assert subject_key("Syrian troops | Syria") != subject_key("US troops | Syria")
    assert subject_key("US troops | Iraq") != subject_key("US troops | Syria")
    assert subject_key(None) is None


def _fig(value: float, *, approx: bool = False, direction: str = "=", as_of: str = "2017-12-26") -> Figure:
    return Figure(value=value, low=None, high=None, approximate=approx, direction=direction, as_of=as_of)


def test_figures_contradict_only_beyond_their_approximation_and_within_one_period() -> None:
    assert incompatible(_fig(500), _fig(4000))
    assert not incompatible(_fig(2000, approx=True), _fig(2200))
    assert not incompatible(_fig(400, direction=">"), _fig(2000))  # "more than 400" allows 2,000
    assert incompatible(_fig(400, direction="<"), _fig(2000))  # "up to 400" does not
    assert not incompatible(_fig(500, as_of="2017-12-26"), _fig(4000, as_of="2019-01-10"))
    assert not incompatible(_fig(500, as_of=""), _fig(4000))


def test_periods_by_precision() -> None:
    assert periods_overlap("2019", "2019-06-01")
    assert periods_overlap("2017-12-26", "2017-12-30")  # a day stands for its week
    assert not periods_overlap("2017-12-01", "2017-12-26")
    assert periods_overlap("2017-12", "2017-12-26")
    assert not periods_overlap("2017-13-40", "2017-12-26")  # unreadable dates are never compared


def test_describe_reads_like_a_reporter() -> None:
    assert describe(4000.0, None, None, "=") == "4,000"
    assert describe(2000.0, None, None, "~") == "about 2,000"
    assert describe(None, 300.0, 500.0, None) == "300-500"


def test_claim_terms_ignore_reporting_words_and_normalise_numbers() -> None:
    a = claim_terms("The Pentagon said the US has 2,000 troops in Syria")
    b = claim_terms("The US has 2000 troops in Syria, according to the Pentagon")
    assert "#2000" in a and a == b
    assert not numbers_agree(a, claim_terms("The US has 900 troops in Syria"))
    c = claim_terms("According to officials, the US has 2000 troops in Syria")
    assert term_similarity(a, b) == 1.0
    assert (
        0.5 < term_similarity(a, c) < 1.0
    )  # {#2000, troop, syria} of five terms, the number counting double


def test_origin_counts_the_chain_end_not_the_outlet() -> None:
    assert origin_key(["RIA Novosti", "Pentagon spokesperson"], "Outlet A", "a1") == origin_key(
        ["Pentagon spokesperson"], "Outlet B", "a2"
    )
    assert origin_key([], "Outlet A", "a1") != origin_key([], "Outlet B", "a2")


def _claim(cid: str, text: str, speaker: str | None, chain: list[str], polarity: str = "asserts") -> object:
    return SimpleNamespace(id=cid, text=text, speaker=speaker, chain=json.dumps(chain), polarity=polarity)


def test_a_denial_targets_the_claims_of_what_it_denies() -> None:
    claims = [
        _claim(
            "c1",
            "The US is considering ending its presence",
            "a report by Foreign Policy",
            ["Foreign Policy"],
        ),
        _claim("c2", "Talks are ongoing", None, []),
        _claim(
            "c3",
            "the report “erroneous”",
            "a Pentagon spokesperson",
            ["RIA Novosti", "a Pentagon spokesperson"],
            "denies",
        ),
    ]
    found = list(denial_targets(claims))
    assert [(d, t) for d, t, _ in found] == [("c3", "c1")]
    assert "Pentagon spokesperson" in found[0][2] and "report" in found[0][2]


def test_timelines_need_two_dated_levels() -> None:
    base = {
        "low": None,
        "high": None,
        "approximate": False,
        "direction": "=",
        "change": None,
        "claim_id": None,
    }
    qs = [
        {
            **base,
            "id": "q1",
            "article_id": "a",
            "value": 500.0,
            "counted": "US soldiers | Syria",
            "as_of": "2017-12-26",
            "according_to": "x",
        },
        {
            **base,
            "id": "q2",
            "article_id": "b",
            "value": 900.0,
            "counted": "US troops | Syria",
            "as_of": "2024-01-25",
            "according_to": "y",
        },
        {
            **base,
            "id": "q3",
            "article_id": "b",
            "value": 7.0,
            "counted": "US bases | Syria",
            "as_of": "2024-01-25",
            "according_to": "y",
        },
        {
            **base,
            "id": "q4",
            "article_id": "b",
            "value": 9.0,
            "counted": "US troops | Syria",
            "as_of": None,
            "according_to": "y",
        },
    ]
    lines = build_timelines(qs, {"a": "s1", "b": "s1"}, {"a": "A", "b": "B"})
    assert len(lines) == 1
    assert [p["value"] for p in lines[0]["points"]] == [500.0, 900.0]
    assert lines[0]["story_id"] == "s1" and lines[0]["points"][1]["outlet"] == "B"


def test_a_bare_noun_is_too_generic_to_compare_figures_by() -> None:
    from newsledger.compare.subjects import is_generic

    assert is_generic(subject_key("people |") or "")
    assert not is_generic(subject_key("US troops | Syria") or "")
    assert not is_generic(subject_key("people | Keldra") or "")


def test_the_textual_contradiction_rule_on_emergent_headlines() -> None:
    """The stage's own rule, on real claim/headline pairs: a negated restatement is flagged, a reworded
    one is grouped, and most flags are denials (the figure ``eval contradictions`` prints)."""
    assert (
        judge(
            "Christian Bale to play Steve Jobs in an upcoming bio flick",
            "Christian Bale will not play Steve Jobs",
        )
        == "contradiction"
    )
    assert (
        judge(
            "Christian Bale to play Steve Jobs in an upcoming bio flick",
            "Christian Bale will play Steve Jobs in a new film",
        )
        == "same"
    )
    assert judge("Christian Bale to play Steve Jobs", "Apple will sell 19 million watches") == "unlinked"
    metrics = evaluate_contradictions(
        SHARED / "eval" / "stance" / "emergent" / "url-versions-2015-06-14-clean.csv"
    )
    assert metrics["contradictions_flagged"] >= 20
    assert metrics["contradiction_precision"] >= 0.6
    assert metrics["group_precision"] >= 0.9
