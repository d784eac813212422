"""Stance of an article toward a claim (FNC-1 classes), mapped to the ledger's favour/against/neutral/unrelated."""

from newsledger.framing.stance.model import LABELS, StanceModel, ledger_stance

__all__ = ["LABELS", "StanceModel", "ledger_stance"]
