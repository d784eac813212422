"""What a number counts, from the dependency parse around it: "US troops | Syria".

A count in news is only comparable across articles when its subject is: "the US has around 900 troops
stationed in Syria" and "the USA now has 4000 soldiers in Syria" are the same kind of claim, "Syria's
daily oil production" is another. The counted subject is written ``WHAT | WHERE``:

- WHAT is the counted noun with its modifiers ("military bases", "Syrian rebels", "army personnel"), the
  owner when a possession verb gives one ("the US has 900 troops" → "US troops"), or for a measure the
  thing measured ("96 percent of the territory" → "territory", "$150,000 contract" → "contract", "Tesla
  jumped 8.5%" → "Tesla");
- WHERE is a place from a prepositional phrase on the noun or its verb ("in Syria", "stationed in Syria").

Only tokens near the number are visited, so the cost is a few attribute reads per quantity. Names of the
same country are folded ("USA", "U.S.", "United States", "America", "American" → "US") so that the same
subject reads the same in every article.
"""

from __future__ import annotations

from typing import Any

from newsledger.language.quantities.units import singular

_COUNTRY_NAMES = {
    "us": "US",
    "u.s.": "US",
    "u.s": "US",
    "usa": "US",
    "u.s.a.": "US",
    "united states": "US",
    "united states of america": "US",
    "america": "US",
    "american": "US",
    "americans": "US",
    "uk": "UK",
    "u.k.": "UK",
    "britain": "UK",
    "great britain": "UK",
    "united kingdom": "UK",
    "british": "UK",
    "uae": "UAE",
    "united arab emirates": "UAE",
    "eu": "EU",
    "european union": "EU",
}

OWNING_VERBS = frozenset(
    [
        "has",
        "have",
        "had",
        "having",
        "maintains",
        "maintain",
        "maintained",
        "maintaining",
        "keeps",
        "keep",
        "kept",
        "keeping",
        "stations",
        "station",
        "stationed",
        "deploys",
        "deploy",
        "deployed",
        "deploying",
        "sends",
        "send",
        "sent",
        "sending",
        "leaves",
        "leave",
        "left",
        "leaving",
        "loses",
        "lose",
        "lost",
        "losing",
        "employs",
        "employ",
        "employed",
        "employing",
        "operates",
        "operate",
        "operated",
        "operating",
        "holds",
        "hold",
        "held",
        "holding",
        "owns",
        "own",
        "owned",
        "owning",
        "retains",
        "retain",
        "retained",
        "boasts",
        "boast",
        "boasted",
        "fields",
        "field",
        "fielded",
        "counts",
        "commands",
        "command",
        "built",
        "build",
        "builds",
        "building",
        "runs",
        "run",
        "ran",
    ]
)
"""Verbs whose subject owns what the number counts: "the US has 900 troops" → "US troops"."""

_PLACE_PREPS = frozenset(["in", "inside", "across", "within", "throughout", "at", "near", "around", "into"])
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss", "npadvmod"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_SKIP_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "his",
        "her",
        "our",
        "my",
        "your",
        "some",
        "any",
    ]
)
_RELATIVE = frozenset(["which", "who", "that", "whom", "whose"])
_BETWEEN_WORDS = frozenset(["more", "fewer", "less", "other", "additional", "extra", "further"])
_NOT_IN_UNIT = frozenset(["last", "next", "this", "that"])
"""Words that turn "2.1 last year" into a date phrase, not a count of years."""
_QUOTES = "\"'“”‘’«»"
MAX_WORDS = 6


def canonical_name(text: str) -> str:
    """ "the United States" → "US"; other names keep their spelling, without a leading "the"."""
    t = text.strip(_QUOTES + " ")
    low = t.lower()
    if low.startswith("the "):
        t, low = t[4:], low[4:]
    return _COUNTRY_NAMES.get(low, t)


