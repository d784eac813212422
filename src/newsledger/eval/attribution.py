"""Attribution evaluation on PolNeAR: source, cue and content spans, and whole triples.

Gold: for an article annotated by several people, the annotation file first by name is used (see
``newsledger.claims.attribution.polnear``); an attribution counts when its E line links a cue and a
content (the source may be missing).

Matching, per role (source, cue, content): the gold spans are the distinct spans of that role (a
source shared by two attributions counts once), the predicted spans the distinct predicted ones. Gold spans may be discontinuous in brat ("a b;c d"); predictions are
continuous.

* exact: a predicted span matches a gold span when its (start, end) equals the gold span's extent
  (first fragment's start, last fragment's end), both with surrounding whitespace trimmed.
* overlap: a predicted span matches a gold span when they share at least one character of the
  gold span's fragments (the gap of a discontinuous span does not count).

Matching is one-to-one: candidate pairs are taken greedily, largest shared character count first
(exact pairs are equal so order by position), each gold and each predicted span used once.
Precision = matched / predicted, recall = matched / gold.

A triple (attribution) matches when its cue, content and source match under the same rule, a
missing source matching only a missing source; triples are matched one-to-one the same way.

Speed: ``parse_articles_per_s`` is spaCy parsing (``nlp.pipe``) of the texts; ``articles_per_s``
is the attribution step alone on the parsed documents.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsledger.claims.attribution.finder import AttributionFinder, AttributionSpans, default_finder
from newsledger.claims.attribution.polnear import Fragments, GoldArticle, read_split
from newsledger.claims.attribution.view import DocView
from newsledger.errors import EvaluationDataError
from newsledger.eval.metrics import prf

ROLES = ("source", "cue", "content")


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _extent(text: str, frags: Fragments) -> tuple[int, int]:
    return _strip(text, frags[0][0], frags[-1][1])


def _shared(pred: tuple[int, int], frags: Fragments) -> int:
    return sum(max(0, min(pred[1], b) - max(pred[0], a)) for a, b in frags)


def _greedy(pairs: list[tuple[float, int, int]]) -> int:
    """Size of a one-to-one matching taken greedily from (weight, gold, pred) pairs, heaviest first."""
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, g, p in sorted(pairs, key=lambda x: (-x[0], x[1], x[2])):
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
    return len(used_g)


def _span_matches(text: str, gold: list[Fragments], pred: list[tuple[int, int]], *, exact: bool) -> int:
    pairs = []
    for gi, g in enumerate(gold):
        ext = _extent(text, g)
        for pi, p in enumerate(pred):
            if exact:
                if _strip(text, *p) == ext:
                    pairs.append((1.0, gi, pi))
            else:
                shared = _shared(p, g)
                if shared > 0:
                    pairs.append((float(shared), gi, pi))
    return _greedy(pairs)


def _pair_weight(text: str, g: Fragments | None, p: tuple[int, int] | None, *, exact: bool) -> float | None:
    if g is None or p is None:
        return 1.0 if g is None and p is None else None
    if exact:
        return 1.0 if _strip(text, *p) == _extent(text, g) else None
    shared = _shared(p, g)
    return float(shared) if shared > 0 else None


def _triple_matches(text: str, article: GoldArticle, pred: Sequence[AttributionSpans], *, exact: bool) -> int:
    pairs = []
    for gi, g in enumerate(article.attributions):
        for pi, p in enumerate(pred):
            total = 0.0
            for gs, ps in ((g.cue, p.cue), (g.content, p.content), (g.source, p.source)):
                w = _pair_weight(text, gs, ps, exact=exact)
                if w is None:
                    break
                total += w
            else:
                pairs.append((total, gi, pi))
    return _greedy(pairs)


def score_predictions(
    articles: Sequence[GoldArticle], predictions: Sequence[Sequence[AttributionSpans]]
) -> dict[str, Any]:
    """P/R/F1 per role (exact and overlap) and for triples, summed over articles (micro average)."""
    counts: dict[str, list[int]] = {}
    for article, pred in zip(articles, predictions, strict=True):
        text = article.text
        for role in ROLES:
            gold_spans: list[Fragments] = sorted(
                {s for g in article.attributions if (s := getattr(g, role)) is not None}
            )
            pred_spans = sorted({s for p in pred if (s := getattr(p, role)) is not None})
            for mode in ("exact", "overlap"):
                matched = _span_matches(text, gold_spans, pred_spans, exact=mode == "exact")
                c = counts.setdefault(f"{role}_{mode}", [0, 0, 0])
                c[0] += matched
                c[1] += len(pred_spans)
                c[2] += len(gold_spans)
        for mode in ("exact", "overlap"):
            matched = _triple_matches(text, article, pred, exact=mode == "exact")
            c = counts.setdefault(f"triple_{mode}", [0, 0, 0])
            c[0] += matched
            c[1] += len(pred)
            c[2] += len(article.attributions)
    out: dict[str, Any] = {}
    for key, (tp, n_pred, n_gold) in counts.items():
        for name, value in prf(tp, n_pred - tp, n_gold - tp).items():
            out[f"{key}_{name}"] = value
    out["gold_attributions"] = sum(len(a.attributions) for a in articles)
    out["predicted_attributions"] = sum(len(p) for p in predictions)
    return out


def predict_views(finder: AttributionFinder, docs: Sequence[Any]) -> list[list[AttributionSpans]]:
    out: list[list[AttributionSpans]] = []
    for begin in range(0, len(docs), 32):  # a batch at a time bounds the context tagger's memory
        out.extend(finder.find_batch([DocView(doc) for doc in docs[begin : begin + 32]]))
    return out


def evaluate_attribution(data: Path, *, limit: int | None = None) -> dict[str, Any]:
    """Score the shipped attribution finder on a PolNeAR split folder (see the module docstring)."""
    from newsledger.models.spacy_models import load_spacy

    if not (data / "text").is_dir() or not (data / "attributions").is_dir():
        raise EvaluationDataError(
            f"{data} is not a PolNeAR split folder", hint="expected text/*.txt and attributions/*.ann inside"
        )
    articles = read_split(data, limit=limit)
    nlp = load_spacy()
    nlp.max_length = max([nlp.max_length, *(len(a.text) + 1 for a in articles)])
    t0 = time.perf_counter()
    docs = list(nlp.pipe([a.text for a in articles], batch_size=32))
    parse_s = time.perf_counter() - t0
    finder = default_finder()
    t1 = time.perf_counter()
    predictions = predict_views(finder, docs)
    find_s = time.perf_counter() - t1
    out = score_predictions(articles, predictions)
    out["articles"] = len(articles)
    out["context_tagger"] = finder.context is not None
    out["articles_per_s"] = round(len(articles) / find_s, 1) if find_s > 0 else 0.0
    out["parse_articles_per_s"] = round(len(articles) / parse_s, 1) if parse_s > 0 else 0.0
    return dict(sorted(out.items()))
