"""Shared metric arithmetic."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_TOKEN = re.compile(r"\w+")


def prf(tp: float, fp: float, fn: float) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def bag_prf(predicted: Counter[str], gold: Counter[str]) -> dict[str, float]:
    """Precision/recall/F1 of two bags of tokens, counted with multiplicity."""
    overlap = sum((predicted & gold).values())
    return prf(overlap, sum(predicted.values()) - overlap, sum(gold.values()) - overlap)


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    """Shingles of ``size`` lower-cased ``\\w+`` tokens, counted with multiplicity."""
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def shingle_pr(predicted: str, gold: str) -> tuple[float, float]:
    """Precision and recall of one page's output over 4-token shingles; an empty output scores 0."""
    p, g = shingles(predicted), shingles(gold)
    overlap = sum((p & g).values())
    return (overlap / sum(p.values()) if p else 0.0, overlap / sum(g.values()) if g else 0.0)


def averaged_prf(pairs: Iterable[tuple[float, float]]) -> dict[str, float]:
    """Precision and recall averaged over pages, and the F1 of those averages (the benchmark's way)."""
    rows = list(pairs)
    if not rows:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0, "pages": 0}
    precision = sum(p for p, _ in rows) / len(rows)
    recall = sum(r for _, r in rows) / len(rows)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "pages": len(rows),
    }