def _render(tokens: list[Any]) -> str:
    words: list[str] = []
    glue = False
    for tok in sorted(set(tokens), key=lambda t: t.i):
        if tok.text in {"'s", "’s", "'", "’"} and tok.tag_ == "POS" and words:
            words[-1] += "'s"
            continue
        text = tok.text.strip(_QUOTES)
        if not text or tok.is_space or (tok.is_punct and text not in {"&", "-"}):
            continue
        if text == "-":
            if words:
                words[-1] += "-"
                glue = True
            continue
        if glue and words:
            words[-1] += text
            glue = False
            continue
        if tok.ent_type_ in {"GPE", "NORP"} or text.lower() in _COUNTRY_NAMES:
            text = canonical_name(text)
        words.append(text)
    if len(words) > MAX_WORDS:
        words = words[-MAX_WORDS:]
    return " ".join(words)


def _entity_tokens(tok: Any) -> list[Any]:
    """The whole named entity a token belongs to ("United Kingdom"), or the token itself."""
    if not tok.ent_type_:
        return [tok]
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start - 1].ent_iob_ == "I" and doc[start].ent_iob_ == "I":
        start -= 1
    if doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return [t for t in doc[start:end] if t.lower_ not in _SKIP_WORDS]


def noun_phrase(head: Any, *, exclude: frozenset[int] = frozenset(), with_relcl: bool = False) -> list[Any]:
    """The noun with its premodifiers (adjectives, compounds, possessor), without articles or numbers."""
    out = [head]
    for child in head.lefts:
        if child.i in exclude or child.dep_ not in _MODIFIER_DEPS:
            continue
        if child.tag_ == "CD" or child.lower_ in _SKIP_WORDS or child.pos_ == "PRON":
            continue
        if child.dep_ == "poss":
            lefts = [t for t in child.lefts if t.dep_ != "det" and t.lower_ not in _SKIP_WORDS]
            out.extend(_entity_tokens(child) if child.ent_type_ else [*lefts, child])
            out.extend(c for c in child.rights if c.dep_ == "case")
            continue
        out.extend(
            t for t in child.subtree if t.tag_ != "CD" and t.lower_ not in _SKIP_WORDS and t.i not in exclude
        )
    if head.ent_type_ and head.pos_ == "PROPN":
        out.extend(t for t in _entity_tokens(head) if t not in out)
    if with_relcl:
        for child in head.rights:
            if child.dep_ == "relcl":
                sub = list(child.subtree)
                if len(sub) <= 4 and not any(t.i in exclude or t.like_num for t in sub):
                    out.extend(sub)
    return [t for t in out if t.i not in exclude]


def _resolve(tok: Any) -> Any:
    """A relative pronoun stands for the noun its clause modifies ("Ford, which has ...")."""
    if tok.lower_ in _RELATIVE and tok.head.dep_ == "relcl":
        return tok.head.head
    return tok


def subject_of(verb: Any) -> Any | None:
    """The subject of a verb, climbing through "to be"/"believed to be"/conjunctions when needed."""
    v = verb
    for _ in range(4):
        for child in v.children:
            if child.dep_ in _SUBJECT_DEPS:
                return _resolve(child)
            if child.dep_ == "expl":
                return None
        if v.dep_ in {"xcomp", "conj", "ccomp", "advcl", "acl"} and v.head is not v:
            v = v.head
            continue
        return None
    return None


def owner_of(noun: Any) -> Any | None:
    """The subject of a possession verb that has ``noun`` as object ("the US has 900 troops" → US)."""
    if noun.dep_ != "dobj" or noun.head.lower_ not in OWNING_VERBS:
        return None
    subj = subject_of(noun.head)
    if subj is None or subj.pos_ == "PRON":
        return None
    if subj.ent_type_ in {"GPE", "ORG", "NORP", "PERSON"} or subj.pos_ == "PROPN":
        return subj
    return None


