"""The shipped stance model: (headline or claim, body) → probabilities over the four FNC-1 stances."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from newsledger.framing.stance.features import CUE_NAMES, TextView, dense_input, input_width, read_text
from newsledger.framing.stance.network import StanceNetwork
from newsledger.framing.stance.trees import BoostedTrees
from newsledger.framing.stance.vocabulary import FloatArray, Vocabulary

LABELS = ("agree", "disagree", "discuss", "unrelated")
DATA = Path(__file__).resolve().parent / "data"
BATCH = 256

# Ledger names of the FNC-1 stances: a body that "discusses" a claim reports it without taking a side.
LEDGER_NAMES = {"agree": "favour", "disagree": "against", "discuss": "neutral", "unrelated": "unrelated"}


class StanceModel:
    """A network over term vectors and cues, averaged with boosted trees over the cues; numpy only at run time.

    ``network_share`` is the weight of the network's probabilities in the average (the rest is the trees').
    """

    def __init__(
        self, vocabulary: Vocabulary, network: StanceNetwork, trees: BoostedTrees, *, network_share: float
    ) -> None:
        if network.input_width != input_width(vocabulary):
            raise ValueError("the stance network and vocabulary do not match")
        self.vocabulary = vocabulary
        self.network = network
        self.trees = trees
        self.network_share = network_share

    @classmethod
    def load(cls) -> StanceModel:
        """The shipped weights, read once per process."""
        return _shipped()

    def predict(self, pairs: Sequence[tuple[str, str]]) -> list[dict[str, float]]:
        """Class probabilities for each (headline, body) pair; a text shared by several pairs is read once."""
        views: dict[str, TextView] = {}

        def view(text: str) -> TextView:
            if text not in views:
                views[text] = read_text(text, self.vocabulary)
            return views[text]

        out: list[dict[str, float]] = []
        for start in range(0, len(pairs), BATCH):
            batch = [(view(h), view(b)) for h, b in pairs[start : start + BATCH]]
            probs = self.probabilities(dense_input(batch, self.vocabulary))
            out.extend({label: float(p) for label, p in zip(LABELS, row, strict=True)} for row in probs)
        return out

    def probabilities(self, rows: FloatArray) -> FloatArray:
        """Blended class probabilities of network input rows (the cues are their last columns)."""
        cues = rows[:, -len(CUE_NAMES) :]
        share = self.network_share
        return share * self.network.probabilities(rows) + (1.0 - share) * self.trees.probabilities(cues)


@lru_cache(maxsize=1)
def _shipped() -> StanceModel:
    settings = json.loads((DATA / "settings.json").read_text(encoding="utf-8"))
    return StanceModel(
        Vocabulary.from_json(DATA / "vocabulary.json"),
        StanceNetwork.load(DATA / "network.npz"),
        BoostedTrees.load(DATA / "trees.npz"),
        network_share=float(settings["network_share"]),
    )


def ledger_stance(probs: dict[str, float]) -> tuple[str, float]:
    """The ledger's stance name and its probability.

    A text is "unrelated" only when that is the single most likely class; otherwise the related mass is split
    among favour/against/neutral and the best of those is reported with its share of the related mass, so a
    text that is clearly on topic still gets a side even when the network hesitates over relatedness.
    """
    best = max(LABELS, key=lambda k: probs.get(k, 0.0))
    if best == "unrelated":
        return LEDGER_NAMES[best], probs["unrelated"]
    related = sum(probs.get(k, 0.0) for k in LABELS[:3])
    side = max(LABELS[:3], key=lambda k: probs.get(k, 0.0))
    return LEDGER_NAMES[side], probs[side] / related if related > 0 else 0.0
