"""The stance network's forward pass in numpy: one ReLU hidden layer and a softmax, averaged over members.

Training happens in ``scripts/train_stance.py`` (torch); only the weights travel, as float16 arrays in an .npz.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from newsledger.framing.stance.vocabulary import FloatArray


class StanceNetwork:
    """An ensemble of identically shaped one-hidden-layer networks whose class probabilities are averaged."""

    def __init__(self, members: list[tuple[FloatArray, FloatArray, FloatArray, FloatArray]]) -> None:
        if not members:
            raise ValueError("a stance network needs at least one member")
        self.members = members

    @property
    def input_width(self) -> int:
        return int(self.members[0][0].shape[0])

    @classmethod
    def load(cls, path: Path) -> StanceNetwork:
        with np.load(path, allow_pickle=False) as data:
            count = int(data["members"])
            members = [
                tuple(data[f"{name}_{k}"].astype(np.float32) for name in ("w1", "b1", "w2", "b2"))
                for k in range(count)
            ]
        return cls([(m[0], m[1], m[2], m[3]) for m in members])

    def probabilities(self, rows: FloatArray) -> FloatArray:
        total = np.zeros((rows.shape[0], self.members[0][3].shape[0]), dtype=np.float32)
        for w1, b1, w2, b2 in self.members:
            hidden = np.maximum(rows @ w1 + b1, 0.0)
            logits = hidden @ w2 + b2
            logits -= logits.max(axis=1, keepdims=True)
            exp = np.exp(logits)
            total += exp / exp.sum(axis=1, keepdims=True)
        mean: FloatArray = (total / len(self.members)).astype(np.float32)
        return mean
