"""What the stance network sees for one (headline, body) pair.

The input is the UCL-style layout (term frequencies of headline and body, their TF-IDF cosine) followed by a
few hand cues: how much of the headline reappears in the body and in its opening, and whether denials, hedges
or negations surround those words. The cues are what separates "disagree" from "discuss" on unseen topics.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

from newsledger.framing.stance.text import (
    ADVOCACY,
    CONFIRMING,
    HEDGES,
    NEGATIONS,
    REFUTING,
    REPORTING,
    content_stems,
    sentences,
    words,
)
from newsledger.framing.stance.vocabulary import FloatArray, SparseVector, Vocabulary

LEAD_SENTENCES = 3
CUE_NAMES = (
    "cosine",
    "lead_cosine",
    "jaccard",
    "head_in_body",
    "head_in_lead",
    "bigrams_in_body",
    "bigrams_in_lead",
    "best_sentence_cover",
    "best_sentence_refutes",
    "best_sentence_hedges",
    "best_sentence_negates",
    "head_refutes",
    "head_hedges",
    "head_negates",
    "head_question",
    "lead_refutes",
    "lead_hedges",
    "lead_confirms",
    "body_refutes",
    "body_hedges",
    "body_negates",
    "matching_sentences_refuting",
    "log_body_length",
    "best_sentence_reports",
    "matching_sentences_reporting",
    "lead_reports",
    "body_reports",
    "matching_sentences_advocating",
    "body_advocates",
)


@dataclass(frozen=True)
class TextView:
    """One text read once: its stems, vectors, opening and per-sentence stem sets."""

    stems: list[str]
    stem_set: frozenset[str]
    bigrams: frozenset[tuple[str, str]]
    tf: SparseVector
    tfidf: SparseVector
    lead_tfidf: SparseVector
    lead_set: frozenset[str]
    lead_bigrams: frozenset[tuple[str, str]]
    sentence_sets: list[frozenset[str]]
    sentence_tokens: list[frozenset[str]]
    tokens: frozenset[str]
    question: bool


def read_text(text: str, vocabulary: Vocabulary) -> TextView:
    parts = sentences(text) or [text]
    sentence_tokens = [words(s) for s in parts]
    sentence_stems = [content_stems(t) for t in sentence_tokens]
    stems = [s for group in sentence_stems for s in group]
    lead = [s for group in sentence_stems[:LEAD_SENTENCES] for s in group]
    tf, tfidf = vocabulary.vectors(stems)
    _, lead_tfidf = vocabulary.vectors(lead)
    all_tokens = frozenset(t for group in sentence_tokens for t in group)
    return TextView(
        stems=stems,
        stem_set=frozenset(stems),
        bigrams=frozenset(itertools.pairwise(stems)),
        tf=tf,
        tfidf=tfidf,
        lead_tfidf=lead_tfidf,
        lead_set=frozenset(lead),
        lead_bigrams=frozenset(itertools.pairwise(lead)),
        sentence_sets=[frozenset(s) for s in sentence_stems],
        sentence_tokens=[frozenset(t) | frozenset(sentence_stems[i]) for i, t in enumerate(sentence_tokens)],
        tokens=all_tokens | frozenset(stems),
        question="?" in text,
    )


def _share(part: frozenset[str] | frozenset[tuple[str, str]], whole: frozenset[object]) -> float:
    return len(part & whole) / len(part) if part else 0.0


def _rate(found: int, total: int) -> float:
    return math.log1p(found) / math.log1p(max(total, 1)) if total else 0.0


def _hits(tokens: frozenset[str], words_of_kind: frozenset[str]) -> int:
    return len(tokens & words_of_kind)


def pair_cues(head: TextView, body: TextView) -> FloatArray:
    """The hand cues of one pair, each roughly in [0, 1]."""
    cover = [
        len(head.stem_set & s) / len(head.stem_set) if head.stem_set else 0.0 for s in body.sentence_sets
    ]
    best = int(np.argmax(cover)) if cover else 0
    best_tokens = body.sentence_tokens[best] if body.sentence_tokens else frozenset()
    matching = [i for i, c in enumerate(cover) if c >= 0.3]
    matching = matching or [best]

    def matching_share(kind: frozenset[str]) -> float:
        return sum(1 for i in matching if body.sentence_tokens[i] & kind) / len(matching) if cover else 0.0

    lead_tokens = (
        frozenset().union(*body.sentence_tokens[:LEAD_SENTENCES]) if body.sentence_tokens else frozenset()
    )
    n_sentences = len(body.sentence_sets)
    union = head.stem_set | body.stem_set
    values = [
        head.tfidf.dot(body.tfidf),
        head.tfidf.dot(body.lead_tfidf),
        len(head.stem_set & body.stem_set) / len(union) if union else 0.0,
        _share(head.stem_set, body.stem_set),
        _share(head.stem_set, body.lead_set),
        _share(head.bigrams, body.bigrams),
        _share(head.bigrams, body.lead_bigrams),
        cover[best] if cover else 0.0,
        float(bool(best_tokens & REFUTING)),
        float(bool(best_tokens & HEDGES)),
        float(bool(best_tokens & NEGATIONS)),
        float(bool(head.tokens & REFUTING)),
        float(bool(head.tokens & HEDGES)),
        float(len(head.tokens & NEGATIONS) % 2),
        float(head.question),
        min(_hits(lead_tokens, REFUTING), 3) / 3,
        min(_hits(lead_tokens, HEDGES), 3) / 3,
        min(_hits(lead_tokens, CONFIRMING), 3) / 3,
        _rate(sum(1 for s in body.sentence_tokens if s & REFUTING), n_sentences),
        _rate(sum(1 for s in body.sentence_tokens if s & HEDGES), n_sentences),
        _rate(sum(1 for s in body.sentence_tokens if s & NEGATIONS), n_sentences),
        matching_share(REFUTING),
        math.log1p(len(body.stems)) / 8.0,
        float(bool(best_tokens & REPORTING)),
        matching_share(REPORTING),
        min(_hits(lead_tokens, REPORTING), 3) / 3,
        _rate(sum(1 for s in body.sentence_tokens if s & REPORTING), n_sentences),
        matching_share(ADVOCACY),
        _rate(sum(1 for s in body.sentence_tokens if s & ADVOCACY), n_sentences),
    ]
    return np.asarray(values, dtype=np.float32)


def input_width(vocabulary: Vocabulary) -> int:
    return 2 * len(vocabulary) + len(CUE_NAMES)


def dense_input(pairs: list[tuple[TextView, TextView]], vocabulary: Vocabulary) -> FloatArray:
    """The network input of a batch: [headline tf | body tf | cues], one row per pair."""
    size = len(vocabulary)
    rows = np.zeros((len(pairs), input_width(vocabulary)), dtype=np.float32)
    for r, (head, body) in enumerate(pairs):
        rows[r, head.tf.index] = head.tf.value
        rows[r, size + body.tf.index] = body.tf.value
        rows[r, 2 * size :] = pair_cues(head, body)
    return rows