def place_of(*anchors: Any) -> str | None:
    """A place named by "in/inside/across ... <place>" on the noun, its clauses, or its verb."""
    seen: set[int] = set()
    for anchor in anchors:
        if anchor is None:
            continue
        candidates = [anchor, *(c for c in anchor.children if c.dep_ in {"acl", "relcl", "advcl"})]
        for node in candidates:
            for prep in node.children:
                if prep.dep_ != "prep" or prep.lower_ not in _PLACE_PREPS:
                    continue
                for pobj in prep.children:
                    if pobj.dep_ != "pobj" or pobj.i in seen:
                        continue
                    seen.add(pobj.i)
                    places = [pobj, *(c for c in pobj.children if c.dep_ == "conj")]
                    names = [
                        canonical_name(" ".join(t.text for t in _entity_tokens(p)))
                        for p in places
                        if p.ent_type_ in _PLACE_ENTS or (p.pos_ == "PROPN" and not p.ent_type_)
                    ]
                    if names:
                        return ", ".join(dict.fromkeys(names))
    return None


def _join(what: str | None, where: str | None) -> str | None:
    if not what and not where:
        return None
    if where and what and where.lower() in what.lower():
        return what
    return f"{what or '?'} | {where}" if where else what


def counted_for_noun(noun: Any, *, exclude: frozenset[int]) -> str | None:
    """The counted subject of "<number> <noun>": its modifiers, owner and place."""
    tokens = noun_phrase(noun, exclude=exclude)
    has_owner = any(t.dep_ == "poss" or t.ent_type_ in {"NORP", "GPE"} for t in tokens if t is not noun)
    what = _render(tokens)
    if not has_owner:
        owner = owner_of(noun)
        if owner is not None:
            name = canonical_name(" ".join(t.text for t in _entity_tokens(owner)))
            if name.lower() not in what.lower():
                what = f"{name} {what}"
    verb = noun.head if noun.dep_ in {"dobj", "nsubj", "nsubjpass", "attr", "pobj"} else None
    if noun.dep_ == "pobj" and verb is not None:
        verb = verb.head
    return _join(what, place_of(noun, verb))


def _span_head(tokens: list[Any]) -> Any:
    ids = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in ids or t.head is t:
            return t
    return tokens[-1]


def counted_for_measure(tokens: list[Any], *, after: Any | None) -> str | None:
    """What a measure or bare number is about: "96 percent of the territory", "$150,000 contract",
    "a fine of 10.5 million", "Tesla jumped 8.5%", "people who died are believed to be over half a million"."""
    if not tokens:
        return None
    ids = frozenset(t.i for t in tokens)
    head = _span_head(tokens)
    # "... of <NP>" right after the quantity
    if after is not None and after.lower_ == "of" and after.dep_ == "prep":
        for pobj in after.children:
            if pobj.dep_ == "pobj":
                return _join(_render(noun_phrase(pobj, exclude=ids)), place_of(pobj))
    # the quantity modifies a noun after it: "$150,000 contract", "5.2 litre V10 engine"
    if head.dep_ in {"compound", "nmod", "amod", "nummod", "quantmod"} and head.head.i > head.i:
        target = head.head
        if target.pos_ in {"NOUN", "PROPN"}:
            return _join(_render(noun_phrase(target, exclude=ids)), place_of(target))
    # "a fine of 10.5 million", "an interest rate of 1.38pc"
    node = head
    if node.dep_ == "pobj" and node.head.dep_ == "prep":
        prep = node.head
        if prep.head.pos_ in {"NOUN", "PROPN"} and prep.lower_ in {"of", "at"}:
            target = prep.head
            return _join(_render(noun_phrase(target, exclude=ids)), place_of(target))
        node = prep.head
    elif node.dep_ in {
        "dobj",
        "attr",
        "npadvmod",
        "advmod",
        "acomp",
        "oprd",
        "conj",
        "appos",
        "nsubj",
        "ROOT",
    }:
        node = node.head
    else:
        return None
    if node.pos_ not in {"VERB", "AUX"}:
        if node.pos_ in {"NOUN", "PROPN"} and node.i not in ids:
            return _join(_render(noun_phrase(node, exclude=ids)), place_of(node))
        return None
    subj = subject_of(node)
    if subj is None or subj.pos_ == "PRON" or subj.i in ids:
        obj = next((c for c in node.children if c.dep_ == "dobj" and c.i not in ids), None)
        if obj is None or obj.pos_ == "PRON":
            return None
        subj = obj
    return _join(_render(noun_phrase(subj, exclude=ids, with_relcl=True)), place_of(subj, node))


