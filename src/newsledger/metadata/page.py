"""A page's blocks with the per-block facts every metadata rule needs, computed once."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from functools import cached_property

from newsledger.metadata.names import name_key
from newsledger.metadata.plain import heading_level, plain_line

_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d+")
_SENTENCE_INSIDE = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bMrs)(?<!\bGen)(?<!\bCol)(?<!\bLt)(?<!\bNo)(?<!\bvs)"
    r"[.!?][\"”’)]?\s+[A-Z\"“‘(]"
)
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?$")
_LONG_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")
_TITLE_CASE_SHARE = 0.6
_KEYED_WORDS = 40  # longer blocks are never a name, slogan or headline, so they get no key
_MENU_WORDS = 3
_MENU_RUN = 3
TITLE_LIMIT = 40
"""A page's menus can push the headline down; past this many blocks it is not the article's."""
HEADER_LIMIT = 15
"""Blocks scanned for a title, byline and date above the first paragraph; pages put nothing later there."""


class Page:
    """The blocks of one page: raw, plain (markup stripped), word counts, and where the body starts."""

    def __init__(self, blocks: Sequence[str]) -> None:
        self.raw: tuple[str, ...] = tuple(blocks)
        self.plain: tuple[str, ...] = tuple(plain_line(b) for b in self.raw)
        self.word_counts: tuple[int, ...] = tuple(len(p.split()) for p in self.plain)
        self.text = "\n".join(self.plain)
        """The plain blocks joined by newlines: one regex pass over it replaces one per block."""
        starts: list[int] = []
        offset = 0
        for p in self.plain:
            starts.append(offset)
            offset += len(p) + 1
        self._starts = starts
        lower = self.text.lower()
        if len(lower) != len(self.text):  # a character such as "İ" lower-cases to two: keep offsets aligned
            lower = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in self.text)
        self.lower = lower
        self._keys: dict[int, str] = {}
        """``text`` lower-cased with the same offsets, for literal searches."""

    def __len__(self) -> int:
        return len(self.raw)

    def heading(self, index: int) -> int:
        return heading_level(self.raw[index])

    def is_prose(self, index: int) -> bool:
        """Whether a block reads as a paragraph of running text rather than a heading or a label.

        Long blocks are prose; mid-length ones when they have a sentence end and are not in Title Case (long
        headlines such as "Trump Just Revealed Who He Would Pick For VP – It Might Surprise You" are).
        """
        words = self.word_counts[index]
        if words >= 35:
            return True
        if words < 15:
            return False
        text = self.plain[index]
        if not (_SENTENCE_END.search(text) or _SENTENCE_INSIDE.search(text)):
            return False
        return title_case_share(text) < _TITLE_CASE_SHARE

    @cached_property
    def first_prose(self) -> int:
        """Index of the first paragraph of running text (``len(self)`` when there is none)."""
        return next((i for i in range(len(self)) if self.is_prose(i)), len(self))

    @cached_property
    def meta_end(self) -> int:
        """End (exclusive) of the region where bylines and date lines stand: the header, plus the blocks up to
        the second paragraph, since a standfirst (a one-sentence summary) often sits above byline and date."""
        second = next((i for i in range(self.first_prose + 1, len(self)) if self.is_prose(i)), len(self))
        return min(second, HEADER_LIMIT + 5)

    @cached_property
    def title_end(self) -> int:
        """End (exclusive) of the blocks a headline may stand in: above the first paragraph, within reach."""
        return min(self.first_prose, TITLE_LIMIT)

    def in_menu(self, index: int) -> bool:
        """Whether a short block stands in a run of three or more short blocks: a menu, not a headline."""
        if self.word_counts[index] > _MENU_WORDS:
            return False
        start = index
        while start > 0 and 0 < self.word_counts[start - 1] <= _MENU_WORDS:
            start -= 1
        end = index + 1
        while end < len(self) and 0 < self.word_counts[end] <= _MENU_WORDS:
            end += 1
        return end - start >= _MENU_RUN

    @cached_property
    def header_end(self) -> int:
        """End (exclusive) of the region above the body where title, byline and date lines stand."""
        return min(self.first_prose, HEADER_LIMIT)

    def key(self, index: int) -> str:
        """The block's ``name_key`` (what registry and repeat look-ups compare), "" for long blocks."""
        found = self._keys.get(index)
        if found is None:
            found = name_key(self.plain[index]) if self.word_counts[index] <= _KEYED_WORDS else ""
            self._keys[index] = found
        return found

    def blocks_containing(self, needles: Sequence[str]) -> set[int]:
        """Indices of the blocks whose lower-cased text contains any of ``needles``."""
        found: set[int] = set()
        lower = self.lower
        for needle in needles:
            pos = lower.find(needle)
            while pos >= 0:
                index = self.block_at(pos)
                found.add(index)
                pos = lower.find(needle, self.start_of(index) + len(self.plain[index]) + 1)
        return found

    def block_at(self, offset: int) -> int:
        """Index of the block holding ``offset`` of ``text``."""
        return bisect_right(self._starts, offset) - 1

    def start_of(self, index: int) -> int:
        """Offset in ``text`` where block ``index`` starts."""
        return self._starts[index]

    def bounds(self, index: int) -> tuple[int, int]:
        """``[start, end)`` of block ``index`` in ``text``."""
        start = self._starts[index]
        return start, start + len(self.plain[index])

    def blocks_matching(self, pattern: re.Pattern[str]) -> Iterator[int]:
        """Indices of the blocks where ``pattern`` matches, each once, in order (one pass over ``text``)."""
        last = -1
        for m in pattern.finditer(self.text):
            index = self.block_at(m.start())
            if index != last:
                last = index
                yield index

    def words(self, index: int) -> list[str]:
        return _WORD.findall(self.plain[index])


def title_case_share(text: str) -> float:
    """Share of the words of four letters or more that are capitalised: near 1 for headlines in Title Case."""
    words = _LONG_WORD.findall(text)
    return sum(w[0].isupper() for w in words) / len(words) if words else 0.0
