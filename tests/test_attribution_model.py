"""The shipped attribution finder on real text: seed articles, a multi-paragraph quote, PolNeAR dev."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import SHARED
from newsledger.claims.attribution import (
    AttributionSpans,
    find_attributions,
    find_attributions_batch,
    parents,
)
from newsledger.claims.attribution.cue_features import cue_features
from newsledger.claims.attribution.polnear import GoldArticle, GoldAttribution, parse_ann
from newsledger.claims.attribution.quotes import quote_regions
from newsledger.claims.attribution.view import DocView
from newsledger.claims.attribution.word_clusters import cluster_table
from newsledger.eval.attribution import evaluate_attribution, score_predictions

POLNEAR_DEV = SHARED / "eval" / "attribution" / "polnear" / "dev"


def _paragraph(seeds_dir: Path, name: str, needle: str) -> str:
    text = (seeds_dir / name).read_text(encoding="utf-8")
    return next(p for p in text.split("\n") if needle in p)


def _covering(found: list[AttributionSpans], text: str, cue_word: str) -> AttributionSpans:
    for a in found:
        if cue_word.lower() in text[a.cue[0] : a.cue[1]].lower():
            return a
    raise AssertionError(f"no cue with {cue_word!r} in {[text[a.cue[0] : a.cue[1]] for a in found]}")


def test_agency_quoting_an_unnamed_source(nlp: Any, seeds_dir: Path) -> None:
    text = _paragraph(seeds_dir, "001_998be1bf658dc753.txt", "as saying")
    found = find_attributions(nlp(text))
    outer = _covering(found, text, "quoted")
    assert outer.source is not None
    assert "agency" in text[outer.source[0] : outer.source[1]]
    assert "act of aggression" in text[outer.content[0] : outer.content[1]]
    inner = _covering(found, text, "saying")
    assert inner.source is not None
    assert "unnamed source" in text[inner.source[0] : inner.source[1]]
    assert "act of aggression" in text[inner.content[0] : inner.content[1]]
    assert parents(found)[found.index(inner)] == found.index(outer)


def test_according_to_a_news_channel(nlp: Any, seeds_dir: Path) -> None:
    text = _paragraph(seeds_dir, "003_bc9b85600cbacf8f.txt", "al-Mayadeen")
    found = find_attributions(nlp(text))
    a = _covering(found, text, "according")
    assert a.source is not None
    assert "al-Mayadeen" in text[a.source[0] : a.source[1]]
    assert "called on the United States" in text[a.content[0] : a.content[1]]


def test_report_publishing_a_statement(nlp: Any, seeds_dir: Path) -> None:
    text = _paragraph(seeds_dir, "004_dbb5c05e03edadc2.txt", "the joint statement read")
    found = find_attributions(nlp(text))
    a = _covering(found, text, "read")
    assert a.source is not None and "statement" in text[a.source[0] : a.source[1]]
    assert "leave the country" in text[a.content[0] : a.content[1]]


def test_quote_over_two_paragraphs_with_mixed_marks(nlp: Any) -> None:
    text = (
        "The senator spoke after the vote.\n\n"
        "“We will not give up. The people of this state deserve better than this bill.\n\n"
        '"We will be back next year with a real plan," Senator Maria Lopez told reporters on Tuesday.'
    )
    found = find_attributions(nlp(text))
    a = _covering(found, text, "told")
    assert a.source is not None and "Lopez" in text[a.source[0] : a.source[1]]
    content = text[a.content[0] : a.content[1]]
    assert "real plan" in content
    assert quote_regions(text)[0] == (text.index("“"), text.index('plan,"') + len('plan,"'))


def test_nesting_follows_from_containment(nlp: Any) -> None:
    text = (
        "The state agency quoted an official as saying that the minister had told him the troops would stay."
    )
    found = find_attributions(nlp(text))
    assert len(found) >= 2
    links = parents(found)
    assert any(p is not None for p in links)


def test_batch_matches_single(nlp: Any, seeds_dir: Path) -> None:
    texts = [
        _paragraph(seeds_dir, "001_998be1bf658dc753.txt", "as saying"),
        "The bridge was closed for repairs on Monday.",
    ]
    docs = list(nlp.pipe(texts))
    assert find_attributions_batch(docs) == [find_attributions(d) for d in docs]
    assert find_attributions_batch(docs)[1] == []


def test_brat_reader_keeps_discontinuous_spans() -> None:
    ann = (
        "T1\tSource 0 5\tTrump\nT2\tCue 6 10\tsaid\nT3\tContent 12 20;25 30\tabcdefgh vwxyz\n"
        "T4\tAttribution 6 10\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        "E2\tAttribution-no-source:T9 \n"
    )
    (gold,) = parse_ann(ann)
    assert gold.content == ((12, 20), (25, 30))
    assert gold.source == ((0, 5),)


def test_dev_articles_score_above_floor() -> None:
    if not POLNEAR_DEV.is_dir():
        pytest.fail(f"PolNeAR dev expected at {POLNEAR_DEV}")
    scores = evaluate_attribution(POLNEAR_DEV, limit=6)
    assert scores["articles"] == 6
    assert scores["cue_overlap_f1"] >= 0.65
    assert scores["source_overlap_f1"] >= 0.6
    assert scores["content_overlap_f1"] >= 0.6
    assert scores["triple_overlap_f1"] >= 0.45


def test_overlap_matching_is_one_to_one_and_skips_gaps() -> None:
    text = "Trump said that taxes, he added, would fall."
    gold = GoldAttribution(cue=((6, 10),), source=((0, 5),), content=((16, 21), (33, 44)))
    article = GoldArticle("made-up", text, (gold,))
    predicted = [
        AttributionSpans(cue=(6, 10), source=(0, 3), content=(23, 31), score=1.0),  # content in the gap
        AttributionSpans(cue=(7, 9), source=None, content=(33, 44), score=1.0),  # same gold cue again
    ]
    scores = score_predictions([article], [predicted])
    assert scores["cue_overlap_precision"] == 0.5 and scores["cue_overlap_recall"] == 1.0
    assert scores["source_exact_f1"] == 0.0 and scores["source_overlap_f1"] == 1.0
    assert scores["content_overlap_recall"] == 1.0 and scores["content_overlap_precision"] == 0.5
    assert scores["triple_overlap_f1"] == 0.0


def test_cue_features_read_the_clause_and_the_word_clusters(nlp: Any) -> None:
    doc = nlp("Officials said that the troops would stay, but he contends it is too late.")
    v = DocView(doc)
    said = next(i for i in range(v.n) if v.lower[i] == "said")
    feats = cue_features(v, said, cluster_table())
    assert "ccomp_mark=that" in feats and "under_ccomp=False" in feats
    assert any(f.startswith("clb=") for f in feats)
    stay = next(i for i in range(v.n) if v.lower[i] == "stay")
    assert "under_ccomp=True" in cue_features(v, stay, cluster_table())
    # inflections of one verb fall in one coarse cluster, so a rare form borrows the common one's weight
    table = cluster_table()
    assert len(table) > 40_000
    assert table["contends"][0] == table["contend"][0]


def test_transcript_turns_and_sign_offs_are_cues(nlp: Any) -> None:
    text = (
        "Senator Ruth Okafor spoke to host Dan Mercer on Sunday.\n\n"
        '"MERCER: Will the base close this year?\n\n'
        '"OKAFOR: Not this year. The troops stay until the talks end.\n\n'
        "Readers wrote in about the decision.\n"
        "“The base kept this town alive for forty years.” ― Maria Lindqvist\n"
        "CORRECTION: An earlier version misspelled the senator's name.\n"
    )
    found = find_attributions(nlp(text))
    cues = {text[a.cue[0] : a.cue[1]]: a for a in found}
    turns = [a for a in found if text[a.cue[0] : a.cue[1]] == ":" and a.source is not None]
    speakers = {text[a.source[0] : a.source[1]] for a in turns if a.source is not None}
    assert {"MERCER", "OKAFOR"} <= speakers
    okafor = next(a for a in turns if a.source and text[a.source[0] : a.source[1]] == "OKAFOR")
    assert "troops stay" in text[okafor.content[0] : okafor.content[1]]
    assert "―" in cues
    assert "forty years" in text[cues["―"].content[0] : cues["―"].content[1]]
    # a section label is not a speaker: the article never names anyone "Correction"
    assert not any(a.source and text[a.source[0] : a.source[1]] == "CORRECTION" for a in found)


def test_two_reporting_verbs_split_by_a_comma_are_two_cues(nlp: Any) -> None:
    text = (
        "“We will not withdraw,” the minister said, adding that the garrison would be reinforced "
        "before the winter."
    )
    found = find_attributions(nlp(text))
    cues = sorted(text[a.cue[0] : a.cue[1]] for a in found)
    assert "said" in cues
    assert "adding" in cues


def test_paragraphs_break_at_whitespace_tokens(nlp: Any) -> None:
    # spaCy keeps "\n\n" as a token of its own; the break must still start a paragraph
    v = DocView(nlp("The talks ended.\n\nNo date was set for the next round.\nOfficials left."))
    assert v.para[-1] == 2
    first_of_second = v.token_at(len("The talks ended.\n\n"))
    assert v.lower[first_of_second] == "no"
    assert v.starts_paragraph(first_of_second)
    assert v.ends_paragraph(first_of_second - 2)  # the full stop before the break
    assert not v.starts_paragraph(first_of_second + 1)


def test_a_sentence_final_cue_takes_its_own_sentence_not_the_next(nlp: Any) -> None:
    text = (
        "There are approximately 1,500 special operations forces in the province, a spokesman said. "
        "Local leaders have repeatedly demanded that the foreign forces leave the country.\n\n"
        "The deployment remains a point of contention."
    )
    said = _covering(find_attributions(nlp(text)), text, "said")
    assert text[said.content[0] : said.content[1]].startswith("There are approximately 1,500")
    assert "Local leaders" not in text[said.content[0] : said.content[1]]
    assert said.source is not None and text[said.source[0] : said.source[1]] == "a spokesman"
    # circumstance after the cue ("on Tuesday") does not make the next sentence its content
    text = text.replace("a spokesman said.", "the ministry said on Tuesday.")
    said = _covering(find_attributions(nlp(text)), text, "said")
    assert text[said.content[0] : said.content[1]].startswith("There are approximately 1,500")


def test_a_source_never_crosses_a_line_break(nlp: Any) -> None:
    text = "By Staff Writer\n\nA senior general said there were about 4,000 troops in the province."
    said = _covering(find_attributions(nlp(text)), text, "said")
    assert said.source is not None and text[said.source[0] : said.source[1]] == "A senior general"
