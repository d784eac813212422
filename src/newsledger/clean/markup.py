"""Strip Markdown and stray inline HTML from a line of scraped text, keeping the words and their offsets.

Scraped text keeps remnants of the page it came from: ``[link text](url)``, ``**bold**``, ``<sup>1</sup>``
footnote markers, heading hashes and list bullets. The words stay; the syntax goes. The result is a list
of ``(start, end)`` raw slices to keep, so offsets still point into the raw text.
"""

from __future__ import annotations

import re

_DROP_WHOLE = re.compile(
    r"!\[[^\]\n]*\]\([^)\n]*\)"  # Markdown image
    r"|<(sup|script|style)\b[^>]*>.*?</\1\s*>"  # footnote markers and code: drop with content
    r"|<!--.*?-->",
    re.IGNORECASE | re.DOTALL,
)
_LINK = re.compile(r"\[([^\]\n]+)\]\((?:[^()\n]|\([^)\n]*\))*\)")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)|(?<=\S)(\*\*|__)|(?<![\w*])\*(?=[^\s*])|(?<=[^\s*])\*(?![\w*])")
_LEADER = re.compile(r"^\s*(?:#{1,6}\s+|>\s*|[-*+•·▪]\s+|\d{1,2}[.)]\s+(?=[A-Z]))?")


def kept_slices(line: str, offset: int, *, strip_markup: bool = True) -> list[tuple[int, int]]:
    """Raw ``(start, end)`` slices of ``line`` (which starts at ``offset`` in the raw text) to keep.

    With ``strip_markup=False`` (text extracted from HTML, where markup characters are the article's
    own words) only surrounding whitespace is trimmed.
    """
    drop = [False] * len(line)

    def mark(a: int, b: int) -> None:
        for i in range(a, b):
            drop[i] = True

    if strip_markup:
        for m in _DROP_WHOLE.finditer(line):
            mark(m.start(), m.end())
        for m in _LINK.finditer(line):
            if not drop[m.start()]:
                mark(m.start(), m.start(1))
                mark(m.end(1), m.end())
        for m in _TAG.finditer(line):
            mark(m.start(), m.end())
        for m in _EMPHASIS.finditer(line):
            mark(m.start(), m.end())
        leader = _LEADER.match(line)
        if leader:
            mark(leader.start(), leader.end())
    # Trailing whitespace (including Markdown's two-space hard break) never carries words.
    end = len(line)
    while end > 0 and (line[end - 1].isspace() or drop[end - 1]):
        end -= 1
    start = 0
    while start < end and (line[start].isspace() or drop[start]):
        start += 1
    slices: list[tuple[int, int]] = []
    i = start
    while i < end:
        if drop[i]:
            i += 1
            continue
        j = i
        while j < end and not drop[j]:
            j += 1
        slices.append((offset + i, offset + j))
        i = j
    return slices
