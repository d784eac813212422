"""Features of one token for the cue tagger: is this word part of an attribution cue?

Cues are mostly reporting verbs ("said", "told", "claimed"), a few prepositions ("according to",
"citing") and nouns ("the report"), but the same verb is a cue only when it governs something said:
the features therefore look at the word, its syntactic role and children, its neighbours and whether
quoted words sit right next to it.
"""

from __future__ import annotations

from newsledger.claims.attribution.view import DocView

_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "parataxis", "advcl", "attr", "oprd", "csubj"})
_NEAR = 4


def cue_features(v: DocView, i: int) -> list[str]:
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
    para_start = i == 0 or v.para[i - 1] != v.para[i]
    para_end = i + 1 >= v.n or v.para[i + 1] != v.para[i]
    feats.append("para=" + str(para_start) + str(para_end))
    if w in (":", "—", "―", "-", "--", "–"):
        # "PENCE: ..." transcript turns and "— Name" sign-offs
        first = lo
        while first < i and v.is_punct(first):
            first += 1
        left_words = v.text[v.start[first] : v.start[i]] if first < i else ""
        feats.append("punct_cue=" + w + "|" + _shape(left_words) + "|" + str(i - first))
        feats.append("punct_para=" + w + str(para_start) + str(para_end) + str(v.start[i] == v.start[lo]))
    feats.append("shape=" + _shape(v.text[v.start[i] : v.end[i]]))
    hh = v.head[h]
    feats.append("hd|hhd=" + v.dep[h] + "|" + v.dep[hh] + "|" + dep)
    feats.append("st|inq=" + st + "|" + str(q >= 0))
    return feats


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
