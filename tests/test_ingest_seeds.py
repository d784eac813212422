"""The five seed articles ingest with body text, their page furniture partly gone, offsets intact."""

from __future__ import annotations

import re
from pathlib import Path

from newsledger.clean.article_builder import build_article
from newsledger.ids import article_id
from newsledger.ingest.reading import read_unit
from newsledger.ingest.units import InputUnit
from newsledger.records import Article


def _article(path: Path) -> Article:
    return build_article(read_unit(InputUnit(source=str(path), data=path.read_bytes())))


def test_every_seed_becomes_an_article_with_body_text(seed_files: list[Path]) -> None:
    assert len(seed_files) == 5
    for path in seed_files:
        art = _article(path)
        assert len(art.text.split()) > 250, path.name
        assert art.title and art.title not in art.text[:200], path.name
        assert art.language == "en"


def test_a_page_repeated_whole_keeps_each_paragraph_once(seed_files: list[Path]) -> None:
    art = _article(seed_files[1])
    assert art.text.count("constitutes an act of aggression") == 1
    assert art.text.count("ISIS regained control of most of the town") == 1
    reasons = [r.reason for r in art.removed]
    assert reasons.count("repeated within the page") >= 15


def test_markdown_and_inline_html_are_stripped_but_words_kept(seed_files: list[Path]) -> None:
    art = _article(seed_files[0])
    assert "](#)" not in art.text and "<sup>" not in art.text and "**" not in art.text
    assert "4000 soldiers in Syria, though officially it claims only 500." in art.text
    assert art.title == "US Coalition Out of Syria Now!"


def test_clean_offsets_map_back_to_the_raw_text(seed_files: list[Path]) -> None:
    for path in seed_files:
        raw = path.read_text(encoding="utf-8")
        art = _article(path)
        assert art.raw_map, path.name
        for seg in art.raw_map:
            clean = art.text[seg.clean_start : seg.clean_start + seg.length]
            assert clean == raw[seg.raw_start : seg.raw_start + seg.length]
        for pos in range(0, len(art.text), 97):
            mapped = art.raw_offset(pos)
            if art.text[pos] != "\n":  # paragraph breaks are synthetic and map nowhere
                assert mapped is not None and raw[mapped] == art.text[pos]


def test_article_ids_are_stable_and_ignore_whitespace_and_case(seed_files: list[Path]) -> None:
    art = _article(seed_files[2])
    assert art.id == _article(seed_files[2]).id
    assert re.fullmatch(r"a[0-9a-f]{15}", art.id)
    assert article_id(art.text) == article_id("  " + art.text.upper().replace(" ", "\n  ") + "\n")
    assert article_id(art.text) != article_id(art.text + " One more sentence.")
