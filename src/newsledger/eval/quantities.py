"""Score the quantity extractor on NewsQuant-format data (``eval/quantities/newsquant_dev.json``).

Each item is ``{text, quantities: [{value, unit, normalized_unit, change, referred_concepts}]}``; the CQE
small sets (``cqe_small_sets/*.json``) use the same layout with only ``value`` and ``normalized_unit``,
and are scored the same way (their concept and change metrics are left out).

Matching, per sentence (a quantity can only match within its own sentence):

- **Values** are compared as numbers. A gold value is a number ("1", "1.0", "800000000.0", "1.99E-29")
  or a range written "low-high" ("252.0-287.0", "3.0 - 4.0"; a leading "-" is a sign). A predicted
  quantity's value is its ``value``, or ``(low, high)`` when it is a range with no point value. Two
  numbers are equal when they differ by at most 0.1% of the larger (so "1" == "1.0", 0.6667 == 2/3) or
  when the prediction rounded to the gold's written decimals equals it ("0.33" for one third).
  Percentages are compared as written (19 for "19 per cent"), millions as full numbers (800 million ==
  800000000.0). Two ranges are equal when their ends are, in either order ("36040-34935" is the range
  from 34935 to 36040). A range never equals a point.
- **Value + unit** also needs the normalised units to match: lower-cased, split into words, "of"/"the"/
  "a" dropped and every word made singular, so "Syrian rebels" == "syrian rebel" and "barrels of oil" ==
  "barrel oil". A gold unit "-" means no unit and matches a prediction without one.
  ``value_unit_strict_*`` is the stricter reading of the CQE evaluation script (lower-cased string
  equality), printed beside it for comparison with published figures.
- **Concept**: the gold ``referred_concepts`` ("Ford (F)", "driving range", "earnings, footballers")
  and the predicted ``counted`` are reduced to content words (lower-cased, singular, without stop words
  and without the words of the predicted unit, since ``counted`` names the counted noun too); they match
  when they share a word, or when both are empty (gold "-" means the quantity refers to nothing beyond
  its unit).
- **Change**: the gold ``change`` (=, ~, >, <, up, down) against the prediction's ``change`` when it is
  stated as a change, else its ``direction``.

Gold and predicted quantities are paired one to one: first pairs that agree on value and unit, then
pairs that agree on value only. True positives are counted over those pairs; precision divides by the
number of predictions, recall by the number of gold quantities, both summed over all sentences.

The extractor's rules were written while reading this data, so scores on it are optimistic; the figures
that count are those on the held-back half of NewsQuant and on unseen articles.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from newsledger.errors import EvaluationDataError
from newsledger.eval.metrics import prf
from newsledger.language.quantities.extract import (
    DEFAULT_OPTIONS,
    ExtractorOptions,
    QuantityMention,
    extract_quantities,
)
from newsledger.language.quantities.units import singular

Value = float | tuple[float, float]

_RANGE_RE = re.compile(r"\s*(-?[\d.]+(?:[eE][-+]?\d+)?)\s*-\s*(-?[\d.]+(?:[eE][-+]?\d+)?)\s*")
_WORD_RE = re.compile(r"[a-z0-9%$€£¥]+")
_STOP = frozenset(
    [
        "of",
        "the",
        "a",
        "an",
        "and",
        "or",
        "in",
        "on",
        "at",
        "to",
        "for",
        "by",
        "with",
        "from",
        "per",
        "its",
        "their",
        "his",
        "her",
        "this",
        "that",
        "these",
        "those",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "as",
        "than",
        "more",
        "less",
    ]
)


def gold_value(text: str) -> Value | None:
    """A gold value string as a number or a (low, high) range; None when it is not a number."""
    t = str(text).strip()
    if not t or t == "-":
        return None
    m = _RANGE_RE.fullmatch(t)
    if m is not None and not re.fullmatch(r"-?[\d.]+(?:[eE][-+]?\d+)?", t):
        try:
            a, b = float(m.group(1)), float(m.group(2))
        except ValueError:
            return None
        return (min(a, b), max(a, b))
    try:
        return float(t)
    except ValueError:
        return None


def predicted_value(q: QuantityMention) -> Value | None:
    if q.value is not None:
        return q.value
    if q.low is not None and q.high is not None:
        return (q.low, q.high)
    return q.low if q.low is not None else q.high


def _decimals(text: str) -> int | None:
    t = str(text).strip()
    if re.fullmatch(r"-?\d+\.\d+", t):
        return len(t.split(".")[1])
    return None


def _close(a: float, b: float, gold_text: str | None = None) -> bool:
    if math.isclose(a, b, rel_tol=1e-3, abs_tol=1e-9):
        return True
    places = _decimals(gold_text) if gold_text is not None else None
    return places is not None and places <= 2 and round(b, places) == round(a, places) and a != 0


def values_match(gold: Value, pred: Value, gold_text: str | None = None) -> bool:
    if isinstance(gold, tuple) and isinstance(pred, tuple):
        lo, hi = sorted(pred)
        return _close(gold[0], lo) and _close(gold[1], hi)
    if isinstance(gold, tuple) or isinstance(pred, tuple):
        return False
    return _close(gold, pred, gold_text)


def unit_words(unit: str | None) -> tuple[str, ...]:
    """A unit as comparable words: "barrels of oil" → ("barrel", "oil"); None and "-" → ()."""
    if unit is None or unit.strip() in {"", "-"}:
        return ()
    words = [w for w in _WORD_RE.findall(unit.lower().replace("-", " ")) if w not in {"of", "the", "a", "an"}]
    return tuple(singular(w) for w in words)


def units_match(gold: str | None, pred: str | None) -> bool:
    return unit_words(gold) == unit_words(pred)


def units_match_strict(gold: str | None, pred: str | None) -> bool:
    g = (gold or "-").strip().lower()
    p = (pred or "-").strip().lower()
    return g == p


def content_words(text: str | None) -> set[str]:
    if not text or text.strip() == "-":
        return set()
    return {singular(w) for w in _WORD_RE.findall(text.lower()) if w not in _STOP and not w.isdigit()}


def concepts_match(gold: str | None, counted: str | None, unit: str | None, normalized: str | None) -> bool:
    g = content_words(gold)
    p = content_words(counted) - content_words(unit) - content_words(normalized)
    if not g:
        return not p
    return bool(g & p)


def change_label(q: QuantityMention) -> str:
    return q.change or q.direction


def score_sentence(gold: Sequence[dict[str, Any]], predicted: Sequence[QuantityMention]) -> dict[str, int]:
    """True positives of one sentence under the one-to-one pairing described in the module docstring."""
    gvals = [(g, gold_value(g.get("value", ""))) for g in gold]
    pvals = [(p, predicted_value(p)) for p in predicted]
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for need_unit in (True, False):
        for gi, (g, gv) in enumerate(gvals):
            if gi in used_g or gv is None:
                continue
            for pi, (p, pv) in enumerate(pvals):
                if pi in used_p or pv is None:
                    continue
                if not values_match(gv, pv, str(g.get("value", ""))):
                    continue
                if need_unit and not units_match(g.get("normalized_unit"), p.normalized_unit):
                    continue
                used_g.add(gi)
                used_p.add(pi)
                pairs.append((gi, pi))
                break
    counts = {"value": 0, "value_unit": 0, "value_unit_strict": 0, "concept": 0, "change": 0}
    for gi, pi in pairs:
        g, p = gold[gi], predicted[pi]
        counts["value"] += 1
        counts["value_unit"] += units_match(g.get("normalized_unit"), p.normalized_unit)
        counts["value_unit_strict"] += units_match_strict(g.get("normalized_unit"), p.normalized_unit)
        if "referred_concepts" in g:
            counts["concept"] += concepts_match(g["referred_concepts"], p.counted, p.unit, p.normalized_unit)
        if "change" in g:
            counts["change"] += change_label(p) == str(g["change"]).strip()
    return counts


def load_items(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvaluationDataError(
            f"cannot read {path}: {exc}", hint="pass a NewsQuant-format JSON file"
        ) from exc
    if not isinstance(data, list) or not all(isinstance(x, dict) and "text" in x for x in data):
        raise EvaluationDataError(
            f"{path} is not a list of {{text, quantities}} items", hint="pass a NewsQuant-format JSON file"
        )
    return data


_KEYS = ("value", "value_unit", "value_unit_strict", "concept", "change")


def _item_counts(gold: Sequence[dict[str, Any]], pred: Sequence[QuantityMention]) -> list[int]:
    """[n_gold, n_pred, tp per key in ``_KEYS``] for one item."""
    tps = score_sentence(gold, pred)
    return [len(gold), len(pred), *(tps[k] for k in _KEYS)]


def _scores(rows: Sequence[Sequence[int]], names: Sequence[str], prefix: str = "") -> dict[str, float]:
    n_gold = sum(r[0] for r in rows)
    n_pred = sum(r[1] for r in rows)
    out: dict[str, float] = {}
    for name in names:
        tp = sum(r[2 + _KEYS.index(name)] for r in rows)
        scores = prf(tp, n_pred - tp, n_gold - tp)
        for k in ("precision", "recall", "f1"):
            out[f"{prefix}{name}_{k}"] = scores[k]
    return out


def option_grid() -> list[ExtractorOptions]:
    """Every combination of the extractor's policy switches (16)."""
    fields = ("bare_one", "vague_ranges", "from_to_ranges", "inherit_units")
    return [
        ExtractorOptions(**dict(zip(fields, bits, strict=True)))
        for bits in itertools.product((False, True), repeat=4)
    ]


