"""Shared metric arithmetic."""

from __future__ import annotations

from collections import Counter


def prf(tp: float, fp: float, fn: float) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def bag_prf(predicted: Counter[str], gold: Counter[str]) -> dict[str, float]:
    """Precision/recall/F1 of two bags of tokens, counted with multiplicity."""
    overlap = sum((predicted & gold).values())
    return prf(overlap, sum(predicted.values()) - overlap, sum(gold.values()) - overlap)
