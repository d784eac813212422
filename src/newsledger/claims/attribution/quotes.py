"""Quotation regions of an article: where quoted words start and end, across sentences and paragraphs.

News quotes mix curly (“ ”) and straight (") marks, and a quote that runs over several paragraphs
reopens each paragraph without closing the previous one. Regions are what a direct-speech content
span usually is, so the finder offers them as candidates and the cue tagger sees whether a token
sits inside one.
"""

from __future__ import annotations

OPEN = "“«„"
CLOSE = "”»"
STRAIGHT = '"'


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character spans (opening mark to closing mark inclusive) of quotations, in text order.

    A quote still open at a paragraph break continues when the next paragraph opens with a quote
    mark (the newspaper convention); otherwise it ends at the break.
    """
    regions: list[tuple[int, int]] = []
    start = -1
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\n" and start >= 0:
            j = i
            while j < n and text[j].isspace():
                j += 1
            if "\n" in text[i:j] and j < n and text[j] in OPEN + STRAIGHT:
                i = j + 1  # the quote goes on in the next paragraph
                continue
            if text.count("\n", i, j) >= 1:
                end = i
                while end > start and text[end - 1].isspace():
                    end -= 1
                regions.append((start, end))
                start = -1
        elif start < 0 and (ch in OPEN or ch == STRAIGHT):
            start = i
        elif start >= 0 and (ch in CLOSE or ch == STRAIGHT):
            regions.append((start, i + 1))
            start = -1
        i += 1
    if start >= 0:
        regions.append((start, n))
    return [r for r in regions if r[1] - r[0] > 2]