def cross_validate(
    items: Sequence[dict[str, Any]], docs: Sequence[Any], *, folds: int = 5
) -> tuple[dict[str, float], list[ExtractorOptions]]:
    """K-fold estimate for the option choice: on each fold, the options that score best (value+unit F1,
    then value F1) on the other folds are scored on it; the held-out counts are summed over folds.

    This covers the switches in :class:`ExtractorOptions` only. The rules themselves were written while
    reading this data, so the estimate is still optimistic for them.
    """
    texts = [str(x["text"]) for x in items]
    golds = [list(x.get("quantities") or []) for x in items]
    grid = option_grid()
    rows_by_option = [
        [
            _item_counts(g, extract_quantities(d, article_id="", text=t, options=opt))
            for g, d, t in zip(golds, docs, texts, strict=True)
        ]
        for opt in grid
    ]
    held_out: list[list[int]] = []
    chosen: list[ExtractorOptions] = []
    for k in range(folds):
        train = [i for i in range(len(items)) if i % folds != k]
        test = [i for i in range(len(items)) if i % folds == k]

        def fitness(j: int, train: list[int] = train) -> tuple[float, float]:
            s = _scores([rows_by_option[j][i] for i in train], ["value", "value_unit"])
            return (s["value_unit_f1"], s["value_f1"])

        best = max(range(len(grid)), key=fitness)
        chosen.append(grid[best])
        held_out.extend(rows_by_option[best][i] for i in test)
    names = ["value", "value_unit", "value_unit_strict"]
    if any("referred_concepts" in g for gold in golds for g in gold):
        names.append("concept")
    return _scores(held_out, names, prefix=f"cv{folds}_"), chosen


