"""Cues made by layout rather than by words: transcript turns and sign-offs after a quotation.

"WALLACE: Do you really see those two as equivalent?" and "“...cares nothing about.” ― Pamela
Padilla" attribute what they hold as surely as "said" does, but nothing in the words or the parse
marks them: the parser splits such lines unpredictably, and PolNeAR's training articles hold too few
of them for the cue tagger to learn them (it scores most of them near 0). They are found here from
the raw text, by two narrow rules:

* a **turn**: a colon closing a label at the start of a line (after any opening quotation mark) that
  is one to four words in capitals, each of which the article also writes as a name ("Wallace" for
  "WALLACE"). Section labels ("CORRECTION:", "VIDEO:") and "Q:"/"A:" are not names the article uses,
  so they are left to the tagger.
* a **sign-off**: a dash right after a closing quotation mark, followed by one to five capitalised
  words up to the end of the line or the next opening quotation mark.

On PolNeAR train (which the rules were not fitted to) 9 of the 11 tokens they pick are gold cues; on
dev 26 of 26.
"""

from __future__ import annotations

import re

from newsledger.claims.attribution.view import DocView

LAYOUT_CUE_SCORE = 0.9
"""The cue probability a layout cue gets (the tagger's own score is kept when higher)."""

_DASHES = frozenset({"—", "―", "-", "--", "–"})
QUOTE_MARKS = "\"'“”‘’«»„"
_CLOSING = "”\"’'»"
_OPENING = '“"«„'


def layout_cue(v: DocView, i: int) -> str | None:
    """``"turn"``, ``"sign-off"`` or None for token ``i``."""
    w = v.lower[i]
    if w == ":":
        return "turn" if _is_turn(v, i) else None
    if w in _DASHES:
        return "sign-off" if _is_sign_off(v, i) else None
    return None


def line_lead(v: DocView, i: int) -> str:
    """The words of token ``i``'s line before it, without an opening quotation mark: a turn's label."""
    line_start = v.text.rfind("\n", 0, v.start[i]) + 1
    return v.text[line_start : v.start[i]].strip().lstrip(QUOTE_MARKS).strip()


def _is_turn(v: DocView, i: int) -> bool:
    label = line_lead(v, i)
    words = label.split()
    letters = [c for c in label if c.isalpha()]
    if not 1 <= len(words) <= 4 or len(letters) < 2 or not all(c.isupper() for c in letters):
        return False
    return all(re.search(r"\b" + re.escape(word.title()) + r"\b", v.text) for word in words)


def _is_sign_off(v: DocView, i: int) -> bool:
    before = v.text[max(0, v.start[i] - 3) : v.start[i]].rstrip()
    if not before or before[-1] not in _CLOSING:
        return False
    line_end = v.text.find("\n", v.end[i])
    rest = v.text[v.end[i] : line_end if line_end >= 0 else len(v.text)]
    quote = min((k for k in (rest.find(q) for q in _OPENING) if k >= 0), default=len(rest))
    words = rest[:quote].split()
    return 0 < len(words) <= 5 and all(word[:1].isupper() for word in words)


def layout_spans(v: DocView, i: int, kind: str) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """(source, content) character spans of a layout cue at token ``i``, by the layout itself.

    A turn's speaker is its label and its content the rest of the line; a sign-off's speaker is the
    name after the dash and its content the quotation that closes right before it. The learned
    scorers are not asked: the parse they read is what misses these lines.
    """
    text = v.text
    if kind == "turn":
        line_start = text.rfind("\n", 0, v.start[i]) + 1
        line_end = text.find("\n", v.end[i])
        source = _trimmed(text, line_start, v.start[i], QUOTE_MARKS)
        content = _trimmed(text, v.end[i], line_end if line_end >= 0 else len(text), "")
    else:
        closing = text[: v.start[i]].rstrip()
        quote = max((q for q in v.quotes if q[1] == len(closing)), default=None)
        if quote is None:
            return None
        line_end = text.find("\n", v.end[i])
        rest_end = line_end if line_end >= 0 else len(text)
        rest = text[v.end[i] : rest_end]
        opening = min((k for k in (rest.find(q) for q in _OPENING) if k >= 0), default=len(rest))
        source = _trimmed(text, v.end[i], v.end[i] + opening, "")
        content = _trimmed(text, quote[0], quote[1], QUOTE_MARKS)
    if source[0] >= source[1] or content[0] >= content[1]:
        return None
    return source, content


def _trimmed(text: str, a: int, b: int, marks: str) -> tuple[int, int]:
    """``(a, b)`` without surrounding white space (including no-break spaces) or ``marks``."""
    while a < b and (text[a].isspace() or text[a] in marks):
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in marks):
        b -= 1
    return a, b
