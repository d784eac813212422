"""Rule-based sentence boundaries with offsets: fast, deterministic, no model.

News text breaks naive splitters with abbreviations ("Maj.-Gen.", "U.S.", "Nov. 6"), initials and
quotes that close after the full stop. This splitter is the dependency-free default.
"""

from __future__ import annotations

import re

from newsledger.ids import record_id
from newsledger.records import Sentence

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "adm",
        "gov",
        "sen",
        "rep",
        "rev",
        "st",
        "mt",
        "ft",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "est",
        "approx",
        "no",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "u.s",
        "u.k",
        "u.n",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "pres",
        "sec",
        "amb",
        "cmdr",
        "brig",
        "fig",
    ]
)
# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then whitespace.
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)|\n\s*\n")
_NEXT_START = re.compile(r"\s*[\"'“‘«(\[]*[A-Z0-9À-ÖØ-Þ]")
_WORD_BEFORE = re.compile(r"([\w.'-]+)[.!?…]+[\"'”’»)\]]*$")


def split_sentences(text: str, article_id: str) -> list[Sentence]:
    """Sentences of ``text`` as ``[start, end)`` spans with surrounding whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if m.group().startswith("\n"):
            if not _ends_sentence(text[start : m.start()]) and not _NEXT_START.match(text, m.end()):
                continue
            end = m.start()
        elif not _NEXT_START.match(text, m.end()) or _is_abbreviation(text, start, end):
            continue
        spans.append((start, end))
        start = m.end()
    spans.append((start, len(text)))
    sentences = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            sentences.append(
                Sentence(id=record_id("s", article_id, a, b), article_id=article_id, start=a, end=b)
            )
    return sentences


def _ends_sentence(chunk: str) -> bool:
    return bool(re.search(r"[.!?…:\"”’)]\s*$", chunk))


def _is_abbreviation(text: str, start: int, end: int) -> bool:
    m = _WORD_BEFORE.search(text, start, end)
    if not m:
        return False
    word = m.group(1).casefold().lstrip("-")
    tail = word.rsplit("-", 1)[-1]
    if word in _ABBREVIATIONS or tail in _ABBREVIATIONS:
        return True
    # Single initials ("J. Smith") and dotted acronyms ("U.S.") are not sentence ends before a capital.
    return (len(tail) == 1 and tail.isalpha()) or bool(re.fullmatch(r"(\w\.)+\w?", word))
