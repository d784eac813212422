"""Cut article text into the sentences and words the span tagger works on, keeping character offsets.

The tagger was trained on SemEval articles written one sentence per line; newsledger's clean text has
paragraphs separated by blank lines. Cutting every line at sentence ends gives both layouts the same unit:
one sentence (or title line) at a time, which is also what the MiniLM encoder reads best.
"""

from __future__ import annotations

import re

_LINE = re.compile(r"[^\n]+")
# A sentence ends at . ! or ? (possibly followed by closing quotes or brackets) before a space and a
# capital letter, digit or opening quote. Abbreviations such as "U.S. Army" are cut wrongly now and then;
# the cost is a sentence split in two, which the tagger tolerates.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_WORD = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
_MAX_SENTENCE_CHARS = 1000


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``: lines cut at sentence ends, outer spaces trimmed."""
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        start = line.start()
        pieces: list[tuple[int, int]] = []
        for end_match in _SENTENCE_END.finditer(line.group()):
            pieces.append((start, line.start() + end_match.end()))
            start = line.start() + end_match.end()
        pieces.append((start, line.end()))
        for s, e in pieces:
            s, e = _trim(text, s, e)
            while e - s > _MAX_SENTENCE_CHARS:  # an unpunctuated wall of text: cut it blindly
                cut = text.rfind(" ", s, s + _MAX_SENTENCE_CHARS)
                cut = cut if cut > s else s + _MAX_SENTENCE_CHARS
                spans.append(_trim(text, s, cut))
                s, e = _trim(text, cut, e)
            if e > s:
                spans.append((s, e))
    return spans


def line_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the non-empty lines of ``text`` (the SemEval one-sentence-per-line layout)."""
    return [_trim(text, m.start(), m.end()) for m in _LINE.finditer(text) if m.group().strip()]


def word_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Character spans of the words and punctuation marks of ``text[start:end]``."""
    return [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
