"""Format and encoding detection from content, not file names."""

from __future__ import annotations

import pytest

from newsledger.errors import SkipInput
from newsledger.ingest.decoding import decode
from newsledger.ingest.formats import (
    binary_kind,
    looks_like_html,
    looks_like_json_records,
    not_article_reason,
)
from newsledger.ingest.reading import read_unit
from newsledger.ingest.units import InputUnit


@pytest.mark.parametrize(
    ("data", "is_json"),
    [
        (b'{"text": "a"}\n{"text": "b"}', True),
        (b'[{"text": "a"}]', True),
        (b"[]", True),
        (b"[Home](#) [News](#)\n\nSome article text.", False),
        (b"{curly} braces open this text", False),
        (b"Plain text article.", False),
    ],
)
def test_json_records_are_told_from_text_starting_with_brackets(data: bytes, is_json: bool) -> None:
    assert looks_like_json_records(data) is is_json


def test_html_is_told_from_text_with_stray_tags() -> None:
    assert looks_like_html(b"<!DOCTYPE html><html><body><p>x</p></body></html>")
    assert looks_like_html(b"  <div class='a'><p>Hello</p></div>")
    assert looks_like_html(
        b'<text id="http://x.example/">\n<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN"><HTML>'
    )
    assert not looks_like_html(b"The USA now has 4000 soldiers, though it claims only 500.<sup>1</sup> More.")


def test_binary_kinds_are_named() -> None:
    assert binary_kind(b"%PDF-1.7 ...") == "a PDF document"
    assert binary_kind(b"abc\x00\x00def") is not None
    assert binary_kind("Ünïcödé text is fine".encode()) is None


def test_latin1_and_cp1252_text_decode_correctly() -> None:
    text, enc = decode(
        "Le café de Montréal a fermé ses portes après 30 ans, a déclaré le maire.".encode("latin-1")
    )
    assert "café de Montréal" in text and enc != "utf-8"
    text, _ = decode("Prices rose 5% \u2013 “sharply” – officials said.".encode("cp1252"))
    assert "“sharply”" in text


def test_utf8_with_bom_and_utf16_decode() -> None:
    assert decode("\ufeffHello wörld".encode())[0] == "Hello wörld"
    assert decode("Hello wörld".encode("utf-16"))[0] == "Hello wörld"


def test_json_record_without_text_is_a_coded_skip() -> None:
    with pytest.raises(SkipInput) as info:
        read_unit(InputUnit(source="x:1", data=b'{"title": "only a title"}', fmt="json_record"))
    assert info.value.code == "missing_field"


def test_a_markdown_table_document_is_not_an_article() -> None:
    rows = "\n".join(f"| {i} | value {i} | note |" for i in range(8))
    assert not_article_reason("# Notes\n\nSome words here.\n\n" + rows) is not None
    assert not_article_reason("Title\n\nA paragraph of news prose.\n\nAnother one.") is None
