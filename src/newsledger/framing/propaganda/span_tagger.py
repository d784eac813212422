"""Span identification: which words of an article carry a persuasion technique.

Each word is scored by two small networks (weights trained by ``scripts/train_propaganda.py``) whose
logits are averaged: a two-layer feed-forward one reading MiniLM's contextual vector of the word and of
its neighbours (up to three words each side), the vector of its sentence and a handful of surface cues
(quotes, capitals, exclamation marks, words repeated in the article); and a bidirectional GRU over the
words of the sentence (``word_sequence.py``), which sees where a phrase begins and ends. The two together
beat either alone by about a point of cross-validated span F1. To the averaged logit is added, with a tuned weight, the log-odds of the word itself lying inside a training span (a loaded-
word lexicon counted on the training articles, which the contextual vectors only partly capture). A two-state
Viterbi pass then turns the word scores into spans: a word joins a span when its score beats the
threshold, and each switch between "in" and "out" costs a penalty, so that isolated words and one-word gaps
are smoothed away. The threshold and the penalty were chosen on cross-validated predictions for the
task's partial-credit span F1.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsledger.framing.propaganda.encoder import (
    DIM,
    FloatArray,
    SentenceEncoding,
    encode_sentences,
    word_vectors,
)
from newsledger.framing.propaganda.text import word_spans
from newsledger.framing.propaganda.word_sequence import GruWeights, SequenceScorer

IndexArray = npt.NDArray[np.int64]
DATA = Path(__file__).resolve().parent / "data"
TAGGER_FILE = DATA / "span_tagger.npz"
LEXICON_FILE = DATA / "span_lexicon.json"
_QUOTES = frozenset("\"“”'‘’«»")
N_CUES = 12


@dataclass(frozen=True, slots=True)
class WordTable:
    """The words of an article, sentence by sentence, with everything the tagger reads about them.

    ``words`` are absolute character spans; ``sentence`` gives each word's sentence number; ``vectors``
    are the words' last-layer MiniLM vectors (read by the technique classifier), ``tagger_vectors`` their
    middle-layer ones (read by the span tagger), ``sentence_vectors`` one pooled vector per sentence,
    ``cues`` the surface features (see ``surface_cues``).
    """

    words: IndexArray
    sentence: IndexArray
    vectors: FloatArray
    tagger_vectors: FloatArray
    sentence_vectors: FloatArray
    cues: FloatArray


def read_words(text: str, sentences: Sequence[tuple[int, int]]) -> WordTable:
    """Encode each sentence with MiniLM and collect the tagger's inputs for every word."""
    return read_many_words([(text, sentences)])[0]


def read_many_words(articles: Sequence[tuple[str, Sequence[tuple[int, int]]]]) -> list[WordTable]:
    """``read_words`` for several articles (text and sentence spans each) with one batched MiniLM pass."""
    flat = [text[s:e] for text, sentences in articles for s, e in sentences]
    encodings = encode_sentences(flat)
    tables = []
    at = 0
    for text, sentences in articles:
        tables.append(_table(text, sentences, encodings[at : at + len(sentences)]))
        at += len(sentences)
    return tables


def _table(
    text: str, sentences: Sequence[tuple[int, int]], encodings: Sequence[SentenceEncoding]
) -> WordTable:
    """The word table of one article from the MiniLM encodings of its sentences."""
    counts = Counter(text[s:e].lower() for s, e in word_spans(text, 0, len(text)))
    words: list[tuple[int, int]] = []
    sentence_ids: list[int] = []
    vectors: list[FloatArray] = []
    tagger_vectors: list[FloatArray] = []
    cues: list[FloatArray] = []
    for number, ((start, end), encoding) in enumerate(zip(sentences, encodings, strict=True)):
        spans = word_spans(text, start, end)
        if not spans:
            continue
        words.extend(spans)
        sentence_ids.extend([number] * len(spans))
        last, middle = word_vectors(encoding, [(s - start, e - start) for s, e in spans])
        vectors.append(last)
        tagger_vectors.append(middle)
        cues.append(surface_cues(text, spans, counts))
    dim = encodings[0].pooled.shape[0] if encodings else DIM
    return WordTable(
        words=np.asarray(words, dtype=np.int64).reshape(-1, 2),
        sentence=np.asarray(sentence_ids, dtype=np.int64),
        vectors=np.concatenate(vectors) if vectors else np.zeros((0, dim), np.float32),
        tagger_vectors=np.concatenate(tagger_vectors) if tagger_vectors else np.zeros((0, dim), np.float32),
        sentence_vectors=np.stack([e.pooled for e in encodings])
        if encodings
        else np.zeros((0, dim), np.float32),
        cues=np.concatenate(cues) if cues else np.zeros((0, N_CUES), np.float32),
    )


