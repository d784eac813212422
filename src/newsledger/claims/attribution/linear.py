"""A sparse linear scorer over string features, stored as numpy arrays (names, weights, bias).

The weights come from logistic regression in ``scripts/train_attribution.py``; only features with a
non-zero weight are shipped, and scoring is a dictionary sum, so nothing but numpy runs at load time.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path

import numpy as np


class LinearModel:
    __slots__ = ("bias", "weights")

    def __init__(self, weights: dict[str, float], bias: float) -> None:
        self.weights = weights
        self.bias = bias

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        with np.load(path, allow_pickle=False) as data:
            names = [str(n) for n in data["names"]]
            values = [float(x) for x in data["weights"]]
            bias = float(data["bias"][0])
        return cls(dict(zip(names, values, strict=True)), bias)

    def save(self, path: Path) -> None:
        names = sorted(self.weights)
        np.savez_compressed(
            path,
            names=np.array(names, dtype=str),
            weights=np.array([self.weights[n] for n in names], dtype=np.float32),
            bias=np.array([self.bias], dtype=np.float64),
        )

    def margin(self, features: Iterable[str]) -> float:
        """The score before the sigmoid."""
        get = self.weights.get
        return self.bias + sum(get(f, 0.0) for f in features)

    def probability(self, features: Iterable[str]) -> float:
        return sigmoid(self.margin(features))


def sigmoid(m: float) -> float:
    if m < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-m))
