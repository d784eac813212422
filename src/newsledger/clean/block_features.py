"""Features of one text block in the context of its page, for the block model.

Only what survives in plain text is used (length, punctuation, capitalisation, words, neighbours,
position, Markdown link syntax), so the same model serves scraped text and HTML rendered to text.
Features are named strings hashed into a fixed-size space: no vocabulary to ship, and new words cost
nothing. When the caller knows how much of a block was link text (from HTML), it is passed in.
"""

from __future__ import annotations

import itertools
import math
import re
import zlib
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

DIMENSIONS = 1 << 18
MAX_WORDS = 30
MAX_BIGRAMS = 12

_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_WORD = re.compile(r"[^\W\d_]{2,}|\d+")
_TOKEN = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_END_PUNCT = re.compile(r"[.!?\"”’»)]\s*$")
_ELLIPSIS = re.compile(r"(\.\.\.|…)\s*[\])]?\s*$")
_LABEL = re.compile(r"^[\w][\w &/-]{0,30}:\s")
_MONTH = re.compile(
    r"\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?"
    r"|nov(ember)?|dec(ember)?)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(19|20)\d\d\b")
_URL = re.compile(r"https?://|www\.|\.com\b|\.org\b|@\w+\.\w+")
_BULLET = re.compile(r"^\s*([-*+•·▪►»›|]|\d{1,2}[.)])\s")


def plain(text: str) -> tuple[str, int]:
    """Block text without Markdown link syntax or tags, and how many characters were link text."""
    if "[" not in text and "<" not in text and "*" not in text and "_" not in text:
        return text.strip(), 0
    link_chars = 0

    def keep_text(m: re.Match[str]) -> str:
        nonlocal link_chars
        link_chars += len(m.group(1))
        return m.group(1)

    text = _MD_LINK.sub(keep_text, text)
    return _TAG.sub(" ", text).replace("**", "").replace("__", "").strip(), link_chars


def _bucket(value: float, edges: Sequence[float]) -> int:
    """The index of the first edge at or above ``value`` (``len(edges)`` past the last)."""
    return bisect_left(edges, value)


@lru_cache(maxsize=1 << 18)
def feature_index(name: str) -> int:
    """Where a named feature lands in the hashed space."""
    return zlib.crc32(name.encode("utf-8")) % DIMENSIONS


class BlockView:
    """Surface facts of one block, computed once and shared by its own and its neighbours' features."""

    __slots__ = ("_word_set", "ends_punct", "first", "link_frac", "n_words", "text", "tokens", "words")

    def __init__(self, raw: str, *, link_chars: int | None = None) -> None:
        text, md_links = plain(raw)
        self.text = text
        chars = max(len(text), 1)
        self.link_frac = min(1.0, (link_chars if link_chars is not None else md_links) / chars)
        self.words = [w.lower() for w in _WORD.findall(text)]
        self.tokens = _TOKEN.findall(text)
        self.n_words = len(self.tokens)
        self.ends_punct = bool(_END_PUNCT.search(text))
        self.first = self.words[:3]
        self._word_set: frozenset[str] | None = None

    @property
    def word_set(self) -> frozenset[str]:
        if self._word_set is None:
            self._word_set = frozenset(self.words)
        return self._word_set


