"""Fix the attribution shapes a span model most often gets wrong, from the parse and the quote marks.

The finder scores spans one attribution at a time, so three frames that depend on syntax more than on
words come out malformed often enough to matter for chains:

- **"according to X"**: the source is the object of "to" (without a trailing "which ..." clause) and
  the content is the rest of its sentence, not the sentence with the phrase inside it.
- **"quoted / cited X as saying"**: the content is the quotation beside the frame; X is the quoted
  speaker (``assemble`` puts X in the chain), never the content.
- **A content that runs into another attribution's frame**: "a spokesperson has called the report
  'erroneous', according to RIA Novosti" — the spokesperson's content stops where "according to"
  starts; that frame belongs to the other attribution, whose content holds this whole statement.

Each repair applies only when the finder's span has the faulty shape; well-formed spans pass through.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from newsledger.claims.attribution.finder import AttributionSpans
from newsledger.claims.attribution.quotes import quote_regions

_QUOTING = re.compile(r"^(?:quot|cit)", re.I)
_AS_SAYING = re.compile(r"\bas\s+(?:saying|stating|telling|writing|declaring)\b", re.I)
_EDGE = " \n\t,;:–—-"


def repair_spans(doc: Any, spans: Sequence[AttributionSpans]) -> list[AttributionSpans]:
    text: str = doc.text
    quotes = quote_regions(text)
    fixed = [_according_to(doc, s) for s in spans]
    fixed = [_quoting(text, s, quotes) for s in fixed]
    fixed = [_stop_at_other_frames(text, k, fixed) for k in range(len(fixed))]
    return sorted((s for s in fixed if s.content[1] > s.content[0]), key=lambda s: (s.content[0], s.cue[0]))


def _according_to(doc: Any, s: AttributionSpans) -> AttributionSpans:
    text: str = doc.text
    if not text[s.cue[0] : s.cue[1]].lower().startswith("according"):
        return s
    span = doc.char_span(s.cue[0], s.cue[1], alignment_mode="expand")
    if span is None:
        return s
    to = next((t for t in span if t.lower_ == "to"), None)
    if to is None:
        return s
    obj = next((c for c in to.children if c.dep_ == "pobj"), None)
    source = s.source
    if obj is not None:
        toks = [t for t in obj.subtree if not _in_clause(t, obj)]
        if toks:
            source = (toks[0].idx, toks[-1].idx + len(toks[-1].text))
    sent = span.sent
    frame_end = source[1] if source and source[1] > s.cue[1] else s.cue[1]
    before = _trim(text, sent.start_char, s.cue[0])
    after = _trim(text, frame_end, sent.end_char)
    content = before if before[1] - before[0] >= after[1] - after[0] else after
    if content[1] <= content[0]:
        return replace(s, source=source)
    return replace(s, source=source, content=content)


def _in_clause(t: Any, obj: Any) -> bool:
    """Whether ``t`` sits in a relative clause or an apposition after a comma ("X, which had ...")."""
    node = t
    # Compare token indices: spaCy makes a new Token object on every ``.head`` access.
    while node.i != obj.i and node.head.i != node.i:
        if node.dep_ in {"relcl", "appos", "acl"} and node.i > obj.i:
            return True
        node = node.head
    return bool(t.text == "," and t.i > obj.i)


def _quoting(text: str, s: AttributionSpans, quotes: list[tuple[int, int]]) -> AttributionSpans:
    cue = text[s.cue[0] : s.cue[1]]
    if not _QUOTING.match(cue.strip()):
        return s
    tail = text[s.cue[1] : s.cue[1] + 200]
    m = _AS_SAYING.search(tail)
    if m is None:
        return s
    frame_end = s.cue[1] + m.end()
    if any(q0 <= s.content[0] < q1 for q0, q1 in quotes) and not (s.cue[1] <= s.content[0] < frame_end):
        return s
    left = s.source[0] if s.source else s.cue[0]
    before = [q for q in quotes if q[1] <= left and left - q[1] < 40]
    after = [q for q in quotes if q[0] >= frame_end and q[0] - frame_end < 40]
    pick = before[-1] if before else (after[0] if after else None)
    if pick is None:
        return s
    return replace(s, content=_trim(text, *pick))


def _stop_at_other_frames(text: str, k: int, spans: Sequence[AttributionSpans]) -> AttributionSpans:
    s = spans[k]
    c0, c1 = s.content
    cut = c1
    for j, o in enumerate(spans):
        if j == k:
            continue
        frame0 = min(o.cue[0], o.source[0]) if o.source else o.cue[0]
        # Another attribution's frame inside this content, after this cue, holding this cue in its own
        # content: this statement is what that one reports, so this content stops at its frame.
        if c0 <= frame0 < cut and frame0 > s.cue[1] - 1 and o.content[0] <= s.cue[0] < o.content[1]:
            cut = frame0
    if cut == c1:
        return s
    lo, hi = _trim(text, c0, cut)
    if hi <= lo:
        lo, hi = _trim(text, s.cue[1], cut)
    return replace(s, content=(lo, hi))


def _trim(text: str, lo: int, hi: int) -> tuple[int, int]:
    while lo < hi and text[lo] in _EDGE:
        lo += 1
    while hi > lo and text[hi - 1] in _EDGE:
        hi -= 1
    if hi > lo and text[hi - 1] == "." and not text[lo:hi].count('"') % 2:
        hi -= 1
    return lo, hi
