"""Features of one text block in the context of its page, for the block model.

Only what survives in plain text is used (length, punctuation, capitalisation, words, neighbours,
position, Markdown link syntax), so the same model serves scraped text and HTML rendered to text.
Features are named strings hashed into a fixed-size space: no vocabulary to ship, and new words cost
nothing. When the caller knows how much of a block was link text (from HTML), it is passed in.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Sequence

DIMENSIONS = 1 << 18

_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_WORD = re.compile(r"[^\W\d_]{2,}|\d+")
_TOKEN = re.compile(r"\w+")
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
    link_chars = 0

    def keep_text(m: re.Match[str]) -> str:
        nonlocal link_chars
        link_chars += len(m.group(1))
        return m.group(1)

    text = _MD_LINK.sub(keep_text, text)
    return _TAG.sub(" ", text).replace("**", "").replace("__", "").strip(), link_chars


def _bucket(value: float, edges: Sequence[float]) -> int:
    for i, edge in enumerate(edges):
        if value <= edge:
            return i
    return len(edges)


def feature_index(name: str) -> int:
    """Where a named feature lands in the hashed space."""
    return zlib.crc32(name.encode("utf-8")) % DIMENSIONS


class BlockView:
    """Surface facts of one block, computed once and shared by its own and its neighbours' features."""

    __slots__ = ("ends_punct", "first", "link_frac", "n_words", "text", "words")

    def __init__(self, raw: str, *, link_chars: int | None = None) -> None:
        text, md_links = plain(raw)
        self.text = text
        chars = max(len(text), 1)
        self.link_frac = min(1.0, (link_chars if link_chars is not None else md_links) / chars)
        self.words = [w.lower() for w in _WORD.findall(text)]
        self.n_words = len(_TOKEN.findall(text))
        self.ends_punct = bool(_END_PUNCT.search(text))
        self.first = self.words[:3]


def page_features(
    blocks: Sequence[str],
    *,
    link_chars: Sequence[int | None] | None = None,
    extra: Sequence[dict[str, float]] | None = None,
) -> list[list[tuple[int, float]]]:
    """Hashed sparse features (index, value) for every block of one page.

    ``extra`` adds named features per block that only some inputs have (for HTML: whether trafilatura
    kept the block), crossed with the block's length so the model can weigh them by size.
    """
    views = [BlockView(b, link_chars=(link_chars[i] if link_chars else None)) for i, b in enumerate(blocks)]
    n = len(views)
    counts = Counter(v.text.casefold() for v in views)
    lengths = [v.n_words for v in views]
    total_words = max(sum(lengths), 1)
    before = 0
    out = []
    for i, v in enumerate(views):
        feats: dict[str, float] = {"bias": 1.0}
        t = v.text
        w = v.n_words
        feats[f"len={_bucket(w, (0, 1, 2, 4, 8, 15, 30, 60))}"] = 1.0
        feats["log_words"] = math.log1p(w) / 5
        feats["ends_punct"] = float(v.ends_punct)
        feats[f"ends_punct&len={_bucket(w, (4, 10, 25))}"] = float(v.ends_punct)
        feats["ellipsis"] = float(bool(_ELLIPSIS.search(t)))
        feats["ends_colon"] = float(t.endswith(":"))
        feats["starts_lower"] = float(t[:1].islower())
        feats["label_line"] = float(bool(_LABEL.match(t)))
        caps = [x for x in _TOKEN.findall(t) if x[:1].isalpha()]
        if len(caps) >= 3:
            ratio = sum(x[:1].isupper() for x in caps) / len(caps)
            feats[f"title_case={_bucket(ratio, (0.2, 0.5, 0.8))}"] = 1.0
        if t.isupper() and w >= 1:
            feats["all_caps"] = 1.0
        digits = sum(ch.isdigit() for ch in t) / max(len(t), 1)
        feats[f"digits={_bucket(digits, (0.0, 0.05, 0.2, 0.5))}"] = 1.0
        feats[f"links={_bucket(v.link_frac, (0.0, 0.3, 0.7, 0.99))}"] = 1.0
        feats["copyright"] = float("©" in t or "copyright" in t.lower())
        feats["url"] = float(bool(_URL.search(t)))
        feats["bullet"] = float(bool(_BULLET.match(t)))
        feats["pipes"] = float(t.count("|") >= 2)
        feats["date_line"] = float(bool(_MONTH.search(t) and _YEAR.search(t) and w <= 12))
        feats["repeated"] = float(counts[t.casefold()] > 1)
        pos = i / max(n - 1, 1)
        feats[f"pos={_bucket(pos, (0.05, 0.15, 0.3, 0.5, 0.7, 0.85, 0.95))}"] = 1.0
        share_before = before / total_words
        feats[f"words_before={_bucket(share_before, (0.0, 0.05, 0.2, 0.5, 0.8, 0.95))}"] = 1.0
        before += w
        window = lengths[max(0, i - 3) : i + 4]
        feats[f"window={_bucket(sum(window) / len(window), (2, 5, 10, 20, 40))}"] = 1.0
        longest_prose_run = _prose_run(views, i)
        feats[f"run={_bucket(longest_prose_run, (0, 1, 2, 4, 8))}"] = 1.0
        for side, j in (("prev", i - 1), ("next", i + 1)):
            if 0 <= j < n:
                nb = views[j]
                feats[f"{side}_len={_bucket(nb.n_words, (0, 2, 5, 10, 25))}"] = 1.0
                feats[f"{side}_punct"] = float(nb.ends_punct)
                for word in nb.first:
                    feats[f"{side}:{word}"] = 1.0
            else:
                feats[f"{side}_none"] = 1.0
        scale = 1 / math.sqrt(max(len(v.words), 1))
        for word in v.words[:60]:
            feats[f"w:{word}"] = feats.get(f"w:{word}", 0.0) + scale
        for a, b in zip(v.words[:20], v.words[1:21], strict=False):
            feats[f"b:{a}_{b}"] = scale
        for k, word in enumerate(v.first):
            feats[f"first{k}:{word}"] = 1.0
        if v.words:
            feats[f"last:{v.words[-1]}"] = 1.0
        if extra is not None:
            for name, value in extra[i].items():
                feats[name] = value
                if name.startswith("ctx:"):
                    continue
                feats[f"{name}&len={_bucket(w, (2, 8, 25))}"] = value
                for side, j in (("prev", i - 1), ("next", i + 1)):
                    if 0 <= j < n:
                        feats[f"{side}_{name}"] = extra[j].get(name, 0.0)
        merged: dict[int, float] = {}
        for name, value in feats.items():
            if value:
                h = feature_index(name)
                merged[h] = merged.get(h, 0.0) + value
        out.append(sorted(merged.items()))
    return out


def _prose_run(views: Sequence[BlockView], i: int) -> int:
    """Length of the run of prose-like blocks (long, punctuated) that block ``i`` belongs to or borders."""

    def prose(k: int) -> bool:
        return 0 <= k < len(views) and views[k].n_words >= 12 and views[k].ends_punct

    if not prose(i):
        return 0
    lo = hi = i
    while prose(lo - 1):
        lo -= 1
    while prose(hi + 1):
        hi += 1
    return hi - lo + 1
