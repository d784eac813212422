"""Score the propaganda-technique models on the SemEval-2020 Task 11 layout.

``articles`` holds ``article<ID>.txt`` files; ``labels`` is the technique file (``id, technique, start,
end`` per line, tab-separated, character offsets). Two figures, as the task defines them:

- **Technique classification (TC)**: every gold span gets one predicted technique (``classify_spans`` on
  the gold spans of its article); micro-F1 over all spans, which equals accuracy since there is exactly
  one prediction per gold span. The same span listed twice with two techniques is two gold items.
- **Span identification (SI)**: ``find_techniques`` on the raw article, techniques ignored. Gold spans of
  an article are the technique spans with overlapping ones merged (the task's SI gold); predicted spans
  are merged the same way. With S the predicted and T the gold spans of all articles,
  precision = (1/|S|) * sum over s in S, t in T of the same article of |s ∩ t| / |s|,
  recall = (1/|T|) * sum over the same pairs of |s ∩ t| / |t|, F1 their harmonic mean. A span partly
  right earns partial credit, in proportion to the characters it shares with gold.

Every article of the folder is scored, whether or not it has gold spans (predicted spans in an article
without propaganda lower precision).
"""

from __future__ import annotations

import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from newsledger.errors import EvaluationDataError
from newsledger.eval.metrics import prf

Span = tuple[int, int]
GoldSpan = tuple[int, int, str]
_ARTICLE = re.compile(r"article(\d+)\.txt$")


def read_articles(folder: Path) -> dict[str, str]:
    """Article id -> text of every ``article<ID>.txt`` in ``folder``."""
    texts = {}
    for path in sorted(folder.glob("article*.txt")):
        match = _ARTICLE.search(path.name)
        if match:
            texts[match.group(1)] = path.read_text(encoding="utf-8")
    return texts


def read_technique_labels(path: Path) -> dict[str, list[GoldSpan]]:
    """Article id -> gold ``(start, end, technique)`` spans, in file order."""
    gold: dict[str, list[GoldSpan]] = defaultdict(list)
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        fields = line.rstrip("\n").split("\t")
        if len(fields) != 4:
            raise EvaluationDataError(
                f"{path}:{number}: expected 'id<TAB>technique<TAB>start<TAB>end', got {line!r}"
            )
        article, technique, start, end = fields
        gold[article].append((int(start), int(end), technique))
    return dict(gold)


def merge_spans(spans: Iterable[Span]) -> list[Span]:
    """Sorted spans with overlapping ones joined (spans that only touch stay apart, as in the SI gold)."""
    merged: list[Span] = []
    for start, end in sorted(set(spans)):
        if end <= start:
            continue
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def span_scores(
    predicted: Mapping[str, Sequence[Span]], gold: Mapping[str, Sequence[Span]]
) -> dict[str, float]:
    """SI precision, recall and F1 with partial-overlap credit (see the module docstring)."""
    precision_sum, recall_sum, n_predicted, n_gold = span_score_sums(predicted, gold)
    precision = precision_sum / n_predicted if n_predicted else 0.0
    recall = recall_sum / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def span_score_sums(
    predicted: Mapping[str, Sequence[Span]], gold: Mapping[str, Sequence[Span]]
) -> tuple[float, float, int, int]:
    """The parts of ``span_scores`` (precision credit, recall credit, predicted and gold span counts),
    which add up across article sets: cross-validation pools them over folds."""
    precision_sum = recall_sum = 0.0
    n_predicted = n_gold = 0
    for article in set(predicted) | set(gold):
        pred = merge_spans(predicted.get(article, ()))
        true = merge_spans(gold.get(article, ()))
        n_predicted += len(pred)
        n_gold += len(true)
        for ps, pe in pred:
            for gs, ge in true:
                shared = min(pe, ge) - max(ps, gs)
                if shared > 0:
                    precision_sum += shared / (pe - ps)
                    recall_sum += shared / (ge - gs)
    return precision_sum, recall_sum, n_predicted, n_gold


def technique_scores(predicted: Sequence[str], gold: Sequence[str]) -> dict[str, Any]:
    """Micro-F1 (accuracy: one prediction per gold span) and per-technique F1 of technique labels."""
    if len(predicted) != len(gold):
        raise ValueError("one predicted technique per gold span is expected")
    correct = sum(p == g for p, g in zip(predicted, gold, strict=True))
    micro = correct / len(gold) if gold else 0.0
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for p, g in zip(predicted, gold, strict=True):
        if p == g:
            tp[g] += 1
        else:
            fp[p] += 1
            fn[g] += 1
    per_technique = {
        label: prf(tp[label], fp[label], fn[label])["f1"] for label in sorted(set(gold) | set(predicted))
    }
    return {"micro_f1": micro, "per_technique_f1": per_technique}


def evaluate_propaganda(articles: Path, labels: Path) -> dict[str, Any]:
    """TC micro-F1 on the gold spans and SI F1 of ``find_techniques`` on every article of ``articles``."""
    from newsledger.framing.propaganda import classify_spans, find_techniques

    texts = read_articles(articles)
    if not texts:
        raise EvaluationDataError(f"no article<ID>.txt files in {articles}")
    gold = {article: spans for article, spans in read_technique_labels(labels).items() if article in texts}
    began = time.perf_counter()
    predicted_spans: dict[str, list[Span]] = {}
    predicted_labels: list[str] = []
    gold_labels: list[str] = []
    for article, text in texts.items():
        predicted_spans[article] = [(s.start, s.end) for s in find_techniques(text)]
        spans = gold.get(article, [])
        if spans:
            guesses = classify_spans(text, [(s, e) for s, e, _ in spans])
            predicted_labels.extend(label for label, _ in guesses)
            gold_labels.extend(technique for _, _, technique in spans)
    elapsed = time.perf_counter() - began
    si = span_scores(predicted_spans, {a: [(s, e) for s, e, _ in spans] for a, spans in gold.items()})
    tc = technique_scores(predicted_labels, gold_labels)
    metrics: dict[str, Any] = {
        "tc_micro_f1": round(tc["micro_f1"], 4),
        "si_f1": round(si["f1"], 4),
        "si_precision": round(si["precision"], 4),
        "si_recall": round(si["recall"], 4),
        "articles": len(texts),
        "gold_spans": len(gold_labels),
        "predicted_spans": sum(len(v) for v in predicted_spans.values()),
        "articles_per_s": round(len(texts) / elapsed, 3) if elapsed > 0 else 0.0,
    }
    for label, f1 in tc["per_technique_f1"].items():
        metrics[f"tc_f1_{label}"] = f1
    return metrics
