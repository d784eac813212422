"""The ``claims`` stage: cut an article into claims, each with its attribution, chain, certainty and kind.

Inputs are the article's sentences and the attribution finder's spans (source, cue, content). A claim
is one statement: a sentence, or the part of a sentence an attribution's content covers. A sentence
that carries a quotation and its frame ("'…,' the agency quoted a source as saying on Tuesday") gives
one claim, the quoted words; the frame is attribution, not a statement of its own unless enough words
are left beside it (``OWN_VOICE_MIN_WORDS``). A content running over several sentences (a long quote)
gives one claim per sentence, all with the same attribution.

Chains run from the outlet inwards. An attribution nested in another's content (RIA Novosti
reporting what a Pentagon spokesperson said) extends its parent's chain; a cue of the form "quoted /
cited X as saying" adds X after the quoting source; a document ("the report published by SANA") stands
for the ones who issued it. Each link of a chain becomes a citation of the article (outlet → first
link, then each link via the one before), which the stories stage draws as a graph.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from newsledger.claims.attribution.finder import AttributionSpans, parents
from newsledger.claims.attribution.quotes import quote_regions
from newsledger.claims.certainty import certainty_of
from newsledger.claims.kinds import claim_kind
from newsledger.claims.negation import is_negated
from newsledger.claims.speakers import Speaker, SpeakerResolver
from newsledger.ids import record_id
from newsledger.records import Article, Attribution, Citation, Claim, Entity, Mention, Sentence

MIN_CLAIM_WORDS = 4
MIN_ATTRIBUTED_WORDS = 2
"""A reported statement can be short ("called the report 'erroneous'"): two words make a claim."""
OWN_VOICE_MIN_WORDS = 6
_WORD = re.compile(r"\w+")
_QUOTES = "\"“”‘’«»'"
_QUOTED_AS = re.compile(
    r"\b(?:quot(?:ed|es|ing)|cit(?:ed|es|ing))\s+(?P<who>.{3,140}?)\s+as\s+(?:saying|stating|telling|writing|declaring)\b",
    re.I | re.S,
)
_DIGIT = re.compile(r"\d")

Mode = Literal["direct", "indirect", "according_to", "document", "own_voice"]


@dataclass(frozen=True, slots=True)
class ClaimDraft:
    """A claim before scoring: its span, the attribution it carries (None: the outlet's own voice)."""

    start: int
    end: int
    attribution: int | None


def assemble_claims(
    article: Article,
    doc: Any,
    sentences: Sequence[Sentence],
    spans: Sequence[AttributionSpans],
    mentions: Sequence[Mention],
    entities: Sequence[Entity],
) -> tuple[list[ClaimDraft], list[Attribution], list[Citation]]:
    """Claim spans with their attributions (not yet scored), and the article's citations."""
    text = article.text
    resolver = SpeakerResolver(doc, mentions, entities)
    order = sorted(range(len(spans)), key=lambda k: (spans[k].cue[0], spans[k].content[0]))
    speakers: dict[int, Speaker | None] = {}
    quotes = quote_regions(text)
    authored: set[int] = set()
    for k in order:
        src = spans[k].source
        if src is not None and _is_author(text, src, quotes):
            authored.add(k)  # "we call on ...", outside any quotation: the article speaks for itself
            src = None
        speakers[k] = resolver.resolve(src) if src is not None else None
    up = parents(spans)
    attributions = [
        Attribution(cue=_cue(text, spans[k]), mode="own_voice")
        if k in authored
        else _attribution(text, k, spans, speakers, up)
        for k in range(len(spans))
    ]
    drafts = _drafts(text, sentences, spans)
    citations = _citations(article.id, attributions)
    return drafts, attributions, citations


def build_claims(
    article: Article,
    drafts: Sequence[ClaimDraft],
    attributions: Sequence[Attribution],
    scores: Sequence[float],
    sentence_of: Sequence[str],
) -> list[Claim]:
    """Finished claims: kind, certainty, polarity and negation read from each claim's words and cue."""
    out = []
    for d, score, sentence in zip(drafts, scores, sentence_of, strict=True):
        content = article.text[d.start : d.end]
        at = attributions[d.attribution] if d.attribution is not None else Attribution()
        # The rest of a sentence frames an attributed claim; an own-voice piece beside another speaker's
        # frame ("..., according to RIA, which had submitted a query") is not framed by it.
        context = sentence if d.attribution is not None else content
        certainty, polarity = certainty_of(at.cue, content, context=context)
        out.append(
            Claim(
                id=record_id("c", article.id, d.start, d.end),
                article_id=article.id,
                start=d.start,
                end=d.end,
                text=content,
                kind=claim_kind(content, has_quantity=bool(_DIGIT.search(content))),
                checkworthiness=round(float(score), 4),
                attribution=at,
                certainty=certainty,
                polarity=_polarity(polarity),
                negated=is_negated(content),
            )
        )
    return out


# --- attribution of one span ---------------------------------------------------------------------


def _attribution(
    text: str,
    k: int,
    spans: Sequence[AttributionSpans],
    speakers: dict[int, Speaker | None],
    up: Sequence[int | None],
) -> Attribution:
    span = spans[k]
    sp = speakers[k]
    cue = _cue(text, span)
    links: list[str] = []
    seen: set[int] = set()
    node: int | None = k
    while node is not None and node not in seen:
        seen.add(node)
        links[:0] = _links(text, spans[node], speakers[node])
        node = up[node]
    chain = tuple(_dedupe(links))
    return Attribution(
        speaker=sp.name if sp else None,
        speaker_entity=sp.entity_id if sp else None,
        cue=cue,
        mode=_mode(text, span, sp),
        chain=chain,
        anonymous=bool(sp and sp.anonymous) or _inner_anonymous(text, span),
    )


def _cue(text: str, span: AttributionSpans) -> str:
    return " ".join(text[span.cue[0] : span.cue[1]].split())


_FIRST_PERSON = frozenset({"we", "i", "us", "me"})


def _is_author(text: str, src: tuple[int, int], quotes: Sequence[tuple[int, int]]) -> bool:
    """A first-person source outside quotation marks is the article's own author."""
    if text[src[0] : src[1]].strip().lower() not in _FIRST_PERSON:
        return False
    return not any(q0 <= src[0] < q1 for q0, q1 in quotes)


def _links(text: str, span: AttributionSpans, sp: Speaker | None) -> list[str]:
    out: list[str] = []
    if sp is not None:
        out.append(" and ".join(sp.authors) if sp.document and sp.authors else sp.name)
    inner = _quoted_as(text, span)
    if inner:
        out.append(inner)
    return out


def _quoted_as(text: str, span: AttributionSpans) -> str | None:
    """X in "quoted/cited X as saying", looked for around the cue (the frame, not the quoted words)."""
    lo = max(0, min(span.cue[0], span.source[0] if span.source else span.cue[0]) - 20)
    window = text[lo : max(span.cue[1], lo) + 160]
    c0, c1 = span.content[0] - lo, span.content[1] - lo
    m = _QUOTED_AS.search(window)
    if m is None or (c0 <= m.start("who") < c1):
        return None
    return " ".join(m.group("who").split())


def _inner_anonymous(text: str, span: AttributionSpans) -> bool:
    inner = _quoted_as(text, span)
    return bool(inner and re.search(r"\b(unnamed|anonymous|sources?|officials?)\b", inner, re.I))


def _mode(text: str, span: AttributionSpans, sp: Speaker | None) -> Mode:
    cue = text[span.cue[0] : span.cue[1]].lower()
    if sp is not None and sp.document:
        return "document"
    if "according" in cue:
        return "according_to"
    before = text[max(0, span.content[0] - 2) : span.content[0] + 1]
    after = text[max(0, span.content[1] - 1) : span.content[1] + 2]
    if any(q in before for q in _QUOTES) and any(q in after for q in _QUOTES):
        return "direct"
    return "indirect"


def _dedupe(links: list[str]) -> list[str]:
    out: list[str] = []
    for link in links:
        if link and (not out or out[-1].casefold() != link.casefold()):
            out.append(link)
    return out


def _citations(article_id: str, attributions: Sequence[Attribution]) -> list[Citation]:
    seen: dict[tuple[str, str | None], Citation] = {}
    for at in attributions:
        via: str | None = None
        for link in at.chain:
            seen.setdefault((link, via), Citation(article_id=article_id, cited=link, via=via))
            via = link
    return [seen[k] for k in sorted(seen, key=lambda k: (k[0], k[1] or ""))]


def _polarity(value: str) -> Literal["asserts", "denies", "questions"]:
    if value == "denies":
        return "denies"
    if value == "questions":
        return "questions"
    return "asserts"


# --- claim spans ---------------------------------------------------------------------------------


def _drafts(text: str, sentences: Sequence[Sentence], spans: Sequence[AttributionSpans]) -> list[ClaimDraft]:
    out: list[ClaimDraft] = []
    for s in sentences:
        covering = [k for k, a in enumerate(spans) if a.content[0] < s.end and s.start < a.content[1]]
        if not covering:
            if _words(text, s.start, s.end) >= MIN_CLAIM_WORDS:
                out.append(ClaimDraft(s.start, s.end, None))
            continue
        # Innermost content first: a nested quote is the inner speaker's claim, not the reporter's.
        covering.sort(key=lambda k: (spans[k].content[1] - spans[k].content[0], k))
        taken: list[tuple[int, int]] = []
        for k in covering:
            a = spans[k]
            lo, hi = _trim(text, max(a.content[0], s.start), min(a.content[1], s.end))
            for piece in _minus(lo, hi, taken):
                p0, p1 = _trim(text, *piece)
                if _words(text, p0, p1) >= MIN_ATTRIBUTED_WORDS:
                    out.append(ClaimDraft(p0, p1, k))
            taken.append((lo, hi))
        frame: list[tuple[int, int]] = list(taken)
        for k in covering:
            a = spans[k]
            frame.append(a.cue)
            if a.source:
                frame.append(a.source)
        for piece in _minus(s.start, s.end, frame):
            p0, p1 = _trim(text, *piece)
            if _words(text, p0, p1) >= OWN_VOICE_MIN_WORDS:
                out.append(ClaimDraft(p0, p1, None))
    out.sort(key=lambda d: (d.start, d.end))
    return _disjoint(out)


def _disjoint(drafts: list[ClaimDraft]) -> list[ClaimDraft]:
    """Claims never overlap (quantities are placed in the one claim that holds them)."""
    out: list[ClaimDraft] = []
    for d in drafts:
        if out and d.start < out[-1].end:
            continue
        out.append(d)
    return out


def _minus(lo: int, hi: int, cuts: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    pieces = [(lo, hi)]
    for c0, c1 in cuts:
        nxt = []
        for p0, p1 in pieces:
            if c1 <= p0 or p1 <= c0:
                nxt.append((p0, p1))
                continue
            if p0 < c0:
                nxt.append((p0, c0))
            if c1 < p1:
                nxt.append((c1, p1))
        pieces = nxt
    return pieces


def _trim(text: str, lo: int, hi: int) -> tuple[int, int]:
    strip = " \n\t,;:–—-" + _QUOTES
    while lo < hi and text[lo] in strip:
        lo += 1
    while hi > lo and text[hi - 1] in strip:
        hi -= 1
    return lo, hi


def _words(text: str, lo: int, hi: int) -> int:
    return len(_WORD.findall(text[lo:hi]))