def unit_noun(num_tok: Any, *, after_char: int) -> tuple[Any, Any] | None:
    """The noun a bare number counts ("4000 soldiers", "ten military bases", "thousands of fighters").

    Returns (first token, head noun) of the unit phrase after the number, or None. The number must be a
    numeric modifier of the noun (or the noun the object of "of" after it), and every word in between
    must modify that noun, so "4000 in Syria" or "500 and ..." find no unit.
    """
    doc = num_tok.doc
    head = num_tok.head
    if num_tok.dep_ in {"nummod", "compound", "amod", "nmod", "quantmod", "npadvmod"} and head.i > num_tok.i:
        if head.pos_ in {"NOUN", "PROPN"} and head.i - num_tok.i <= 6:
            first = num_tok.i + 1
            while first < head.i and (doc[first].idx < after_char or doc[first].is_punct):
                first += 1
            between = doc[first : head.i]
            if all(_unit_word(t) for t in between):
                return doc[first], head
        return None
    # "25 million more people", "200 additional troops": a comparative between number and noun
    k = num_tok.i + 1
    while k < len(doc) and doc[k].lower_ in _BETWEEN_WORDS and doc[k].idx >= after_char:
        k += 1
    if k > num_tok.i + 1 and k < len(doc) and doc[k].tag_ in {"NNS", "NNPS"}:
        noun = doc[k]
        if num_tok.head.i in {noun.i, *range(num_tok.i + 1, k)}:
            return doc[k], noun
    # "thousands of the Islamic State's fighters", "one of the best speakers"
    nxt = doc[num_tok.i + 1] if num_tok.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ == "of":
        for pobj in nxt.children:
            if pobj.dep_ == "pobj" and pobj.pos_ in {"NOUN", "PROPN"}:
                mods = [t for t in pobj.lefts if t.dep_ in {"amod", "compound"} and not t.like_num]
                return (mods[0] if mods else pobj), pobj
    return None


def _unit_word(t: Any) -> bool:
    """A word that may stand between a number and the noun it counts ("ten military bases", "approximately
    300 recorded songs", "two new 737 Max jets", "4.3M digital and physical sales")."""
    if t.head.i < t.i or t.lower_ in _NOT_IN_UNIT:
        return False
    if t.tag_ == "CD" or t.pos_ == "NUM":
        doc = t.doc
        glued = t.i > 0 and doc[t.i - 1].text == "-"  # "two F-16 jets"
        named = t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN"  # "two new 737 Max jets"
        return glued or named or (t.dep_ in {"compound", "nmod"} and t.head.pos_ == "PROPN")
    if t.pos_ == "VERB":
        return t.tag_ in {"VBG", "VBN"} and t.dep_ in {"amod", "compound"}
    return t.pos_ not in {"ADP", "PRON", "AUX", "DET"}


def unit_phrase(first: Any, head: Any) -> tuple[str, str]:
    """(surface, normalised) of a count-noun unit: "Syrian “rebels”" → ("Syrian rebels", "syrian rebel").

    "65 snaps of man coverage", "3 pieces of evidence": an "of" phrase without article after the noun
    says what the noun is made of and stays in the unit.
    """
    doc = head.doc
    last = head.i
    nxt = doc[head.i + 1] if head.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ == "of" and nxt.head.i == head.i:
        pobj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
        if (
            pobj is not None
            and pobj.pos_ == "NOUN"
            and pobj.i - nxt.i <= 3
            and not any(c.dep_ in {"det", "poss", "nummod"} for c in pobj.children)
        ):
            last = pobj.i
    words = [
        t.text.strip(_QUOTES)
        for t in doc[first.i : last + 1]
        if not t.is_space and (not t.is_punct or t.text == "-")
    ]
    words = [w for w in words if w and w.lower() not in {"the", "a", "an"}]
    surface = " ".join(words).replace(" - ", "-").replace(" 's", "'s")
    norm = [w.lower() for w in words]
    if norm:
        norm[-1] = singular(norm[-1])
    return surface, " ".join(norm).replace(" - ", "-")
