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
    backoff_share: float = 0.0
    backoff_floor: float = 0.0

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
            backoff_share=float(info.get("backoff_share", 0.0)),
            backoff_floor=float(info.get("backoff_floor", 0.0)),
        )

    def probabilities(
        self,
        blocks: Sequence[str],
        *,
        link_chars: Sequence[int | None] | None = None,
        extra: Sequence[dict[str, float]] | None = None,
    ) -> list[float]:
        """P(article text) for each block, before sequence smoothing."""
        rows = page_features(blocks, link_chars=link_chars, extra=extra)
        if not rows:
            return []
        owner = np.repeat(np.arange(len(rows)), [len(r) for r in rows])
        pairs = np.array([pair for r in rows for pair in r], dtype=np.float64).reshape(-1, 2)
        index = pairs[:, 0].astype(np.int64)  # indices < 2**18 are exact in float64
        z = np.bincount(owner, weights=self.weights[index] * pairs[:, 1], minlength=len(rows))
        return (1 / (1 + np.exp(-np.clip(z, -30, 30)))).tolist()  # type: ignore[no-any-return]

    def keep(
        self,
        blocks: Sequence[str],
        *,
        link_chars: Sequence[int | None] | None = None,
        extra: Sequence[dict[str, float]] | None = None,
        trafilatura_share: Sequence[float] | None = None,
    ) -> list[bool]:
        """Which blocks are article text: the smoothed sequence, less blocks the model is sure are not
        (an in-article promo is furniture even when the article runs on both sides of it); for HTML,
        backed off towards trafilatura where the model kept far less than it did."""
        probs = self.probabilities(blocks, link_chars=link_chars, extra=extra)
        return self.decide(probs, blocks, trafilatura_share)

    def decide(
        self, probs: Sequence[float], blocks: Sequence[str], trafilatura_share: Sequence[float] | None = None
    ) -> list[bool]:
        """The keep decisions from the model's probabilities (shared by ``keep`` and the training
        script's cross-validation, so what is measured is what runs)."""
        smoothed = viterbi(probs, self.log_transition, threshold=self.threshold)
        keep = [k and p >= self.floor for k, p in zip(smoothed, probs, strict=True)]
        if trafilatura_share is not None and self.backoff_share > 0:
            keep = back_off(
                keep, probs, blocks, trafilatura_share, share=self.backoff_share, floor=self.backoff_floor
            )
        return keep


def back_off(
    keep: Sequence[bool],
    probs: Sequence[float],
    blocks: Sequence[str],
    trafilatura_share: Sequence[float],
    *,
    share: float,
    floor: float,
) -> list[bool]:
    """Add trafilatura's blocks back when the model kept less than ``share`` of the words trafilatura
    kept, except blocks the model gives less than ``floor``.

    The two fail differently. The model misses bodies that look unlike most it was trained on (a list
    of names, a wiki entry behind a long infobox) and then keeps a fraction of the page; trafilatura,
    which reads the page's tree, rarely does. Per page, losing most of the article costs far more than
    a few extra lines, so when the model keeps much less, it yields to trafilatura where it is not sure.
    """
    words = [len(b.split()) for b in blocks]
    ours = sum(w for w, k in zip(words, keep, strict=True) if k)
    theirs = sum(w for w, t in zip(words, trafilatura_share, strict=True) if t >= 0.5)
    if ours >= share * theirs:
        return list(keep)
    return [k or (t >= 0.5 and p >= floor) for k, p, t in zip(keep, probs, trafilatura_share, strict=True)]


def viterbi(probs: Sequence[float], log_transition: np.ndarray, *, threshold: float = 0.5) -> list[bool]:
    """Most likely furniture/article labelling given per-block probabilities and run-length priors.

    The classifier's posteriors are turned into scaled likelihoods by dividing by the decision prior
    implied by ``threshold``, so a threshold other than 0.5 shifts the decisions as it would without
    smoothing.
    """
    if not probs:
        return []
    eps = 1e-6
    # Two states, so plain floats beat numpy's per-call overhead by a wide margin.
    prior_f, prior_a = math.log(1 - threshold), math.log(threshold)
    (ff, fa), (af, aa) = (float(x) for x in log_transition[0]), (float(x) for x in log_transition[1])
    score_f = math.log(max(1 - probs[0], eps)) - prior_f
    score_a = math.log(max(probs[0], eps)) - prior_a
    back: list[tuple[int, int]] = [(0, 1)]
    for p in probs[1:]:
        from_f_to_f, from_a_to_f = score_f + ff, score_a + af
        from_f_to_a, from_a_to_a = score_f + fa, score_a + aa
        best_to_f = 0 if from_f_to_f >= from_a_to_f else 1
        best_to_a = 0 if from_f_to_a >= from_a_to_a else 1
        back.append((best_to_f, best_to_a))
        score_f = max(from_f_to_f, from_a_to_f) + math.log(max(1 - p, eps)) - prior_f
        score_a = max(from_f_to_a, from_a_to_a) + math.log(max(p, eps)) - prior_a
    state = 1 if score_a > score_f else 0
    path = [state]
    for t in range(len(probs) - 1, 0, -1):
        state = back[t][state]
        path.append(state)
    return [bool(s) for s in reversed(path)]


def html_extra(
    traf_kept: Sequence[float],
    contexts: Sequence[Sequence[str]],
    second_kept: Sequence[float] | None = None,
) -> list[dict[str, float]]:
    """The HTML-only features of each block: trafilatura's verdict, Resiliparse's, and the page's
    labels for its parts."""
    extra = []
    for i, (kept, words) in enumerate(zip(traf_kept, contexts, strict=True)):
        feats = {"traf_kept": kept}
        if second_kept:
            feats["resil_kept"] = second_kept[i]
        for word in words:
            feats[f"ctx:{word}"] = 1.0
        extra.append(feats)
    return extra


@lru_cache(maxsize=2)
def shipped_block_model(mode: str) -> BlockModel:
    """The packaged model for "text" or "html" input, loaded once per process."""
    with resources.as_file(resources.files("newsledger.clean") / "data" / f"block_model_{mode}.npz") as path:
        return BlockModel.load(path)