def surface_cues(text: str, spans: Sequence[tuple[int, int]], counts: Counter[str]) -> FloatArray:
    """Surface features of the words of one sentence, which the MiniLM vectors read only faintly."""
    n = len(spans)
    tokens = [text[s:e] for s, e in spans]
    exclaims = float("!" in tokens)
    out = np.zeros((n, N_CUES), dtype=np.float32)
    quotes_seen = 0
    for i, token in enumerate(tokens):
        is_quote = token in _QUOTES
        alpha = token.isalpha()
        out[i, 0] = float(not token[0].isalnum())
        out[i, 1] = float(is_quote)
        out[i, 2] = float(token == "!")
        out[i, 3] = float(token == "?")
        out[i, 4] = float(i > 0 and token[0].isupper())
        out[i, 5] = float(alpha and len(token) > 1 and token.isupper())
        out[i, 6] = i / max(n - 1, 1)
        out[i, 7] = np.log1p(n) / 5.0
        out[i, 8] = float(quotes_seen % 2 == 1 and not is_quote)
        out[i, 9] = np.log1p(counts[token.lower()] - 1) / 3.0 if alpha and len(token) > 3 else 0.0
        out[i, 10] = exclaims
        out[i, 11] = float(i == 0 or i == n - 1)
        quotes_seen += int(token in '"“”')
    return out


def assemble(table: WordTable) -> FloatArray:
    """The network's input rows: the word's vector, the previous and next word's, the mean of the two
    words before those and of the two after (within the sentence), the sentence vector and the cues."""
    parts = [table.tagger_vectors, _shifted(table, 1), _shifted(table, -1)]
    parts.append((_shifted(table, 2) + _shifted(table, 3)) / 2.0)
    parts.append((_shifted(table, -2) + _shifted(table, -3)) / 2.0)
    parts += [table.sentence_vectors[table.sentence], table.cues]
    return np.concatenate(parts, axis=1).astype(np.float32)


def _shifted(table: WordTable, by: int) -> FloatArray:
    """Row i holds the vector of word i - ``by`` when that word is in the same sentence, else zeros."""
    vectors = table.tagger_vectors
    n = len(vectors)
    out = np.zeros_like(vectors)
    if n <= abs(by):
        return out
    if by > 0:
        same = table.sentence[by:] == table.sentence[:-by]
        out[by:][same] = vectors[:-by][same]
    else:
        k = -by
        same = table.sentence[:-k] == table.sentence[k:]
        out[:-k][same] = vectors[k:][same]
    return out


@dataclass(frozen=True, slots=True)
class SpanTagger:
    """The shipped word scorer (standardisation, one hidden ReLU layer, a logit) and its decoder settings."""

    mean: FloatArray
    scale: FloatArray
    w1: FloatArray
    b1: FloatArray
    w2: FloatArray
    b2: float
    threshold: float
    penalty: float
    lexicon: dict[str, float]
    lexicon_weight: float
    sequence: SequenceScorer | None = None
    sequence_weight: float = 0.0

    def word_logits(self, rows: FloatArray) -> FloatArray:
        """The feed-forward network's logits of ``assemble``d rows."""
        hidden = np.maximum((rows - self.mean) / self.scale @ self.w1 + self.b1, 0.0)
        return (hidden @ self.w2 + self.b2).astype(np.float32)

    def combined_logits(self, text: str, table: WordTable) -> FloatArray:
        """Both networks' logits, weighted, plus the lexicon's: the scores the decoder reads."""
        logits = self.word_logits(assemble(table))
        if self.sequence is not None and self.sequence_weight:
            logits = (1.0 - self.sequence_weight) * logits + self.sequence_weight * sentence_logits(
                self.sequence, table
            )
        return logits + self.lexicon_weight * self.lexicon_logits(text, table)

    def lexicon_logits(self, text: str, table: WordTable) -> FloatArray:
        """The lexicon's log-odds of each word (lower-cased) being inside a span; 0 for unknown words."""
        return np.array([self.lexicon.get(text[s:e].lower(), 0.0) for s, e in table.words], dtype=np.float32)

    def spans(self, text: str, table: WordTable) -> list[tuple[int, int, float]]:
        """Character spans ``(start, end, mean word probability)`` found in the table's words."""
        if not len(table.words):
            return []
        logits = self.combined_logits(text, table)
        return spans_from_logits(table, logits, threshold=self.threshold, penalty=self.penalty)


