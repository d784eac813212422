"""A flat, list-based view of a spaCy ``Doc``: the token facts the attribution models read.

Reading ``token.dep_`` and friends through spaCy's Python objects is slow when a model asks for them
thousands of times; copying them once into plain lists keeps the finder well below parse time.
The language stage drops the lemmatizer, so words are compared lower-cased with a crude stem.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LENGTH, LOWER, POS, SENT_START, TAG

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
        "_kid_ptr",
        "_kids",
        "_quoted_before",
        "dep",
        "end",
        "ent",
        "head",
        "left",
        "lower",
        "n",
        "para",
        "para_first",
        "para_last",
        "pos",
        "quote_of",
        "quotes",
        "right",
        "sent",
        "sent_bounds",
        "start",
        "stem",
        "tag",
        "text",
    )

    def __init__(self, doc: Any) -> None:
        self.text: str = doc.text
        arr = doc.to_array([LOWER, POS, TAG, DEP, HEAD, ENT_TYPE, IDX, LENGTH, SENT_START])
        self.n = n = len(arr)
        strings = doc.vocab.strings

        def names(column: np.ndarray) -> list[str]:
            table = {int(u): strings[int(u)] for u in np.unique(column)}
            return [table[x] for x in column.tolist()]

        self.lower = names(arr[:, 0]) if n else []
        self.stem = [stem(w) for w in self.lower]
        self.pos = names(arr[:, 1]) if n else []
        self.tag = names(arr[:, 2]) if n else []
        self.dep = names(arr[:, 3]) if n else []
        heads = arr[:, 4].astype(np.int64) + np.arange(n)
        self.head: list[int] = heads.tolist()
        self.ent = names(arr[:, 5]) if n else []
        offsets = arr[:, 6:8].astype(np.int64)
        self.start: list[int] = offsets[:, 0].tolist()
        self.end: list[int] = (offsets[:, 0] + offsets[:, 1]).tolist()
        left, right = _edges(heads)
        self.left: list[int] = left.tolist()
        self.right: list[int] = right.tolist()
        # children as one sorted array sliced per head (a list per token costs garbage collection time)
        dependents = np.flatnonzero(heads != np.arange(n))
        order = dependents[np.argsort(heads[dependents], kind="stable")]
        self._kids: list[int] = order.tolist()
        self._kid_ptr: list[int] = np.searchsorted(heads[order], np.arange(n + 1)).tolist()
        starts = [0] + [int(i) for i in np.flatnonzero(arr[1:, 8] == 1) + 1]
        self.sent_bounds: list[tuple[int, int]] = (
            list(zip(starts, [*starts[1:], n], strict=True)) if n else []
        )
        self.sent = [0] * n
        for k, (a, b) in enumerate(self.sent_bounds):
            for i in range(a, b):
                self.sent[i] = k
        self.quotes = quote_regions(self.text)
        self.quote_of = [-1] * n
        quote_starts = [q[0] for q in self.quotes]
        for i in range(n):
            k = bisect_right(quote_starts, self.start[i]) - 1
            if k >= 0 and self.start[i] < self.quotes[k][1]:
                self.quote_of[i] = k
        # A line break starts a paragraph, whether it sits between tokens or, as spaCy usually
        # keeps it, in a whitespace token of its own (that token closes the paragraph before it).
        self.para = [0] * n
        for i in range(1, n):
            gap = self.text[self.end[i - 1] : self.start[i]]
            after_space = (
                self.pos[i - 1] == "SPACE" and "\n" in self.text[self.start[i - 1] : self.end[i - 1]]
            )
            self.para[i] = self.para[i - 1] + ("\n" in gap or after_space)
        self.para_first: list[int] = []
        self.para_last: list[int] = []
        for i in range(n):
            if i == 0 or self.para[i] != self.para[i - 1]:
                self.para_first.append(i)
            if i == n - 1 or self.para[i] != self.para[i + 1]:
                self.para_last.append(i)
        self._quoted_before = [0] * (n + 1)
        for i in range(n):
            self._quoted_before[i + 1] = self._quoted_before[i] + (self.quote_of[i] >= 0)

    def children(self, i: int) -> list[int]:
        """Syntactic dependents of token ``i``, in text order."""
        return self._kids[self._kid_ptr[i] : self._kid_ptr[i + 1]]

    def quoted_between(self, a: int, b: int) -> bool:
        """Whether any token in [a, b) is inside a quotation."""
        return self._quoted_before[b] > self._quoted_before[a]

    def starts_paragraph(self, i: int) -> bool:
        """Whether token ``i`` is the first word of its paragraph (whitespace tokens skipped)."""
        j = i - 1
        while j >= 0 and self.pos[j] == "SPACE":
            j -= 1
        return j < 0 or self.para[j] != self.para[i]

    def ends_paragraph(self, i: int) -> bool:
        """Whether token ``i`` is the last word of its paragraph (whitespace tokens skipped)."""
        j = i + 1
        while j < self.n and self.pos[j] == "SPACE":
            j += 1
        return j >= self.n or self.para[j] != self.para[i]

    def token_at(self, char: int) -> int:
        """The index of the token starting at or after ``char``."""
        return bisect_left(self.start, char)

    def token_before(self, char: int) -> int:
        """The index of the last token ending at or before ``char`` (-1 if none)."""
        return bisect_right(self.end, char) - 1

    def is_punct(self, i: int) -> bool:
        return self.pos[i] in ("PUNCT", "SPACE")


def _edges(heads: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Leftmost and rightmost token of every token's subtree, spread up the tree until stable."""
    n = len(heads)
    left = np.arange(n)
    right = np.arange(n)
    for _ in range(n):
        new_left = left.copy()
        new_right = right.copy()
        np.minimum.at(new_left, heads, left)
        np.maximum.at(new_right, heads, right)
        if np.array_equal(new_left, left) and np.array_equal(new_right, right):
            break
        left, right = new_left, new_right
    return left, right
