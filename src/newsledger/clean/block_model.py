"""The block model: which blocks of a page are the article, and which are page furniture.

A logistic regression over hashed block features (``block_features``) gives each block a probability
of being article text; a two-state Viterbi pass then smooths the sequence, because furniture comes in
runs (a footer, a "you may also like" list) and so does the article. Weights are trained by
``scripts/train_block_model.py`` on the extraction data and shipped as a small ``.npz`` file; loading
needs only numpy.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from newsledger.clean.block_features import DIMENSIONS, page_features


def model_path(mode: str) -> Path:
    """Where the shipped model for ``mode`` ("text" or "html") lives in the source tree."""
    return Path(__file__).parent / "data" / f"block_model_{mode}.npz"


@dataclass(frozen=True)
class BlockModel:
    weights: np.ndarray  # float32[DIMENSIONS]
    log_transition: np.ndarray  # [[stay furniture, to article], [to furniture, stay article]] as log-probs
    threshold: float
    floor: float
    info: dict[str, object]

    @classmethod
    def load(cls, path: Path) -> BlockModel:
        """Load weights from an ``.npz`` file: it holds only arrays, nothing executable."""
        with np.load(path, allow_pickle=False) as data:
            weights = np.zeros(DIMENSIONS, dtype=np.float32)
            weights[data["indices"]] = data["values"].astype(np.float32)
            transition = data["transition"].astype(np.float64)
            info = json.loads(str(data["info"]))
        return cls(
            weights=weights,
            log_transition=np.log(transition),
            threshold=float(info["threshold"]),
            floor=float(info.get("floor", 0.0)),
            info=info,
        )

    def probabilities(
        self,
        blocks: Sequence[str],
        *,
        link_chars: Sequence[int | None] | None = None,
        extra: Sequence[dict[str, float]] | None = None,
    ) -> list[float]:
        """P(article text) for each block, before sequence smoothing."""
        probs = []
        for feats in page_features(blocks, link_chars=link_chars, extra=extra):
            z = float(sum(self.weights[i] * v for i, v in feats))
            probs.append(1 / (1 + math.exp(-max(min(z, 30.0), -30.0))))
        return probs

    def keep(
        self,
        blocks: Sequence[str],
        *,
        link_chars: Sequence[int | None] | None = None,
        extra: Sequence[dict[str, float]] | None = None,
    ) -> list[bool]:
        """Which blocks are article text: the smoothed sequence, less blocks the model is sure are not
        (an in-article promo is furniture even when the article runs on both sides of it)."""
        probs = self.probabilities(blocks, link_chars=link_chars, extra=extra)
        smoothed = viterbi(probs, self.log_transition, threshold=self.threshold)
        return [k and p >= self.floor for k, p in zip(smoothed, probs, strict=True)]


def viterbi(probs: Sequence[float], log_transition: np.ndarray, *, threshold: float = 0.5) -> list[bool]:
    """Most likely furniture/article labelling given per-block probabilities and run-length priors.

    The classifier's posteriors are turned into scaled likelihoods by dividing by the decision prior
    implied by ``threshold``, so a threshold other than 0.5 shifts the decisions as it would without
    smoothing.
    """
    if not probs:
        return []
    eps = 1e-6
    prior = np.log(np.array([1 - threshold, threshold]))
    emit = np.array([[math.log(max(1 - p, eps)), math.log(max(p, eps))] for p in probs]) - prior
    n = len(probs)
    score = emit[0].copy()
    back = np.zeros((n, 2), dtype=np.int8)
    for t in range(1, n):
        cand = score[:, None] + log_transition  # from state (row) to state (col)
        back[t] = np.argmax(cand, axis=0)
        score = cand[back[t], [0, 1]] + emit[t]
    state = int(np.argmax(score))
    path = [state]
    for t in range(n - 1, 0, -1):
        state = int(back[t][state])
        path.append(state)
    return [bool(s) for s in reversed(path)]


def html_extra(traf_kept: Sequence[float], contexts: Sequence[Sequence[str]]) -> list[dict[str, float]]:
    """The HTML-only features of each block: trafilatura's verdict and the page's labels for its parts."""
    extra = []
    for kept, words in zip(traf_kept, contexts, strict=True):
        feats = {"traf_kept": kept}
        for word in words:
            feats[f"ctx:{word}"] = 1.0
        extra.append(feats)
    return extra


@lru_cache(maxsize=2)
def shipped_block_model(mode: str) -> BlockModel:
    """The packaged model for "text" or "html" input, loaded once per process."""
    with resources.as_file(resources.files("newsledger.clean") / "data" / f"block_model_{mode}.npz") as path:
        return BlockModel.load(path)
