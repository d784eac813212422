"""A flat, list-based view of a spaCy ``Doc``: the token facts the attribution models read.

Reading ``token.dep_`` and friends through spaCy's Python objects is slow when a model asks for them
thousands of times; copying them once into plain lists keeps the finder well below parse time.
The language stage drops the lemmatizer, so words are compared lower-cased with a crude stem.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any

from newsledger.claims.attribution.quotes import quote_regions

_SUFFIXES = ("ing", "ed", "es", "s")


def stem(word: str) -> str:
    """A crude inflection stem ("says", "said" stay apart; "claims"/"claimed"/"claiming" meet)."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


class DocView:
    """Token attributes of one parsed article as parallel lists, plus sentence and quote indexes."""

    __slots__ = (
        "text", "n", "lower", "stem", "pos", "tag", "dep", "head", "ent", "start", "end",
        "children", "sent", "sent_bounds", "quotes", "quote_of", "left", "right",
    )

    def __init__(self, doc: Any) -> None:
        self.text: str = doc.text
        tokens = list(doc)
        self.n = len(tokens)
        self.lower = [t.lower_ for t in tokens]
        self.stem = [stem(w) for w in self.lower]
        self.pos = [t.pos_ for t in tokens]
        self.tag = [t.tag_ for t in tokens]
        self.dep = [t.dep_ for t in tokens]
        self.head = [t.head.i for t in tokens]
        self.ent = [t.ent_type_ for t in tokens]
        self.start = [t.idx for t in tokens]
        self.end = [t.idx + len(t.text) for t in tokens]
        self.left = [t.left_edge.i for t in tokens]
        self.right = [t.right_edge.i for t in tokens]
        self.children: list[list[int]] = [[] for _ in tokens]
        for i, h in enumerate(self.head):
            if h != i:
                self.children[h].append(i)
        self.sent = [0] * self.n
        self.sent_bounds: list[tuple[int, int]] = []
        for k, s in enumerate(doc.sents):
            self.sent_bounds.append((s.start, s.end))
            for i in range(s.start, s.end):
                self.sent[i] = k
        self.quotes = quote_regions(self.text)
        self.quote_of = [-1] * self.n
        starts = [q[0] for q in self.quotes]
        for i in range(self.n):
            k = bisect_right(starts, self.start[i]) - 1
            if k >= 0 and self.start[i] < self.quotes[k][1]:
                self.quote_of[i] = k

    def token_at(self, char: int) -> int:
        """The index of the token starting at or after ``char``."""
        return bisect_left(self.start, char)

    def token_before(self, char: int) -> int:
        """The index of the last token ending at or before ``char`` (-1 if none)."""
        return bisect_right(self.end, char) - 1

    def is_punct(self, i: int) -> bool:
        return self.pos[i] in ("PUNCT", "SPACE")
