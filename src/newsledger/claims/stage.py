"""The ``claims`` pipeline stage: attribution spans, claims and citations for a chunk of articles.

Batched because the check-worthiness model scores every claim of a chunk in one matrix product, and
attribution's context tagger reads the sentences of the whole chunk in length-sorted batches; both run
on the parse the language stage made.
"""

from __future__ import annotations

from bisect import bisect_right

from newsledger.claims.assemble import assemble_claims, build_claims
from newsledger.claims.attribution.finder import find_attributions_batch
from newsledger.claims.checkworthy import CheckworthyModel
from newsledger.claims.repairs import repair_spans
from newsledger.pipeline.stage import ArticleState


def claims_one(state: ArticleState) -> None:
    claims_batch([state])


def claims_batch(states: list[ArticleState]) -> None:
    prepared = []
    texts: list[str] = []
    contexts: list[tuple[str, str]] = []
    # one call for the chunk: the context tagger batches all its sentences together
    found = find_attributions_batch([state.doc for state in states])
    for state, raw_spans in zip(states, found, strict=True):
        a = state.article
        assert a is not None and state.sentences is not None
        spans = repair_spans(state.doc, raw_spans)
        drafts, attributions, citations = assemble_claims(
            a, state.doc, state.sentences, spans, state.mentions or [], state.entities or []
        )
        sents = state.sentences
        starts = [s.start for s in sents]
        sentence_texts = []
        for d in drafts:
            k = max(0, bisect_right(starts, d.start) - 1)
            prev = a.text[sents[k - 1].start : sents[k - 1].end] if k > 0 else ""
            nxt = a.text[sents[k + 1].start : sents[k + 1].end] if k + 1 < len(sents) else ""
            sentence_texts.append(a.text[sents[k].start : sents[k].end] if sents else "")
            texts.append(a.text[d.start : d.end])
            contexts.append((prev, nxt))
        prepared.append((state, drafts, attributions, citations, sentence_texts))
    scores = CheckworthyModel.load().score(texts, contexts) if texts else []
    at = 0
    for state, drafts, attributions, citations, sentence_texts in prepared:
        assert state.article is not None
        mine = scores[at : at + len(drafts)]
        at += len(drafts)
        state.claims = build_claims(state.article, drafts, attributions, mine, sentence_texts)
        state.citations = citations
