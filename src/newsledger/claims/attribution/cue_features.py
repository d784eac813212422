"""Features of one token for the cue tagger: is this word part of an attribution cue?

Cues are mostly reporting verbs ("said", "told", "claimed"), a few prepositions ("according to",
"citing") and nouns ("the report"), but the same verb is a cue only when it governs something said:
the features therefore look at the word, its syntactic role and children, its neighbours and whether
quoted words sit right next to it. Two groups reach further: the word's clusters (see
:mod:`~newsledger.claims.attribution.word_clusters`), so a rare belief or attitude word ("contend",
"disdain") shares weight with frequent ones; and the clause round it (the mark of a complement
clause, whether the token itself sits inside another verb's complement, the sentence's place in its
paragraph).
"""

from __future__ import annotations

from collections.abc import Mapping

from newsledger.claims.attribution.layout_cues import layout_cue, line_lead
from newsledger.claims.attribution.view import DocView

_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "parataxis", "advcl", "attr", "oprd", "csubj"})
_NEAR = 4


def cue_features(v: DocView, i: int, clusters: Mapping[str, tuple[int, ...]] | None = None) -> list[str]:
    """Feature names of token ``i``; ``clusters`` maps a lower-cased word to its cluster ids."""
    w, st, pos, dep = v.lower[i], v.stem[i], v.pos[i], v.dep[i]
    h = v.head[i]
    hw = v.lower[h] if h != i else "<root>"
    prev = v.lower[i - 1] if i > 0 else "<s>"
    prev2 = v.lower[i - 2] if i > 1 else "<s>"
    nxt = v.lower[i + 1] if i + 1 < v.n else "</s>"
    nxt2 = v.lower[i + 2] if i + 2 < v.n else "</s>"
    feats = [
        "bias",
        "w=" + w,
        "st=" + st,
        "s3=" + w[-3:],
        "p=" + pos,
        "t=" + v.tag[i],
        "d=" + dep,
        "st|d=" + st + "|" + dep,
        "st|t=" + st + "|" + v.tag[i],
        "hw=" + hw,
        "hst|d=" + v.stem[h] + "|" + dep,
        "hp|d=" + v.pos[h] + "|" + dep,
        "pw=" + prev,
        "nw=" + nxt,
        "pw2=" + prev2 + "_" + prev,
        "nw2=" + nxt + "_" + nxt2,
        "w|nw=" + w + "_" + nxt,
        "pw|w=" + prev + "_" + w,
        "pt=" + (v.tag[i - 1] if i > 0 else "<s>"),
        "nt=" + (v.tag[i + 1] if i + 1 < v.n else "</s>"),
        "ent=" + v.ent[i],
    ]
    kids = v.children(i)
    kid_deps = sorted({v.dep[k] for k in kids})
    for d in kid_deps:
        feats.append("kd=" + d)
        if d in _CONTENT_DEPS or d in ("nsubj", "nsubjpass", "prep", "agent"):
            feats.append("st|kd=" + st + "|" + d)
    for k in kids:
        if v.dep[k] in ("prep", "agent", "prt"):
            feats.append("st|kw=" + st + "|" + v.lower[k])
        if v.dep[k] in ("nsubj", "nsubjpass"):
            feats.append("subj_p=" + v.pos[k] + "|" + v.ent[k])
            who = v.lower[k] if v.pos[k] == "PRON" else (v.ent[k] or v.pos[k])
            feats.append("st|subj=" + st + "|" + who)
        elif v.dep[k] in _CONTENT_DEPS and v.quoted_between(v.left[k], v.right[k] + 1):
            feats.append("st|quoted_kid=" + st + "|" + v.dep[k])
    q = v.quote_of[i]
    feats.append("inq=" + str(q >= 0))
    sent = v.sent[i]
    lo, hi = v.sent_bounds[sent]
    before = any(v.quote_of[j] >= 0 and v.quote_of[j] != q for j in range(max(lo, i - _NEAR), i))
    after = any(v.quote_of[j] >= 0 and v.quote_of[j] != q for j in range(i + 1, min(hi, i + _NEAR + 1)))
    feats.append("qb=" + str(before))
    feats.append("qa=" + str(after))
    feats.append("st|qb|qa=" + st + "|" + str(before) + str(after))
    if v.quoted_between(lo, hi):
        feats.append("sentq")
    if nxt == ":":
        feats.append("colon_next")
    para_start = v.starts_paragraph(i)
    para_end = v.ends_paragraph(i)
    feats.append("para=" + str(para_start) + str(para_end))
    if w in (":", "—", "―", "-", "--", "–"):
        # "PENCE: ..." transcript turns and "— Name" sign-offs
        first = lo
        while first < i and v.is_punct(first):
            first += 1
        left_words = v.text[v.start[first] : v.start[i]] if first < i else ""
        feats.append("punct_cue=" + w + "|" + _shape(left_words) + "|" + str(i - first))
        feats.append("punct_para=" + w + str(para_start) + str(para_end) + str(v.start[i] == v.start[lo]))
        _layout_features(feats, v, i)
    feats.append("shape=" + _shape(v.text[v.start[i] : v.end[i]]))
    hh = v.head[h]
    feats.append("hd|hhd=" + v.dep[h] + "|" + v.dep[hh] + "|" + dep)
    feats.append("st|inq=" + st + "|" + str(q >= 0))
    if clusters is not None:
        _cluster_features(feats, v, i, clusters.get(w))
    _clause_features(feats, v, i)
    return feats