def _describe(options: ExtractorOptions) -> str:
    return ",".join(
        f"{k}={int(getattr(options, k))}"
        for k in ("bare_one", "vague_ranges", "from_to_ranges", "inherit_units")
    )


def evaluate_quantities(
    path: Path,
    *,
    nlp: Any | None = None,
    folds: int = 5,
    on_item: Callable[[int, dict[str, Any], list[QuantityMention]], None] | None = None,
) -> dict[str, Any]:
    """Precision/recall/F1 of values, value+unit and concepts on a NewsQuant-format file, with speed.

    The plain keys (``value_f1``, ``value_unit_f1``, ``concept_f1`` ...) score the default options;
    ``cv{folds}_*`` are the cross-validated scores of choosing the options on the data (``folds=0``
    skips them). ``extract_share`` is the extractor's time as a share of spaCy's parse of the same
    sentences, the language stage's budget for it. ``on_item`` sees every item with its predictions.
    """
    from newsledger.models.spacy_models import load_spacy

    items = load_items(path)
    model = nlp if nlp is not None else load_spacy()
    texts = [str(x["text"]) for x in items]
    t0 = time.perf_counter()
    docs = list(model.pipe(texts, batch_size=64))
    t1 = time.perf_counter()
    preds = [extract_quantities(d, article_id="", text=t) for d, t in zip(docs, texts, strict=True)]
    t2 = time.perf_counter()
    if on_item is not None:
        for i, (item, pred) in enumerate(zip(items, preds, strict=True)):
            on_item(i, item, pred)
    golds = [list(x.get("quantities") or []) for x in items]
    rows = [_item_counts(g, p) for g, p in zip(golds, preds, strict=True)]
    names = ["value", "value_unit", "value_unit_strict"]
    if any("referred_concepts" in g for gold in golds for g in gold):
        names.append("concept")
    if any("change" in g for gold in golds for g in gold):
        names.append("change")
    out: dict[str, Any] = {
        "data": str(path),
        "sentences": len(items),
        "gold_quantities": sum(r[0] for r in rows),
        "predicted_quantities": sum(r[1] for r in rows),
    }
    out.update(_scores(rows, names))
    if folds > 1 and len(items) >= folds:
        cv, chosen = cross_validate(items, docs, folds=folds)
        out.update(cv)
        out[f"cv{folds}_chosen_default"] = sum(c == DEFAULT_OPTIONS for c in chosen)
        out[f"cv{folds}_chosen"] = sorted({_describe(c) for c in chosen})
    parse_s, extract_s = t1 - t0, t2 - t1
    out["parse_seconds"] = round(parse_s, 3)
    out["extract_seconds"] = round(extract_s, 3)
    out["extract_share"] = round(extract_s / parse_s, 4) if parse_s else 0.0
    return out