def page_features(
    blocks: Sequence[str],
    *,
    link_chars: Sequence[int | None] | None = None,
    extra: Sequence[dict[str, float]] | None = None,
) -> list[list[tuple[int, float]]]:
    """Hashed sparse features (index, value) for every block of one page; an index may repeat (its
    values add up), which spares merging them here.

    ``extra`` adds named features per block that only some inputs have (for HTML: whether trafilatura
    kept the block, and the page's own class names), the first crossed with the block's length and
    its neighbours' values.
    """
    fi = feature_index
    views = [BlockView(b, link_chars=(link_chars[i] if link_chars else None)) for i, b in enumerate(blocks)]
    n = len(views)
    counts = Counter(v.text.casefold() for v in views)
    lengths = [v.n_words for v in views]
    total_words = max(sum(lengths), 1)
    runs = _prose_runs(views)
    # Split each block's extra features once: its own are crossed with its length and shown to its
    # neighbours; the page's labels (``ctx:``) are not.
    crossed: list[list[tuple[str, float]]] = []
    labels: list[list[tuple[str, float]]] = []
    for row in extra or ():
        crossed.append([(k, v) for k, v in row.items() if v and not k.startswith("ctx:")])
        labels.append([(k, v) for k, v in row.items() if v and k.startswith("ctx:")])
    before = 0
    out = []
    for i, v in enumerate(views):
        t = v.text
        w = v.n_words
        feats: list[tuple[int, float]] = [(fi("bias"), 1.0), (_T_LEN[_bucket(w, _LEN)], 1.0)]
        add = feats.append
        add((fi("log_words"), math.log1p(w) / 5))
        if v.ends_punct:
            add((fi("ends_punct"), 1.0))
            add((_T_PUNCT_LEN[_bucket(w, _PUNCT_LEN)], 1.0))
        if _ELLIPSIS.search(t):
            add((fi("ellipsis"), 1.0))
        if t.endswith(":"):
            add((fi("ends_colon"), 1.0))
        if t[:1].islower():
            add((fi("starts_lower"), 1.0))
        if _LABEL.match(t):
            add((fi("label_line"), 1.0))
        caps = [x for x in v.tokens if x[:1].isalpha()]
        if len(caps) >= 3:
            ratio = sum(x[:1].isupper() for x in caps) / len(caps)
            add((_T_RATIO[_bucket(ratio, _RATIO)], 1.0))
        if w >= 1 and t.isupper():
            add((fi("all_caps"), 1.0))
        digits = len(_DIGIT.findall(t)) / max(len(t), 1)
        add((_T_DIGITS[_bucket(digits, _DIGITS)], 1.0))
        add((_T_LINKS[_bucket(v.link_frac, _LINKS)], 1.0))
        if "©" in t or "copyright" in t.lower():
            add((fi("copyright"), 1.0))
        if _URL.search(t):
            add((fi("url"), 1.0))
        if _BULLET.match(t):
            add((fi("bullet"), 1.0))
        if t.count("|") >= 2:
            add((fi("pipes"), 1.0))
        if w <= 12 and _MONTH.search(t) and _YEAR.search(t):
            add((fi("date_line"), 1.0))
        if counts[t.casefold()] > 1:
            add((fi("repeated"), 1.0))
        add((_T_POS[_bucket(i / max(n - 1, 1), _POS)], 1.0))
        add((_T_BEFORE[_bucket(before / total_words, _BEFORE)], 1.0))
        before += w
        window = lengths[max(0, i - 3) : i + 4]
        add((_T_WINDOW[_bucket(sum(window) / len(window), _WINDOW)], 1.0))
        add((_T_RUN[_bucket(runs[i], _RUN)], 1.0))
        # Structure around the block: a short line wedged between prose paragraphs (an in-article promo,
        # a caption), or one that only repeats its neighbour's words (image alt text under a headline).
        prose_prev = i > 0 and views[i - 1].n_words >= 12 and views[i - 1].ends_punct
        prose_next = i + 1 < n and views[i + 1].n_words >= 12 and views[i + 1].ends_punct
        if prose_prev and prose_next:
            add((fi("in_prose"), 1.0))
            add((fi(f"in_prose&punct={v.ends_punct}&len={_bucket(w, _PUNCT_LEN)}"), 1.0))
            if _LABEL.match(t):
                add((fi("in_prose&label_line"), 1.0))
        if 0 < len(v.words) <= 6:
            for side, j in (("prev", i - 1), ("next", i + 1)):
                if 0 <= j < n and _echoes(v.words, views[j].word_set):
                    add((fi("echo_" + side), 1.0))
        for side, j in (("prev", i - 1), ("next", i + 1)):
            if 0 <= j < n:
                nb = views[j]
                add((fi(f"{side}_len={_bucket(nb.n_words, _NEIGHBOUR_LEN)}"), 1.0))
                if nb.ends_punct:
                    add((fi(side + "_punct"), 1.0))
                for word in nb.first:
                    add((fi(side + ":" + word), 1.0))
            else:
                add((fi(side + "_none"), 1.0))
        words = v.words
        scale = 1 / math.sqrt(max(len(words), 1))
        # The first words say most about a block (labels, prompts, promos); capping them keeps long
        # paragraphs cheap.
        for word in words[:MAX_WORDS]:
            add((fi("w:" + word), scale))
        for a, b in itertools.pairwise(words[: MAX_BIGRAMS + 1]):
            add((fi("b:" + a + "_" + b), scale))
        for k, word in enumerate(v.first):
            add((fi(f"first{k}:{word}"), 1.0))
        if words:
            add((fi("last:" + words[-1]), 1.0))
        if extra is not None:
            length = _bucket(w, _EXTRA_LEN)
            for name, value in crossed[i]:
                add((fi(name), value))
                add((fi(f"{name}&len={length}"), value))
            for name, value in labels[i]:
                add((fi(name), value))
            for side, j in (("prev", i - 1), ("next", i + 1)):
                if 0 <= j < n:
                    for name, value in crossed[j]:
                        add((fi(side + "_" + name), value))
        out.append(feats)
    return out


