"""Stance evaluation on the FNC-1 CSV layout: the FNC score and macro-F1 over agree/disagree/discuss/unrelated.

FNC score (as defined by the challenge): a pair earns 0.25 when related/unrelated is right, and a related pair
earns 0.75 more when its exact class is right; reported as a percentage of the best possible total.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsledger.errors import EvaluationDataError
from newsledger.eval.metrics import prf

LABELS = ("agree", "disagree", "discuss", "unrelated")


def read_fnc_pairs(bodies: Path, stances: Path) -> list[tuple[str, str, str]]:
    """(headline, body text, gold stance) for every row of the stance file."""
    csv.field_size_limit(1 << 24)
    with bodies.open(encoding="utf-8", newline="") as handle:
        texts = {row["Body ID"]: row["articleBody"] for row in csv.DictReader(handle)}
    pairs = []
    with stances.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            body = texts.get(row["Body ID"])
            if body is None:
                raise EvaluationDataError(f"stance row names body {row['Body ID']} not in {bodies}")
            pairs.append((row["Headline"], body, row["Stance"].strip()))
    return pairs


def fnc_score(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """The FNC-1 weighted score as a percentage of the maximum."""
    earned = best = 0.0
    for g, p in zip(gold, predicted, strict=True):
        best += 0.25 if g == "unrelated" else 1.0
        if (g == "unrelated") == (p == "unrelated"):
            earned += 0.25
            if g != "unrelated" and g == p:
                earned += 0.75
    return 100.0 * earned / best if best else 0.0


def stance_metrics(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    """FNC score, macro-F1, per-class F1 and the confusion counts (gold → predicted)."""
    confusion = {g: dict.fromkeys(LABELS, 0) for g in LABELS}
    for g, p in zip(gold, predicted, strict=True):
        confusion[g][p] += 1
    per_class = {}
    for label in LABELS:
        tp = confusion[label][label]
        fp = sum(confusion[g][label] for g in LABELS) - tp
        fn = sum(confusion[label].values()) - tp
        per_class[label] = prf(tp, fp, fn)["f1"]
    return {
        "fnc_score": round(fnc_score(gold, predicted), 2),
        "macro_f1": round(sum(per_class.values()) / len(LABELS), 4),
        "f1": per_class,
        "confusion": confusion,
        "accuracy": round(sum(g == p for g, p in zip(gold, predicted, strict=True)) / max(len(gold), 1), 4),
    }


def evaluate_stance(bodies: Path, stances: Path) -> dict[str, Any]:
    """Score the shipped stance model on an FNC-1 style pair of CSV files."""
    from newsledger.framing.stance import StanceModel

    pairs = read_fnc_pairs(bodies, stances)
    unknown = {g for _, _, g in pairs} - set(LABELS)
    if unknown:
        raise EvaluationDataError(f"unknown stance labels in {stances}: {sorted(unknown)}")
    model = StanceModel.load()
    start = time.perf_counter()
    probs = model.predict([(h, b) for h, b, _ in pairs])
    elapsed = time.perf_counter() - start
    predicted = [max(p, key=lambda k: p[k]) for p in probs]
    result = stance_metrics([g for _, _, g in pairs], predicted)
    result["pairs"] = len(pairs)
    result["pairs_per_s"] = round(len(pairs) / elapsed, 1) if elapsed > 0 else 0.0
    return result
