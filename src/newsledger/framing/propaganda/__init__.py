"""Persuasion techniques in news text (SemEval-2020 Task 11): where they are and which ones.

``find_techniques`` (or ``find_techniques_batch`` for many articles, which shares MiniLM batches
across them and is the faster way to read a corpus) finds the spans of an article that carry a technique (span identification) and
names the technique of each (technique classification); ``classify_spans`` names the techniques of spans
found elsewhere (for instance the gold spans of an evaluation). Both read the article with the packaged
MiniLM encoder and the small weight files in ``data/``, which ``scripts/train_propaganda.py`` writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from newsledger.framing.propaganda.encoder import FloatArray, embed_texts
from newsledger.framing.propaganda.span_tagger import WordTable, load_tagger, read_many_words, read_words
from newsledger.framing.propaganda.technique_classifier import load_classifier
from newsledger.framing.propaganda.techniques import READABLE_NAMES, TECHNIQUES, readable
from newsledger.framing.propaganda.text import sentence_spans

__all__ = [
    "READABLE_NAMES",
    "TECHNIQUES",
    "TechniqueSpan",
    "assign_labels",
    "classify_spans",
    "find_techniques",
    "find_techniques_batch",
    "readable",
]


@dataclass(frozen=True, slots=True)
class TechniqueSpan:
    """A span of the article text (character offsets) that uses ``technique``.

    ``score`` is the tagger's mean word probability for the span times the classifier's probability for
    the technique: a span that is surely propaganda but of an unclear kind scores lower than one that
    is both.
    """

    start: int
    end: int
    technique: str
    score: float


def find_techniques(text: str) -> list[TechniqueSpan]:
    """Spans of ``text`` that carry a persuasion technique, each with its most likely technique."""
    if not text.strip():
        return []
    table = _read(text)
    return _named(text, table, load_tagger().spans(text, table), None)


def find_techniques_batch(texts: Sequence[str]) -> list[list[TechniqueSpan]]:
    """``find_techniques`` of each text, faster: the sentences of all texts go through MiniLM together, and
    then the found spans of all texts, in batches of similar length (less padding, fewer calls)."""
    readable_texts = [text for text in texts if text.strip()]
    tables = read_many_words([(text, sentence_spans(text)) for text in readable_texts])
    tagger = load_tagger()
    found = [tagger.spans(text, table) for text, table in zip(readable_texts, tables, strict=True)]
    span_vectors = embed_texts(
        [text[s:e] for text, spans in zip(readable_texts, found, strict=True) for s, e, _ in spans]
    )
    results: list[list[TechniqueSpan]] = []
    at = 0
    by_text = iter(zip(readable_texts, tables, found, strict=True))
    for text in texts:
        if not text.strip():
            results.append([])
            continue
        _, table, spans = next(by_text)
        results.append(_named(text, table, spans, span_vectors[at : at + len(spans)]))
        at += len(spans)
    return results


def _named(
    text: str, table: WordTable, found: list[tuple[int, int, float]], span_vectors: FloatArray | None
) -> list[TechniqueSpan]:
    """The tagger's spans with their best technique and combined score."""
    if not found:
        return []
    classifier = load_classifier()
    probabilities = classifier.probabilities(text, table, [(s, e) for s, e, _ in found], span_vectors)
    spans = []
    for (start, end, span_probability), row in zip(found, probabilities, strict=True):
        best = int(row.argmax())
        spans.append(
            TechniqueSpan(start, end, classifier.labels[best], round(span_probability * float(row[best]), 4))
        )
    return spans


def classify_spans(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[str, float]]:
    """The technique (and its probability) of each span of ``text``.

    A span given twice gets its best technique the first time, its second best the next time, and so
    on: in the task's layout a span is listed once for each technique it carries.
    """
    if not spans:
        return []
    for start, end in spans:
        if not 0 <= start < end <= len(text):
            raise ValueError(f"span ({start}, {end}) is not inside the text of {len(text)} characters")
    table = _read(text)
    classifier = load_classifier()
    return assign_labels(spans, classifier.probabilities(text, table, spans), classifier.labels)


@lru_cache(maxsize=2)
def _read(text: str) -> WordTable:
    """MiniLM's reading of an article, kept for the next call: finding spans and then classifying
    other spans of the same article (as the evaluation does) encodes it once."""
    return read_words(text, sentence_spans(text))


def assign_labels(
    spans: Sequence[tuple[int, int]], probabilities: FloatArray, labels: Sequence[str]
) -> list[tuple[str, float]]:
    """Each span's best label, moving down its ranking for every earlier copy of the same span."""
    seen: dict[tuple[int, int], int] = {}
    out = []
    for span, row in zip(spans, probabilities, strict=True):
        rank = seen.get(tuple(span), 0)  # type: ignore[arg-type]
        seen[(span[0], span[1])] = rank + 1
        order = np.argsort(-row, kind="stable")
        choice = int(order[min(rank, len(order) - 1)])
        out.append((labels[choice], float(row[choice])))
    return out
