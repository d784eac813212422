"""The quantity extractor on real text: the seed articles, NewsQuant through the evaluation function, and
short sentences that pin down one rule each (bounds, hedges, ranges, things that are not quantities)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import SHARED
from newsledger.cli import main
from newsledger.eval.quantities import (
    concepts_match,
    evaluate_quantities,
    gold_value,
    units_match,
    values_match,
)
from newsledger.extraction import extract_records
from newsledger.language.quantities import QuantityMention, extract_quantities, quantities_in_text
from newsledger.language.quantities.numbers import (
    parse_digits,
    parse_multiplier,
    parse_vague,
    parse_words,
    split_words,
)

QUANTITIES = SHARED / "eval" / "quantities"


@pytest.fixture(scope="module")
def seed_quantities(seed_files: list[Path], nlp: Any) -> dict[str, tuple[str, list[QuantityMention]]]:
    """Clean text and quantities of every seed, keyed by its number ("000" ...)."""
    out = {}
    for path in seed_files:
        records = [r for r in extract_records([str(path)], workers=1) if "text" in r]
        assert records, f"no article from {path.name}"
        text = records[0]["text"]
        out[path.name[:3]] = (text, extract_quantities(nlp(text), article_id=records[0]["id"], text=text))
    return out


def _find(mentions: list[QuantityMention], value: float) -> QuantityMention:
    hits = [m for m in mentions if m.value == value]
    assert hits, f"no quantity {value} in {[m.text for m in mentions]}"
    return hits[0]


def _one(nlp: Any, sentence: str) -> QuantityMention:
    found = quantities_in_text(nlp, sentence)
    assert len(found) == 1, [m.text for m in found]
    return found[0]


# --- the seeds -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seed", "value", "words"),
    [
        ("000", 4000, {"soldiers"}),
        ("000", 500, {"soldiers"}),
        ("002", 900, {"troops"}),
        ("004", 2000, {"soldiers"}),
        ("004", 400, {"personnel"}),
    ],
)
def test_seed_troop_counts_name_what_they_count(
    seed_quantities: dict[str, tuple[str, list[QuantityMention]]], seed: str, value: int, words: set[str]
) -> None:
    text, mentions = seed_quantities[seed]
    q = _find(mentions, value)
    assert q.counted is not None and words & set(q.counted.split()), q.counted
    assert "Syria" in q.counted
    assert text[q.start : q.end] == q.text
    assert q.sentence_start <= q.start < q.end <= q.sentence_end


def test_seed_troop_counts_are_us_troops_in_syria(
    seed_quantities: dict[str, tuple[str, list[QuantityMention]]],
) -> None:
    # "the USA now has 4000 soldiers", "though officially it claims only 500", "the US has around 900 troops"
    assert _find(seed_quantities["000"][1], 4000).counted == "US soldiers | Syria"
    assert _find(seed_quantities["000"][1], 500).counted == "US soldiers | Syria"
    assert _find(seed_quantities["002"][1], 900).counted == "US troops | Syria"
    assert _find(seed_quantities["004"][1], 2000).counted == "US soldiers | Syria"  # "American soldiers"


def test_seed_hedges_and_bounds(seed_quantities: dict[str, tuple[str, list[QuantityMention]]]) -> None:
    around = _find(seed_quantities["002"][1], 900)
    assert around.approximate and around.direction == "~"
    assert _find(seed_quantities["000"][1], 4000).approximate is False
    thought = _find(seed_quantities["004"][1], 2000)  # "thought to be around 2000"
    assert thought.approximate and thought.text.startswith("thought to be around")
    dead = _find(seed_quantities["004"][1], 500_000)  # "believed to be over half a million"
    assert dead.direction == ">" and dead.low == 500_000 and dead.approximate
    assert dead.counted is not None and "died" in dead.counted
    some = _find(seed_quantities["000"][1], 20_000)
    assert some.approximate and some.text.startswith("some 20,000") and "rebels" in (some.counted or "")


def test_seed_measures(seed_quantities: dict[str, tuple[str, list[QuantityMention]]]) -> None:
    area = _find(seed_quantities["001"][1], 50_442)
    assert area.unit == "km²" and area.normalized_unit == "square kilometre" and area.approximate
    assert area.counted == "Syrian lands"
    share = _find(seed_quantities["001"][1], 96)
    assert share.unit == "%" and share.approximate and "territory" in (share.counted or "")
    oil = _find(seed_quantities["002"][1], 83)
    assert oil.unit == "%" and " ".join(oil.text.split()) == "around 83 per cent"  # a no-break space
    assert oil.counted == "Syria's daily oil production"
    bases = _find(seed_quantities["000"][1], 10)
    assert bases.text == "ten military bases" and bases.counted == "US military bases"


def test_seed_numbers_that_count_nothing_stay_out(
    seed_quantities: dict[str, tuple[str, list[QuantityMention]]],
) -> None:
    everything = [m for _text, mentions in seed_quantities.values() for m in mentions]
    values = {m.value for m in everything}
    # years ("in 2015", "since 2011"), "Resolution 2254", "Sept 30, 2015", "December 19", and the
    # promo's "1,500 troops" that cleaning removed from 002
    assert not values & {2011, 2015, 2019, 2254, 30, 19, 1500}
    assert all(m.sentence_start <= m.start and m.end <= m.sentence_end for m in everything)


# --- NewsQuant and the CQE sets, through the evaluation function ----------------------------------------


def _data(name: str) -> Path:
    path = QUANTITIES / name
    if not path.exists():
        pytest.fail(f"evaluation data expected in {path} (set NEWSLEDGER_SHARED)")
    return path


def test_newsquant_dev_scores(nlp: Any) -> None:
    m = evaluate_quantities(_data("newsquant_dev.json"), nlp=nlp)
    assert m["sentences"] == 295 and m["gold_quantities"] == 461
    assert m["value_f1"] >= 0.95
    assert m["value_unit_f1"] >= 0.85
    assert m["concept_f1"] >= 0.5
    assert m["cv5_value_f1"] >= 0.95 and m["cv5_value_unit_f1"] >= 0.84
    assert m["value_precision"] >= 0.95  # few numbers that are not quantities


@pytest.mark.parametrize(
    ("name", "value_f1", "value_unit_f1"),
    [
        ("temperature-model.json", 0.93, 0.9),
        ("dimension-model.json", 0.87, 0.68),
        ("age-model.json", 0.9, 0.75),
    ],
)
def test_cqe_small_sets(nlp: Any, name: str, value_f1: float, value_unit_f1: float) -> None:
    m = evaluate_quantities(_data("cqe_small_sets") / name, nlp=nlp, folds=0)
    assert m["value_f1"] >= value_f1
    assert m["value_unit_f1"] >= value_unit_f1
    assert "concept_f1" not in m  # these sets have no concepts


def test_eval_quantities_command_prints_json_on_the_last_line(tmp_path: Path) -> None:
    data = tmp_path / "mini.json"
    items = [
        {
            "text": "The rebels said more than 120 people died, three times the official figure of 41.",
            "quantities": [
                {
                    "change": ">",
                    "value": "120",
                    "unit": "people",
                    "normalized_unit": "people",
                    "referred_concepts": "-",
                },
                {
                    "change": "=",
                    "value": "41",
                    "unit": "-",
                    "normalized_unit": "-",
                    "referred_concepts": "official figure",
                },
            ],
        },
        {"text": "It happened on December 19, 2018 at 1:33 pm.", "quantities": []},
    ]
    data.write_text(json.dumps(items), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["eval", "quantities", "--data", str(data), "--json"], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.output.strip().splitlines()[-1])
    assert {"value_f1", "value_unit_f1", "concept_f1", "value_precision", "value_recall"} <= set(metrics)
    assert metrics["value_recall"] == 1.0


# --- the matching rules of the evaluation ---------------------------------------------------------------


def test_gold_values_parse_points_ranges_and_signs() -> None:
    assert gold_value("1") == 1.0 and gold_value("800000000.0") == 8e8
    assert gold_value("252.0-287.0") == (252.0, 287.0)
    assert gold_value("3.0 - 4.0") == (3.0, 4.0)
    assert gold_value("36040.0-34935.0") == (34935.0, 36040.0)
    assert gold_value("-5.0") == -5.0 and gold_value("1.99E-29") == pytest.approx(1.99e-29)
    assert values_match(1.0, 1.0, "1") and values_match(2 / 3, 0.6666666666666666)
    assert values_match(0.33, 1 / 3, "0.33")
    assert values_match((252.0, 287.0), (287.0, 252.0)) and not values_match((1.0, 2.0), 1.0)


def test_units_and_concepts_match_loosely_but_not_blindly() -> None:
    assert units_match("syrian rebel", "Syrian rebels") and units_match("barrel of oil", "barrels of oil")
    assert units_match("-", None) and not units_match("dollar", "euro")
    assert concepts_match("Ford (F)", "Ford workers | United Kingdom", "workers", "worker")
    assert concepts_match("-", "soldiers", "soldiers", "soldier")  # only the counted noun: nothing else
    assert not concepts_match("-", "US soldiers", "soldiers", "soldier")


# --- numbers ----------------------------------------------------------------------------------------------


def test_number_words_and_digits() -> None:
    assert parse_words(split_words("four")) == 4
    assert parse_words(split_words("twenty-five")) == 25
    assert parse_words(split_words("three hundred and five")) == 305
    assert parse_words(split_words("half a million")) == 500_000
    assert parse_words(split_words("one and a half million")) == 1_500_000
    assert parse_words(split_words("two-thirds")) == pytest.approx(2 / 3)
    assert parse_words(split_words("a dozen")) == 12
    assert parse_words(split_words("a")) is None and parse_words(split_words("one two")) is None
    assert parse_words(split_words("hundred")) is None  # "several hundred" has no value
    assert parse_digits("20,000") == 20_000 and parse_digits(".001") == 0.001 and parse_digits("2 1/2") == 2.5
    assert parse_vague("tens of thousands") == (10_000, 100_000) and parse_vague("dozens") == (12, 120)
    assert (
        parse_multiplier("double") == 2
        and parse_multiplier("twice") == 2
        and parse_multiplier("four") is None
    )


@pytest.mark.parametrize(
    ("sentence", "text", "value", "low", "high", "approximate", "direction"),
    [
        (
            "Officials said some 20,000 fighters laid down their arms.",
            "some 20,000 fighters",
            20_000,
            None,
            None,
            True,
            "~",
        ),
        (
            "The war has killed over half a million people.",
            "over half a million people",
            500_000,
            500_000,
            None,
            False,
            ">",
        ),
        ("A little over 4,000 homes were flooded.", "A little over 4,000 homes", 4000, 4000, None, True, ">"),
        ("The city has 1.5 million residents.", "1.5 million residents", 1_500_000, None, None, False, "="),
        ("About 83 per cent of voters agreed.", "About 83 per cent", 83, None, None, True, "~"),
        ("More than 120 people died in the flood.", "More than 120 people", 120, 120, None, False, ">"),
        ("Up to $8 million was paid out.", "Up to $8 million", 8_000_000, None, 8_000_000, False, "<"),
        ("They sent four ships to the gulf.", "four ships", 4, None, None, False, "="),
        ("Between 10 and 20 soldiers were wounded.", "Between 10 and 20 soldiers", None, 10, 20, False, "="),
        ("Dozens of people were killed in the blast.", "Dozens of people", None, 12, 120, False, "="),
        (
            "Temperatures fell to minus 5 degrees Celsius.",
            "minus 5 degrees Celsius",
            -5,
            None,
            None,
            False,
            "=",
        ),
        ("One in three adults is overweight.", "One in three", 1 / 3, None, None, False, "="),
        (
            "An estimated 190,000 troops are massed at the border.",
            "An estimated 190,000 troops",
            190_000,
            None,
            None,
            True,
            "~",
        ),
    ],
)
def test_values_bounds_and_hedges(
    nlp: Any,
    sentence: str,
    text: str,
    value: float | None,
    low: float | None,
    high: float | None,
    approximate: bool,
    direction: str,
) -> None:
    q = _one(nlp, sentence)
    assert q.text == text and sentence[q.start : q.end] == text
    assert (q.value is None) == (value is None) and (value is None or q.value == pytest.approx(value))
    assert (q.low, q.high) == (low, high)
    assert (q.approximate, q.direction) == (approximate, direction)


@pytest.mark.parametrize(
    ("sentence", "unit", "normalized"),
    [
        ("The plane flew 850 km/h at cruise.", "km/h", "kilometre per hour"),
        ("Brent crude rose to $87.20 a barrel.", "USD/barrel", "dollar per barrel"),
        ("He paid £2.7m for the house.", "GBP", "pound sterling"),
        ("The firm fined him €40,000.", "EUR", "euro"),
        ("The reactor produces 640 MW.", "MW", "megawatt"),
        ("Shares fell 2.3% on Monday.", "%", "percentage"),
        ("The rocket weighs 278kg.", "kg", "kilogram"),
        ("The 58-year-old minister resigned.", "years old", "year of age"),
        ("The agency hired 300 new inspectors.", "new inspectors", "new inspector"),
    ],
)
def test_units(nlp: Any, sentence: str, unit: str, normalized: str) -> None:
    q = _one(nlp, sentence)
    assert (q.unit, q.normalized_unit) == (unit, normalized)


@pytest.mark.parametrize(
    "sentence",
    [
        "The resolution passed in 2015 and was renewed on December 19.",
        "The meeting started at 1:33 pm and ended at 5 p.m.",
        "UN Security Council Resolution 2254 calls for a political solution.",
        "A B-52 flew over the Al-Aqsa compound on Tuesday.",
        "Call 555-123-4567 for details.",
        "He scored in the 96th minute as they won 3-1.",
        "Version 2.3.1 of the app is out; see www.example.com/page/42.",
        "Senard, 65, now faces the task of soothing relations.",
        "They played in the Big 12 and the Fortune 500 list.",
        "Each one of them knew the same one was lying.",
        "Between 2014 and 2017 the town shrank.",
        "It will be ready by 2030, the ministry said in its 2022 report.",
    ],
)
def test_numbers_that_are_not_quantities(nlp: Any, sentence: str) -> None:
    assert quantities_in_text(nlp, sentence) == []


def test_a_bare_number_takes_its_neighbours_subject(nlp: Any) -> None:
    found = quantities_in_text(nlp, "The US has about 2,500 troops in Iraq and 900 in Syria.")
    assert [(m.value, m.counted) for m in found] == [(2500, "US troops | Iraq"), (900, "US troops | Syria")]
    rival = quantities_in_text(nlp, "Rebels claimed 40 soldiers died, but the army said only 12.")
    assert [m.unit for m in rival] == ["soldiers", "soldiers"]


def test_changes_are_told_from_levels(nlp: Any) -> None:
    found = quantities_in_text(nlp, "Apple's shares fell 4% to $172.50 in early trading.")
    assert [(m.value, m.change) for m in found] == [(4, "down"), (172.5, None)]
    assert found[0].counted == "Apple's shares"


def test_offsets_point_into_the_text(nlp: Any) -> None:
    text = "First line.\n\nThe storm left 250,000 homes without power. It dumped up to 30 cm of snow."
    found = extract_quantities(nlp(text), article_id="a1", text=text)
    assert [m.text for m in found] == ["250,000 homes", "up to 30 cm"]
    for m in found:
        assert text[m.start : m.end] == m.text
        assert text[m.sentence_start : m.sentence_end].startswith(("The storm", "It dumped"))
    with pytest.raises(ValueError, match="not the text"):
        extract_quantities(nlp(text), article_id="a1", text=text + " more")


def test_extraction_costs_little_beside_the_parse(seed_files: list[Path], nlp: Any) -> None:
    texts = [r["text"] for p in seed_files for r in extract_records([str(p)], workers=1) if "text" in r] * 4
    best_parse = best_extract = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        docs = list(nlp.pipe(texts))
        t1 = time.perf_counter()
        for doc, text in zip(docs, texts, strict=True):
            extract_quantities(doc, article_id="", text=text)
        t2 = time.perf_counter()
        best_parse, best_extract = min(best_parse, t1 - t0), min(best_extract, t2 - t1)
    assert best_extract < 0.2 * best_parse, (best_extract, best_parse)


@pytest.mark.parametrize(
    ("sentence", "value", "syria"),
    [
        ("The United States has roughly 2,000 troops in Syria, the Pentagon said on Tuesday.", 2000, True),
        (
            "Some 900 U.S. service members remain in northeastern Syria, according to defense officials.",
            900,
            True,
        ),
        (
            "There are approximately 1,500 U.S. special operations forces in Syria, a spokesman said.",
            1500,
            True,
        ),
        (
            "U.S. troop levels in Syria have fallen to fewer than 1,000, a defense official told reporters.",
            1000,
            True,
        ),
        ("Nearly 1,000 US soldiers are stationed at bases in the east, officials said.", 1000, False),
        ("The president announced that the 400 troops left behind would stay indefinitely.", 400, False),
        ("The military presence there stands at two thousand personnel, the report said.", 2000, False),
    ],
)
def test_troop_counts_as_reports_phrase_them(nlp: Any, sentence: str, value: int, syria: bool) -> None:
    """Hand-written variants of how coverage states a deployment's size: each count is found."""
    found = [m for m in quantities_in_text(nlp, sentence) if m.value == value]
    assert found, [(m.value, m.counted) for m in quantities_in_text(nlp, sentence)]
    if syria:
        assert found[0].counted is not None and "Syria" in found[0].counted
