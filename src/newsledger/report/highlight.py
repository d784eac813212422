"""An article's text with its claims, quantities and framing spans marked, each an anchor to link to.

Claims are sentences and do not overlap one another, so each becomes one element (``id="claim-ID"``)
that ``:target`` can highlight whole. Quantities and framing spans sit inside or across claims and may
overlap each other, so they are cut at every boundary into segments; a span's id goes on its first
segment. The result is always well-formed, whatever offsets the ledger holds, and every character of the
text is escaped.
"""

from __future__ import annotations

import itertools
import zlib
from dataclasses import dataclass
from typing import Any

from newsledger.report.markup import Safe, esc, join, tag


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str
    """``quantity`` or ``framing``: a CSS class."""
    anchor: str
    label: str


def claim_anchor(claim_id: str) -> str:
    return f"claim-{claim_id}"


def quantity_anchor(quantity_id: str) -> str:
    return f"q-{quantity_id}"


def framing_anchor(article_id: str, start: int, end: int, technique: str) -> str:
    return f"f-{article_id}-{start}-{end}-{zlib.crc32(technique.encode()):08x}"


def inner_spans(
    article_id: str, quantities: list[dict[str, Any]], framing: list[dict[str, Any]]
) -> list[Span]:
    spans = [
        Span(q["start"], q["end"], "quantity", quantity_anchor(q["id"]), f"counts {q['counted'] or '?'}")
        for q in quantities
    ]
    spans += [
        Span(
            f["start"],
            f["end"],
            "framing",
            framing_anchor(article_id, f["start"], f["end"], f["technique"]),
            f"{f['technique']} ({f['score']:.2f})",
        )
        for f in framing
    ]
    return spans


def highlighted_text(
    text: str,
    *,
    article_id: str,
    claims: list[dict[str, Any]],
    quantities: list[dict[str, Any]],
    framing: list[dict[str, Any]],
) -> Safe:
    """The article's text as HTML, with every claim, quantity and framing span an anchored element."""
    n = len(text)
    outer: list[dict[str, Any]] = []
    pos = 0
    for c in sorted(claims, key=lambda c: (c["start"], c["end"])):
        if c["start"] >= pos and 0 <= c["start"] < c["end"] <= n:
            outer.append(c)
            pos = c["end"]
    spans = [s for s in inner_spans(article_id, quantities, framing) if 0 <= s.start < s.end <= n]
    placed: set[str] = set()
    out: list[Safe] = []
    pos = 0
    for c in outer:
        out.append(_segments(text, pos, c["start"], spans, placed))
        title = f"claim · {c['kind']} · {c['attribution']['speaker'] or 'own voice'}"
        cw = "claim cw" if c["checkworthiness"] >= 0.5 else "claim"
        out.append(
            tag(
                "span",
                {"class": cw, "id": claim_anchor(c["id"]), "title": title},
                _segments(text, c["start"], c["end"], spans, placed),
            )
        )
        pos = c["end"]
    out.append(_segments(text, pos, n, spans, placed))
    # Claims the layout could not nest (overlapping another) still get an anchor to land on.
    missing = [c for c in claims if c not in outer]
    return join([*out, *(tag("span", {"id": claim_anchor(c["id"])}) for c in missing)])


def _segments(text: str, lo: int, hi: int, spans: list[Span], placed: set[str]) -> Safe:
    """``text[lo:hi]`` cut at span boundaries; covered segments become ``<mark>`` elements."""
    if lo >= hi:
        return Safe("")
    inside = [s for s in spans if s.start < hi and s.end > lo]
    if not inside:
        return esc(text[lo:hi])
    cuts = sorted({lo, hi, *(max(lo, s.start) for s in inside), *(min(hi, s.end) for s in inside)})
    out: list[Safe] = []
    for a, b in itertools.pairwise(cuts):
        cover = [s for s in inside if s.start <= a and s.end >= b]
        piece = esc(text[a:b])
        if not cover:
            out.append(piece)
            continue
        fresh = [s for s in cover if s.anchor not in placed]
        placed.update(s.anchor for s in fresh)
        classes = " ".join(sorted({s.kind for s in cover}))
        title = "; ".join(s.label for s in cover)
        element = tag(
            "mark", {"class": classes, "title": title, "id": fresh[0].anchor if fresh else None}, piece
        )
        for extra in fresh[1:]:
            element = tag("span", {"id": extra.anchor}, element)
        out.append(element)
    return join(out)
