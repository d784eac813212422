"""Train the attribution finder's three linear models on PolNeAR train/ and tune them on dev/.

Writes src/newsledger/claims/attribution/data/{cue,source,content}.npz and settings.json, and prints
dev scores (the same numbers `newsledger eval attribution --data .../polnear/dev` prints).

    .venv/bin/python scripts/train_attribution.py [--data ../shared/eval/attribution/polnear]
        [--cache /tmp/newsledger-attribution]

spaCy parses are cached (DocBin) under --cache so re-training skips parsing. Logistic regression
(liblinear, deterministic) fits each model; only numpy reads the result at run time.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import coo_matrix
from sklearn.linear_model import LogisticRegression

from newsledger.claims.attribution.candidates import (
    Candidate,
    content_candidates,
    cue_of,
    source_candidates,
)
from newsledger.claims.attribution.cue_features import cue_features
from newsledger.claims.attribution.finder import DATA, AttributionFinder, Settings, scored_as_cue
from newsledger.claims.attribution.linear import LinearModel
from newsledger.claims.attribution.polnear import Fragments, GoldArticle, read_split
from newsledger.claims.attribution.view import DocView
from newsledger.eval.attribution import predict_views, score_predictions
from newsledger.models.spacy_models import load_spacy

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "attribution" / "polnear"


def parsed(split: str, articles: Sequence[GoldArticle], cache: Path) -> list[Any]:
    from spacy.tokens import DocBin

    nlp = load_spacy()
    nlp.max_length = 2_000_000
    path = cache / f"{split}.spacy"
    if path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if [d.text for d in docs] == [a.text for a in articles]:
            return docs
    cache.mkdir(parents=True, exist_ok=True)
    docs = list(nlp.pipe([a.text for a in articles], batch_size=32))
    bin_ = DocBin()
    for d in docs:
        bin_.add(d)
    bin_.to_disk(path)
    return docs


def tokens_over(v: DocView, frags: Fragments) -> list[int]:
    out: list[int] = []
    for a, b in frags:
        i = v.token_at(a)
        j = v.token_before(b)
        # include a token that straddles the start
        if i > 0 and v.end[i - 1] > a:
            i -= 1
        out.extend(k for k in range(i, j + 1) if v.pos[k] != "SPACE")
    return sorted(set(out))


def head_tokens(v: DocView, frags: Fragments) -> set[int]:
    inside = set(tokens_over(v, frags))
    return {t for t in inside if v.head[t] not in inside or v.head[t] == t}


def jaccard(c: Candidate, frags: Fragments) -> float:
    shared = sum(max(0, min(c.end, b) - max(c.start, a)) for a, b in frags)
    gold = sum(b - a for a, b in frags)
    return shared / (gold + (c.end - c.start) - shared) if shared else 0.0


Examples = dict[str, tuple[list[list[str]], list[int]]]


def examples(articles: Sequence[GoldArticle], docs: Sequence[Any]) -> Examples:
    """Training rows (features, label) for the three models."""
    data: Examples = {k: ([], []) for k in ("cue", "source", "content")}
    oracle = Counter[str]()
    for article, doc in zip(articles, docs, strict=True):
        v = DocView(doc)
        in_cue: set[int] = set()
        cue_heads: set[int] = set()
        for g in article.attributions:
            toks = tokens_over(v, g.cue)
            if toks:
                in_cue.update(toks)
                cue_heads.add(cue_of(v, toks).head)
        for i in range(v.n):
            # the tagger learns cue heads; the other words of a cue are neither right nor wrong
            if not scored_as_cue(v, i) or (i in in_cue and i not in cue_heads):
                continue
            data["cue"][0].append(cue_features(v, i))
            data["cue"][1].append(int(i in cue_heads))
        for g in article.attributions:
            toks = tokens_over(v, g.cue)
            if not toks:
                continue
            cue = cue_of(v, toks)
            sources = source_candidates(v, cue)
            heads = head_tokens(v, g.source) if g.source else set()
            hit = False
            for s in sources:
                label = int(s.head in heads)
                hit = hit or bool(label)
                data["source"][0].append(s.features)
                data["source"][1].append(label)
            oracle["source_gold"] += g.source is not None
            oracle["source_hit"] += hit
            contents = content_candidates(v, cue)
            scores = [jaccard(c, g.content) for c in contents]
            best = max(range(len(contents)), key=lambda k: scores[k]) if contents else -1
            oracle["content_gold"] += 1
            if best >= 0 and scores[best] >= 0.5:
                oracle["content_hit"] += 1
            if best >= 0 and scores[best] > 0:
                oracle["content_overlap"] += 1
            for k, c in enumerate(contents):
                data["content"][0].append(c.features)
                data["content"][1].append(int(k == best and scores[best] >= 0.5))
    print("candidate oracle:", dict(oracle), flush=True)
    return data


def fit_linear(
    rows: list[list[str]],
    labels: list[int],
    *,
    min_count: int,
    c: float,
) -> LinearModel:
    counts = Counter(f for r in rows for f in set(r))
    names = sorted(f for f, n in counts.items() if n >= min_count)
    vocab = {f: k for k, f in enumerate(names)}
    r_idx: list[int] = []
    c_idx: list[int] = []
    for k, r in enumerate(rows):
        for f in r:
            j = vocab.get(f)
            if j is not None:
                r_idx.append(k)
                c_idx.append(j)
    x = coo_matrix((np.ones(len(r_idx)), (r_idx, c_idx)), shape=(len(rows), len(names))).tocsr()
    clf = LogisticRegression(C=c, solver="liblinear", max_iter=200, random_state=0)
    clf.fit(x, np.array(labels))
    w = clf.coef_[0]
    weights = {names[k]: float(w[k]) for k in np.flatnonzero(np.abs(w) > 1e-4)}
    return LinearModel(weights, float(clf.intercept_[0]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/newsledger-attribution"))
    parser.add_argument("--out", type=Path, default=DATA)
    args = parser.parse_args()

    t0 = time.time()
    train = read_split(args.data / "train")
    dev = read_split(args.data / "dev")
    train_docs = parsed("train", train, args.cache)
    dev_docs = parsed("dev", dev, args.cache)
    print(f"parsed {len(train)} train, {len(dev)} dev articles in {time.time() - t0:.0f}s", flush=True)

    data = examples(train, train_docs)
    models = {}
    for name, (min_count, c) in {"source": (2, 0.5), "content": (2, 0.5)}.items():
        rows, labels = data[name]
        models[name] = fit_linear(rows, labels, min_count=min_count, c=c)
        print(
            f"{name}: {len(rows)} examples, {sum(labels)} positive, {len(models[name].weights)} weights",
            flush=True,
        )
    rows, labels = data["cue"]
    print(f"cue: {len(rows)} examples, {sum(labels)} positive", flush=True)

    # The bars are overlap F1 >= 0.80 (cue), 0.75 (source, content): keep the widest worst margin.
    bars = {"cue": 0.80, "source": 0.75, "content": 0.75}
    best: tuple[tuple[float, float], float, Settings, dict[str, Any]] | None = None
    for c in (0.25,):
        cue_model = fit_linear(rows, labels, min_count=3, c=c)
        for cue_t in (0.3, 0.35, 0.4):
            for src_t in (0.1, 0.2):
                settings = Settings(cue_threshold=cue_t, source_threshold=src_t)
                finder = AttributionFinder(cue_model, models["source"], models["content"], settings)
                scores = score_predictions(dev, predict_views(finder, dev_docs))
                margin = min(scores[f"{r}_overlap_f1"] - bar for r, bar in bars.items())
                mean = sum(scores[f"{r}_overlap_f1"] for r in bars) / len(bars)
                line = " ".join(f"{r} {scores[f'{r}_overlap_f1']:.4f}" for r in bars)
                print(f"C={c} cue>={cue_t} source>={src_t}: {line}; worst margin {margin:+.4f}", flush=True)
                if best is None or (margin, mean) > best[0]:
                    best = ((margin, mean), c, settings, scores)
                    models["cue"] = cue_model
    assert best is not None
    _, c, settings, scores = best
    args.out.mkdir(parents=True, exist_ok=True)
    for stale in args.out.glob("*"):
        stale.unlink()
    for name, model in models.items():
        model.save(args.out / f"{name}.npz")
    settings.save(args.out / "settings.json")
    print(f"chosen: cue C={c}, {settings}")
    print("dev:", json.dumps(scores, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
