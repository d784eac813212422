"""Candidate source and content spans for one cue, read off the dependency parse and the quotes.

Given a cue (its tokens and syntactic head), a source is one of the noun phrases of the sentence
(its subject, the object of "according to" or "by", the noun after an inverted "said"...), and a
content is one of: a dependent clause or phrase of the cue, the rest of the clause the cue hangs
from ("..., he said"; "according to X, ..."), or a nearby quotation. The learned scorers pick among
them; the features say how each candidate relates to the cue.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsledger.claims.attribution.view import DocView

_NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})
_NOT_SOURCE_DEPS = frozenset({"compound"})
_NOT_CONTENT_DEPS = frozenset({"punct", "aux", "auxpass", "neg", "cc", "det", "prt", "case", "mark"})
_OPEN_MARKS = "“\"'‘«"
_CLOSE_MARKS = "”\"'’»"
MAX_PATH = 4


@dataclass(frozen=True, slots=True)
class Cue:
    tokens: tuple[int, ...]
    head: int

    @property
    def first(self) -> int:
        return self.tokens[0]

    @property
    def last(self) -> int:
        return self.tokens[-1]

    def end_char(self, v: DocView) -> int:
        return v.end[self.last]


@dataclass(slots=True)
class Candidate:
    kind: str
    start: int  # char offsets
    end: int
    head: int  # token index that anchors the candidate (-1 for quotes)
    features: list[str]


def cue_of(v: DocView, tokens: list[int]) -> Cue:
    """A cue over ``tokens``; its head is the token whose syntactic head lies outside (verbs first)."""
    inside = set(tokens)
    tops = [t for t in tokens if v.head[t] not in inside or v.head[t] == t]
    verbs = [t for t in tops if v.pos[t] in ("VERB", "AUX")]
    head = (verbs or tops or tokens)[0]
    return Cue(tuple(sorted(tokens)), head)


def _bucket(n: int) -> str:
    for limit in (1, 2, 3, 5, 8, 12, 20, 40):
        if n <= limit:
            return str(limit)
    return "more"


def _ancestors(v: DocView, i: int) -> list[int]:
    chain = [i]
    while v.head[chain[-1]] != chain[-1] and len(chain) < 40:
        chain.append(v.head[chain[-1]])
    return chain


def dep_path(v: DocView, a: int, b: int) -> str:
    """The dependency path from token ``a`` up to the common ancestor and down to ``b``."""
    up_a = _ancestors(v, a)
    up_b = _ancestors(v, b)
    pos_b = {t: k for k, t in enumerate(up_b)}
    for k, t in enumerate(up_a):
        if t in pos_b:
            ups = [v.dep[x] for x in up_a[:k]]
            downs = [v.dep[x] for x in reversed(up_b[: pos_b[t]])]
            if len(ups) > MAX_PATH or len(downs) > MAX_PATH:
                return "far"
            return "^".join(ups) + "|" + "v".join(downs)
    return "none"


def _trim(v: DocView, lo: int, hi: int) -> tuple[int, int] | None:
    """Token range [lo, hi] without edge punctuation (quote marks kept when they close a quote)."""
    while lo <= hi and v.is_punct(v_lo := lo) and v.lower[v_lo] not in _OPEN_MARKS:
        lo += 1
    while hi >= lo and v.is_punct(hi) and v.lower[hi] not in _CLOSE_MARKS:
        hi -= 1
    if hi < lo:
        return None
    return lo, hi


def _span_without(v: DocView, keep: int, drop: set[int], lo: int, hi: int) -> tuple[int, int]:
    """The widest contiguous token range around ``keep`` inside [lo, hi] that avoids ``drop``."""
    a = keep
    while a - 1 >= lo and a - 1 not in drop:
        a -= 1
    b = keep
    while b + 1 <= hi and b + 1 not in drop:
        b += 1
    return a, b


def source_candidates(v: DocView, cue: Cue) -> list[Candidate]:
    c = cue.head
    lo, hi = v.sent_bounds[v.sent[c]]
    inside = set(cue.tokens)
    out = []
    cue_text = v.stem[c]
    n_between = 0
    for j in range(lo, hi):
        if j in inside or v.pos[j] not in _NOMINAL or v.dep[j] in _NOT_SOURCE_DEPS:
            continue
        left, right = v.left[j], v.right[j]
        if left <= cue.first <= right or left <= cue.last <= right:
            left, right = _span_without(v, j, inside | {c}, left, right)
            # drop a clause that wraps round the cue, e.g. "the man who said"
            for k in v.children(j):
                if v.dep[k] in ("relcl", "acl") and v.left[k] <= c <= v.right[k]:
                    right = min(right, v.left[k] - 1)
        # a parse may join a byline or heading to the next paragraph's subject ("By Staff Writer / A
        # senior general said"): a source never crosses a line break
        left = max(left, v.para_first[v.para[j]])
        right = min(right, v.para_last[v.para[j]])
        trimmed = _trim(v, left, right)
        if trimmed is None:
            continue
        a, b = trimmed
        path = dep_path(v, j, c)
        before = j < cue.first
        dist = (cue.first - j) if before else (j - cue.last)
        h = v.head[j]
        feats = [
            "bias",
            "path=" + path,
            "cue|path=" + cue_text + "|" + path,
            "pos=" + v.pos[j],
            "dep=" + v.dep[j],
            "ent=" + v.ent[j],
            "dir=" + ("L" if before else "R"),
            "dist=" + _bucket(dist),
            "dir|dist=" + ("L" if before else "R") + _bucket(dist),
            "hw|dep=" + v.lower[h] + "|" + v.dep[j],
            "inq=" + str(v.quote_of[j] >= 0) + str(v.quote_of[c] >= 0),
            "sameq=" + str(v.quote_of[j] == v.quote_of[c]),
            "cue=" + cue_text,
            "cuep|dep=" + v.pos[c] + "|" + v.dep[j],
        ]
        if v.pos[j] == "PRON":
            feats.append("pron=" + v.lower[j])
        if v.dep[h] in ("prep", "agent") or v.pos[h] == "ADP":
            feats.append("pobj=" + v.lower[h] + "|" + v.lower[v.head[h]])
        if before:
            feats.append("nounsL=" + _bucket(n_between))
        n_between += 1
        out.append(Candidate("np", v.start[a], v.end[b], j, feats))
    return out


def _quote_near(v: DocView, cue: Cue) -> list[tuple[str, int]]:
    """Indexes of the nearest quotation before and after the cue (within one sentence's reach)."""
    if not v.quotes:
        return []
    found: list[tuple[str, int]] = []
    s = v.sent[cue.head]
    first_char, last_char = v.start[cue.first], v.end[cue.last]
    own = v.quote_of[cue.head]
    lo_sent = v.sent_bounds[max(0, s - 1)][0]
    hi_sent = v.sent_bounds[min(len(v.sent_bounds) - 1, s + 1)][1] - 1
    lo_char, hi_char = v.start[lo_sent], v.end[hi_sent]
    before = [k for k, q in enumerate(v.quotes) if q[1] <= first_char and q[1] > lo_char and k != own]
    after = [k for k, q in enumerate(v.quotes) if q[0] >= last_char and q[0] < hi_char and k != own]
    if before:
        found.append(("qprev", before[-1]))
    if after:
        found.append(("qnext", after[0]))
    if own >= 0:
        found.append(("qown", own))
    return found


def content_candidates(v: DocView, cue: Cue) -> list[Candidate]:
    c = cue.head
    inside = set(cue.tokens)
    cue_text = v.stem[c]
    raw: list[tuple[str, int, int, int]] = []  # kind, lo token, hi token, anchor
    for t in cue.tokens:
        for k in v.children(t):
            if k in inside or v.dep[k] in _NOT_CONTENT_DEPS:
                continue
            raw.append(("kid:" + v.dep[k], v.left[k], v.right[k], k))
            if v.dep[k] in ("prep", "agent", "dative"):
                for g in v.children(k):
                    if v.dep[g] not in _NOT_CONTENT_DEPS:
                        raw.append(("gkid:" + v.lower[k] + ":" + v.dep[g], v.left[g], v.right[g], g))
    h = v.head[c]
    if h != c:
        drop = set(range(v.left[c], v.right[c] + 1))
        lo, hi = v.left[h], v.right[h]
        left_part = (lo, v.left[c] - 1) if v.left[c] > lo else None
        right_part = (v.right[c] + 1, hi) if v.right[c] < hi else None
        if left_part and right_part:
            raw.append(("rest_both:" + v.dep[c], lo, hi, h))
        elif left_part or right_part:
            part = left_part or right_part
            assert part is not None
            raw.append(("rest:" + v.dep[c], part[0], part[1], h))
        del drop
    lo_s, hi_s = v.sent_bounds[v.sent[c]]
    if cue.last + 1 < hi_s:
        raw.append(("sent_right", cue.last + 1, hi_s - 1, -1))
    if cue.first > lo_s:
        raw.append(("sent_left", lo_s, cue.first - 1, -1))
    p_lo, p_hi = _paragraph(v, cue.first)
    if cue.last + 1 <= p_hi and p_hi >= hi_s and not _closes_own_report(v, cue, hi_s, raw):
        raw.append(("para_right", cue.last + 1, p_hi, -1))
    if p_lo < cue.first and p_lo < lo_s:
        raw.append(("para_left", p_lo, cue.first - 1, -1))
    out = []
    for kind, lo, hi, anchor in raw:
        trimmed = _trim(v, lo, hi)
        if trimmed is None:
            continue
        a, b = trimmed
        out.append(_content(v, cue, kind, a, b, anchor, cue_text))
    for kind, k in _quote_near(v, cue):
        qa, qb = v.quotes[k]
        a = v.token_at(qa)
        b = max(a, v.token_before(qb))
        cand = _content(v, cue, kind, a, b, -1, cue_text)
        cand.start, cand.end = qa, qb
        out.append(cand)
    return out


def _closes_own_report(v: DocView, cue: Cue, sent_end: int, raw: list[tuple[str, int, int, int]]) -> bool:
    """Whether the cue closes a sentence whose report stands before it ("There are 900 troops in Syria,
    officials said on Tuesday."). The sentences after such a cue are the writer's again, not its
    content, unless they open a quotation (`"...," he said. "..."`). What follows the cue in its own
    sentence may only be circumstance (no verb, no colon, no quotation)."""
    for k in range(cue.last + 1, sent_end):
        if v.pos[k] in ("VERB", "AUX") or v.lower[k] in _OPEN_MARKS or v.lower[k] in (":", ";"):
            return False
    if sent_end < v.n and v.lower[sent_end] in _OPEN_MARKS:
        return False
    return any(
        hi < cue.first and kind.startswith(("kid:ccomp", "kid:parataxis", "rest")) for kind, _, hi, _ in raw
    )


def _paragraph(v: DocView, i: int) -> tuple[int, int]:
    """First and last token of the paragraph (text between line breaks) holding token ``i``."""
    lo, hi = v.para_first[v.para[i]], v.para_last[v.para[i]]
    while hi > lo and v.pos[hi] == "SPACE":
        hi -= 1
    return lo, hi


def _content(v: DocView, cue: Cue, kind: str, a: int, b: int, anchor: int, cue_text: str) -> Candidate:
    n = b - a + 1
    pos = "L" if b < cue.first else ("R" if a > cue.last else "O")
    base = kind.split(":")[0]
    feats = [
        "bias",
        "kind=" + kind,
        "base=" + base,
        "cue|kind=" + cue_text + "|" + kind,
        "cue|base=" + cue_text + "|" + base,
        "len=" + _bucket(n),
        "base|len=" + base + _bucket(n),
        "pos=" + pos,
        "base|pos=" + base + pos,
        "first=" + v.lower[a],
        "anchor_pos=" + (v.pos[anchor] if anchor >= 0 else "Q"),
        "cuedep=" + v.dep[cue.head],
        "cuetag=" + v.tag[cue.head],
        "qstart=" + str(v.lower[a] in _OPEN_MARKS),
        "inq_cue=" + str(v.quote_of[cue.head] >= 0),
        "sents=" + _bucket(v.sent[b] - v.sent[a] + 1),
    ]
    if anchor >= 0:
        feats.append("anchor_tag=" + v.tag[anchor])
        feats.append("kind|anchor_tag=" + kind + "|" + v.tag[anchor])
    return Candidate(kind, v.start[a], v.end[b], anchor, feats)
