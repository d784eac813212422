"""Technique classification: which of the 14 techniques a given span uses.

A multinomial logistic regression (weights trained by ``scripts/train_propaganda.py``) over
- MiniLM's pooled vector of the span text, the mean of its contextual word vectors, and the vector of the
  sentence(s) around it (what the span says and where);
- cues the vectors miss: length, how often the span's words recur in the article (repetition is a
  technique of its own), capitals, exclamation and question marks, quotes, position;
- the span's lower-cased words and word pairs from a vocabulary kept at training time.
Class priors live in the intercepts: loaded language and name calling are most of the labels.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from newsledger.framing.propaganda.encoder import FloatArray, embed_texts
from newsledger.framing.propaganda.span_tagger import DATA, WordTable
from newsledger.framing.propaganda.text import word_spans

CLASSIFIER_FILE = DATA / "technique_classifier.npz"
VOCABULARY_FILE = DATA / "technique_vocabulary.json"
N_CUES = 16
_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[!?\"“”]")
_QUOTES = frozenset("\"“”'‘’«»")


def span_tokens(span_text: str) -> list[str]:
    """Lower-cased words and word pairs of a span (the bag-of-words part of its features)."""
    words = [w.lower() for w in _TOKEN.findall(span_text)]
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


def dense_features(
    text: str,
    table: WordTable,
    spans: Sequence[tuple[int, int]],
    span_vectors: FloatArray | None = None,
) -> FloatArray:
    """Vector and cue features of each span: [span vector, in-context word mean, sentence mean, cues].

    ``span_vectors`` are the MiniLM vectors of the span texts when the caller has encoded them already
    (batched over many articles); otherwise they are encoded here.
    """
    texts = [text[s:e] for s, e in spans]
    if span_vectors is None:
        span_vectors = embed_texts(texts)
    dim = span_vectors.shape[1]
    lowered = text.lower()
    counts = Counter(lowered[s:e] for s, e in word_spans(text, 0, len(text)))
    first_line_end = text.find("\n") if "\n" in text else len(text)
    out = np.zeros((len(spans), 3 * dim + N_CUES), dtype=np.float32)
    for i, (start, end) in enumerate(spans):
        out[i, :dim] = span_vectors[i]
        inside = (table.words[:, 0] < end) & (table.words[:, 1] > start)
        if inside.any():
            out[i, dim : 2 * dim] = table.vectors[inside].mean(axis=0)
            sentences = np.unique(table.sentence[inside])
            out[i, 2 * dim : 3 * dim] = table.sentence_vectors[sentences].mean(axis=0)
            sentence_words = np.isin(table.sentence, sentences)
            covered = inside.sum() / max(int(sentence_words.sum()), 1)
            n_sentences = len(sentences)
        else:
            covered, n_sentences = 0.0, 1
        out[i, 3 * dim :] = _cues(texts[i], start, lowered, counts, len(text), first_line_end)
        out[i, 3 * dim + 14] = covered
        out[i, 3 * dim + 15] = float(n_sentences > 1)
    return out


def _cues(
    span: str, start: int, lowered: str, counts: Counter[str], length: int, first_line_end: int
) -> list[float]:
    words = re.findall(r"\w+", span)
    content = [w.lower() for w in words if len(w) > 3]
    occurrences = lowered.count(span.lower().strip()) if span.strip() else 0
    return [
        math.log1p(len(span)) / 5.0,
        math.log1p(len(words)) / 3.0,
        math.log1p(max(occurrences - 1, 0)),
        float(occurrences >= 2),
        max((math.log1p(max(counts[w] - 1, 0)) for w in content), default=0.0),
        sum(w[0].isupper() for w in words) / max(len(words), 1),
        float("!" in span),
        float("?" in span),
        float(any(c in _QUOTES for c in span)),
        float(span[:1] in _QUOTES or span[-1:] in _QUOTES),
        start / max(length, 1),
        float(start < first_line_end),
        float(any(c.isdigit() for c in span)),
        float(any(len(w) > 1 and w.isupper() and w.isalpha() for w in words)),
        0.0,  # share of its sentence covered (filled by the caller)
        0.0,  # spans more than one sentence (filled by the caller)
    ]


@dataclass(frozen=True, slots=True)
class TechniqueClassifier:
    """Shipped weights: standardisation of the dense features, coefficients, intercepts, vocabulary."""

    labels: tuple[str, ...]
    mean: FloatArray
    scale: FloatArray
    dense_coef: FloatArray
    bag_coef: FloatArray
    intercept: FloatArray
    vocabulary: dict[str, int]

    def probabilities(
        self,
        text: str,
        table: WordTable,
        spans: Sequence[tuple[int, int]],
        span_vectors: FloatArray | None = None,
    ) -> FloatArray:
        """One row of technique probabilities (in ``labels`` order) per span (see ``dense_features``
        for ``span_vectors``)."""
        if not spans:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        dense = (dense_features(text, table, spans, span_vectors) - self.mean) / self.scale
        scores = dense @ self.dense_coef + self.intercept
        for i, (start, end) in enumerate(spans):
            hits = {self.vocabulary[t] for t in span_tokens(text[start:end]) if t in self.vocabulary}
            if hits:
                scores[i] += self.bag_coef[sorted(hits)].sum(axis=0)
        scores = scores - scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        probabilities: FloatArray = (exp / exp.sum(axis=1, keepdims=True)).astype(np.float32)
        return probabilities


@lru_cache(maxsize=1)
def load_classifier(path: Path = CLASSIFIER_FILE, vocabulary: Path = VOCABULARY_FILE) -> TechniqueClassifier:
    """The shipped technique classifier."""
    meta = json.loads(vocabulary.read_text(encoding="utf-8"))
    with np.load(path) as data:
        return TechniqueClassifier(
            labels=tuple(meta["labels"]),
            mean=data["mean"].astype(np.float32),
            scale=data["scale"].astype(np.float32),
            dense_coef=data["dense_coef"].astype(np.float32),
            bag_coef=data["bag_coef"].astype(np.float32),
            intercept=data["intercept"].astype(np.float32),
            vocabulary={token: i for i, token in enumerate(meta["vocabulary"])},
        )
