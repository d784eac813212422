"""The term vocabulary shared by training and run time: which stems get a slot, and their IDF weights."""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class SparseVector:
    """An L2-normalised vector over the vocabulary, kept as its non-zero slots."""

    index: IntArray
    value: FloatArray

    def dot(self, other: SparseVector) -> float:
        common, mine, theirs = np.intersect1d(
            self.index, other.index, assume_unique=True, return_indices=True
        )
        if not len(common):
            return 0.0
        return float(np.dot(self.value[mine], other.value[theirs]))


class Vocabulary:
    """The most frequent content stems of the training texts, each with a smoothed IDF."""

    def __init__(self, terms: Sequence[str], idf: Sequence[float]) -> None:
        self.terms = list(terms)
        self.slot = {t: i for i, t in enumerate(self.terms)}
        self.idf = np.asarray(idf, dtype=np.float32)

    def __len__(self) -> int:
        return len(self.terms)

    @classmethod
    def build(cls, documents: Iterable[list[str]], *, size: int) -> Vocabulary:
        """Keep the ``size`` most frequent stems (ties broken alphabetically, so the build is deterministic)."""
        frequency: Counter[str] = Counter()
        document_frequency: Counter[str] = Counter()
        count = 0
        for stems in documents:
            count += 1
            frequency.update(stems)
            document_frequency.update(set(stems))
        terms = [t for t, _ in sorted(frequency.items(), key=lambda kv: (-kv[1], kv[0]))[:size]]
        idf = [math.log((1 + count) / (1 + document_frequency[t])) + 1.0 for t in terms]
        return cls(terms, idf)

    def vectors(self, stems: list[str]) -> tuple[SparseVector, SparseVector]:
        """The L2-normalised term-frequency and TF-IDF vectors of one text."""
        counts = Counter(self.slot[s] for s in stems if s in self.slot)
        index = np.array(sorted(counts), dtype=np.int64)
        tf = np.array([counts[i] for i in index], dtype=np.float32)
        tfidf = tf * self.idf[index] if len(index) else tf
        return SparseVector(index, _unit(tf)), SparseVector(index, _unit(tfidf))

    def to_json(self, path: Path) -> None:
        path.write_text(json.dumps({"terms": self.terms, "idf": [round(float(x), 5) for x in self.idf]}))

    @classmethod
    def from_json(cls, path: Path) -> Vocabulary:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["terms"], data["idf"])


def _unit(values: FloatArray) -> FloatArray:
    norm = float(np.linalg.norm(values))
    return (values / norm).astype(np.float32) if norm > 0 else values.astype(np.float32)
