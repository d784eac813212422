"""The ``language`` stage: parse articles with spaCy, batched, and cut them into sentences.

Articles come to a worker in chunks; ``nlp.pipe`` parses a chunk at once, which is what makes spaCy
fast. Sentences come from the parse; a user-chosen model without a parser or sentence recogniser
falls back to the rule-based splitter.
"""

from __future__ import annotations

from typing import Any

from newsledger.ids import record_id
from newsledger.language.sentences import split_sentences
from newsledger.models.spacy_models import load_spacy
from newsledger.pipeline.stage import ArticleState
from newsledger.records import Sentence

MAX_CHARS = 2_000_000
"""spaCy refuses longer texts by default (memory); clean articles never come near this."""


def _nlp() -> Any:
    nlp = load_spacy()
    nlp.max_length = MAX_CHARS
    return nlp


def parse_one(state: ArticleState) -> None:
    assert state.article is not None
    _attach(state, _nlp()(state.article.text))


def parse_batch(states: list[ArticleState]) -> None:
    texts = [s.article.text for s in states if s.article is not None]
    for state, doc in zip(states, _nlp().pipe(texts, batch_size=64), strict=True):
        _attach(state, doc)


def _attach(state: ArticleState, doc: Any) -> None:
    assert state.article is not None
    state.doc = doc
    state.sentences = sentences_of(doc, state.article.id, state.article.text)


def sentences_of(doc: Any, article_id: str, text: str) -> list[Sentence]:
    """Sentences from the parse, whitespace-trimmed, paragraph breaks always ending one."""
    if not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return split_sentences(text, article_id)
    out = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        # A parse can run a sentence across a paragraph break (a headline-like line); cut it there.
        pieces = text[start:end].split("\\n\\n")
        offset = start
        for piece in pieces:
            a, b = offset, offset + len(piece)
            offset = b + 2
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                out.append(
                    Sentence(id=record_id("s", article_id, a, b), article_id=article_id, start=a, end=b)
                )
    return out