_LEN = (0, 1, 2, 4, 8, 15, 30, 60)
_PUNCT_LEN = (4, 10, 25)
_RATIO = (0.2, 0.5, 0.8)
_DIGITS = (0.0, 0.05, 0.2, 0.5)
_LINKS = (0.0, 0.3, 0.7, 0.99)
_POS = (0.05, 0.15, 0.3, 0.5, 0.7, 0.85, 0.95)
_BEFORE = (0.0, 0.05, 0.2, 0.5, 0.8, 0.95)
_WINDOW = (2, 5, 10, 20, 40)
_RUN = (0, 1, 2, 4, 8)
_NEIGHBOUR_LEN = (0, 2, 5, 10, 25)
_EXTRA_LEN = (2, 8, 25)


def _table(prefix: str, edges: Sequence[float]) -> list[int]:
    """Indices of the bucketed feature ``prefix=k`` for every bucket, hashed once at import."""
    return [feature_index(f"{prefix}={k}") for k in range(len(edges) + 1)]


_T_LEN = _table("len", _LEN)
_T_PUNCT_LEN = _table("ends_punct&len", _PUNCT_LEN)
_T_RATIO = _table("title_case", _RATIO)
_T_DIGITS = _table("digits", _DIGITS)
_T_LINKS = _table("links", _LINKS)
_T_POS = _table("pos", _POS)
_T_BEFORE = _table("words_before", _BEFORE)
_T_WINDOW = _table("window", _WINDOW)
_T_RUN = _table("run", _RUN)


def _echoes(words: Sequence[str], other: frozenset[str]) -> bool:
    """Whether nearly every content word of a short block also stands in ``other``."""
    content = [x for x in words if len(x) >= 3]
    return bool(content) and sum(x in other for x in content) >= 0.8 * len(content)


def _prose_runs(views: Sequence[BlockView]) -> list[int]:
    """For each block, the length of the run of prose-like blocks (long, punctuated) it belongs to (0 if
    it is not prose), in one pass."""
    prose = [v.n_words >= 12 and v.ends_punct for v in views]
    runs = [0] * len(views)
    i = 0
    while i < len(views):
        if not prose[i]:
            i += 1
            continue
        j = i
        while j < len(views) and prose[j]:
            j += 1
        for k in range(i, j):
            runs[k] = j - i
        i = j
    return runs