_CLUSTER_KID_DEPS = ("ccomp", "xcomp", "nsubj", "dobj", "prep")


def _cluster_features(feats: list[str], v: DocView, i: int, ids: tuple[int, ...] | None) -> None:
    if ids is None:
        feats.append("cl=none")
        return
    coarse, mid, fine = ids
    feats.extend(("cla=" + str(coarse), "clb=" + str(mid), "clc=" + str(fine)))
    feats.append("clb|d=" + str(mid) + "|" + v.dep[i])
    feats.append("clc|t=" + str(fine) + "|" + v.tag[i])
    kid_deps = {v.dep[k] for k in v.children(i)}
    feats.extend("clb|kd=" + str(mid) + "|" + d for d in _CLUSTER_KID_DEPS if d in kid_deps)


def _clause_features(feats: list[str], v: DocView, i: int) -> None:
    """What the token governs and what governs it, beyond its own children's labels."""
    st = v.stem[i]
    for k in v.children(i):
        if v.dep[k] == "ccomp":
            marks = [v.lower[g] for g in v.children(k) if v.dep[g] == "mark"]
            mark = marks[0] if marks else "-"
            n = v.right[k] - v.left[k] + 1
            feats.append("ccomp_mark=" + mark)
            feats.append("st|ccomp_mark=" + st + "|" + mark)
            feats.append("ccomp_len=" + ("s" if n < 4 else "m" if n < 10 else "l"))
            feats.append("ccomp_side=" + ("L" if k < i else "R"))
        elif v.dep[k] == "xcomp":
            feats.append("xcomp_to=" + str(any(v.lower[g] == "to" for g in v.children(k))))
    lo, hi = v.sent_bounds[v.sent[i]]
    first_in_para = v.starts_paragraph(lo)
    last_in_para = v.ends_paragraph(hi - 1)
    feats.append("sentpara=" + str(first_in_para) + str(last_in_para))
    feats.append("relpos=" + str(int(4 * (i - lo) / max(1, hi - lo))))
    # a verb inside another verb's complement ("he said she claimed ...") is a cue less often
    chain: list[str] = []
    j = i
    while v.head[j] != j and len(chain) < 6:
        chain.append(v.dep[j])
        j = v.head[j]
    under = "ccomp" in chain
    feats.append("under_ccomp=" + str(under))
    feats.append("st|under_ccomp=" + st + "|" + str(under))
    feats.append("anc_root_st=" + (v.stem[j] if under else "-"))


def _layout_features(feats: list[str], v: DocView, i: int) -> None:
    """Where a colon or dash sits in its paragraph, read from the raw text rather than the parse,
    and which layout cue (see :mod:`~newsledger.claims.attribution.layout_cues`) it is, if any."""
    glyph = ":" if v.lower[i] == ":" else "dash"
    lead = line_lead(v, i)
    words = lead.split()
    size = "0" if not words else "1" if len(words) == 1 else "2-4" if len(words) <= 4 else "5+"
    feats.append("para_lead=" + glyph + "|" + (_shape(lead) if words else "empty") + "|" + size)
    feats.append("layout=" + glyph + "|" + (layout_cue(v, i) or "-"))


def _shape(word: str) -> str:
    if not word:
        return "empty"
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return "nonalpha"
    if all(c.isupper() for c in letters):
        return "UPPER"
    if letters[0].isupper():
        return "Cap"
    return "lower"