def spans_from_logits(
    table: WordTable, logits: FloatArray, *, threshold: float, penalty: float
) -> list[tuple[int, int, float]]:
    """Decode word logits sentence by sentence into ``(start, end, mean word probability)`` spans."""
    found: list[tuple[int, int, float]] = []
    for number in np.unique(table.sentence):
        idx = np.flatnonzero(table.sentence == number)
        for first, last in decode_runs(logits[idx] - threshold, penalty):
            run = idx[first : last + 1]
            if table.cues[run, 0].all():  # punctuation alone is no span
                continue
            probability = float(np.mean(1.0 / (1.0 + np.exp(-logits[run]))))
            found.append((int(table.words[run[0], 0]), int(table.words[run[-1], 1]), probability))
    return found


def decode_runs(scores: FloatArray, penalty: float) -> list[tuple[int, int]]:
    """Best in/out labelling of a sentence (gain ``scores[i]`` for "in", a ``penalty`` per switch,
    starting and ending "out"), returned as inclusive index runs of "in"."""
    n = len(scores)
    if n == 0:
        return []
    best = np.zeros((n, 2))
    back = np.zeros((n, 2), dtype=np.int64)
    best[0] = (0.0, scores[0] - penalty)
    for i in range(1, n):
        for state, gain in ((0, 0.0), (1, float(scores[i]))):
            stay, switch = best[i - 1, state], best[i - 1, 1 - state] - penalty
            back[i, state] = state if stay >= switch else 1 - state
            best[i, state] = max(stay, switch) + gain
    state = 0 if best[-1, 0] >= best[-1, 1] - penalty else 1
    states = np.zeros(n, dtype=np.int64)
    for i in range(n - 1, -1, -1):
        states[i] = state
        state = back[i, state]
    runs: list[tuple[int, int]] = []
    i = 0
    while i < n:
        if states[i]:
            j = i
            while j + 1 < n and states[j + 1]:
                j += 1
            runs.append((i, j))
            i = j + 1
        else:
            i += 1
    return runs


def sentence_logits(scorer: SequenceScorer, table: WordTable) -> FloatArray:
    """The sequence scorer's logits of every word of the table, sentence by sentence."""
    out = np.zeros(len(table.words), dtype=np.float32)
    if not len(out):
        return out
    change = np.flatnonzero(np.diff(table.sentence)) + 1
    for start, end in zip(np.r_[0, change], np.r_[change, len(out)], strict=True):
        out[start:end] = scorer.logits(
            table.tagger_vectors[start:end],
            table.cues[start:end],
            table.sentence_vectors[table.sentence[start]],
        )
    return out


def sequence_scorer_of(weights: Mapping[str, npt.NDArray[Any]]) -> SequenceScorer:
    """The GRU scorer from its arrays (``seq_*`` keys of the tagger file)."""

    def array(key: str) -> FloatArray:
        return np.asarray(weights[f"seq_{key}"], dtype=np.float32)

    def direction(name: str) -> GruWeights:
        return GruWeights(
            w_ih=array(f"{name}_w_ih"),
            w_hh=array(f"{name}_w_hh"),
            b_ih=array(f"{name}_b_ih"),
            b_hh=array(f"{name}_b_hh"),
        )

    return SequenceScorer(
        word_w=array("word_w"),
        word_b=array("word_b"),
        sentence_w=array("sentence_w"),
        sentence_b=array("sentence_b"),
        forward=direction("forward"),
        backward=direction("backward"),
        out_w=array("out_w"),
        out_b=float(array("out_b")),
    )


@lru_cache(maxsize=1)
def load_tagger(path: Path = TAGGER_FILE, lexicon: Path = LEXICON_FILE) -> SpanTagger:
    """The shipped span tagger."""
    words = json.loads(lexicon.read_text(encoding="utf-8"))
    with np.load(path) as data:
        return SpanTagger(
            mean=data["mean"].astype(np.float32),
            scale=data["scale"].astype(np.float32),
            w1=data["w1"].astype(np.float32),
            b1=data["b1"].astype(np.float32),
            w2=data["w2"].astype(np.float32),
            b2=float(data["b2"]),
            threshold=float(data["threshold"]),
            penalty=float(data["penalty"]),
            lexicon={str(w): float(v) for w, v in words["log_odds"].items()},
            lexicon_weight=float(data["lexicon_weight"]),
            sequence=sequence_scorer_of(data) if "seq_word_w" in data.files else None,
            sequence_weight=float(data["sequence_weight"]) if "sequence_weight" in data.files else 0.0,
        )
