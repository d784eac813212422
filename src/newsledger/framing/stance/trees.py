"""Boosted decision trees over the hand cues, evaluated in numpy.

The cue-only trees generalise to unseen topics better than the network, which leans on topic words; averaging
the two lifts the rare "disagree" class. Trees are stored flat: one node table for all trees, each tree's
root offset, and the class whose raw score each tree adds to.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt

from newsledger.framing.stance.vocabulary import FloatArray

IntArray = npt.NDArray[np.int64]


class BoostedTrees:
    """Raw class scores = baseline + sum of leaf values of each class's trees; softmax gives probabilities."""

    def __init__(
        self,
        *,
        feature: IntArray,
        threshold: npt.NDArray[np.float64],
        left: IntArray,
        right: IntArray,
        value: FloatArray,
        leaf: npt.NDArray[np.bool_],
        roots: IntArray,
        tree_class: IntArray,
        baseline: FloatArray,
    ) -> None:
        self.feature, self.threshold, self.left, self.right = feature, threshold, left, right
        self.value, self.leaf, self.roots, self.tree_class, self.baseline = (
            value,
            leaf,
            roots,
            tree_class,
            baseline,
        )

    @classmethod
    def load(cls, path: Path) -> BoostedTrees:
        with np.load(path, allow_pickle=False) as data:
            return cls(
                feature=data["feature"].astype(np.int64),
                threshold=data["threshold"].astype(np.float64),
                left=data["left"].astype(np.int64),
                right=data["right"].astype(np.int64),
                value=data["value"].astype(np.float32),
                leaf=data["leaf"].astype(bool),
                roots=data["roots"].astype(np.int64),
                tree_class=data["tree_class"].astype(np.int64),
                baseline=data["baseline"].astype(np.float32),
            )

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            feature=self.feature.astype(np.int16),
            threshold=self.threshold.astype(np.float64),
            left=self.left.astype(np.int32),
            right=self.right.astype(np.int32),
            value=self.value.astype(np.float32),
            leaf=self.leaf,
            roots=self.roots.astype(np.int32),
            tree_class=self.tree_class.astype(np.int8),
            baseline=self.baseline.astype(np.float32),
        )

    def probabilities(self, cues: npt.NDArray[np.floating]) -> FloatArray:
        """Walk every row down every tree at once, one level per step, until all reach a leaf."""
        cues = cues.astype(np.float64)
        rows = np.arange(cues.shape[0])[:, None]
        node = np.broadcast_to(self.roots, (cues.shape[0], len(self.roots))).copy()
        while True:
            inner = ~self.leaf[node]
            if not inner.any():
                break
            goes_left = cues[rows, self.feature[node]] <= self.threshold[node]
            node = np.where(inner, np.where(goes_left, self.left[node], self.right[node]), node)
        raw = np.tile(self.baseline, (cues.shape[0], 1)).astype(np.float32)
        for k in range(len(self.baseline)):
            raw[:, k] += self.value[node[:, self.tree_class == k]].sum(axis=1)
        raw -= raw.max(axis=1, keepdims=True)
        exp = np.exp(raw)
        probs: FloatArray = (exp / exp.sum(axis=1, keepdims=True)).astype(np.float32)
        return probs
