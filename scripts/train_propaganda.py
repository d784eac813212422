"""Train the propaganda-technique models on SemEval-2020 Task 11 and write the shipped weights.

Usage: ``OMP_NUM_THREADS=1 .venv/bin/python scripts/train_propaganda.py [--data DIR] [--cache DIR]
[--only cache|si|tc]`` (about 30 minutes on two busy cores from an empty cache; delete the cache folder
to start over after changing features).

1. MiniLM reads every article once (sentence by sentence, as at run time); the word tables and span
   vectors are cached under ``--cache`` so that later runs only train.
2. Span tagger: 5-fold cross-validation by article (seeded split); the lexicon weight (the lexicon counted
   on the training folds only), the decoder threshold and the switch penalty are picked on the pooled
   out-of-fold word scores; the script prints the cross-validated SI F1, then trains on all articles and
   writes ``span_tagger.npz`` and ``span_lexicon.json``.
3. Technique classifier: the same folds, the regularisation picked by cross-validated micro-F1, printed;
   then trained on all articles and written to ``technique_classifier.npz`` and ``.json``.

There is no dev split in the released data, so the cross-validated figures are the ones to report.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any, cast

import numpy as np

os.environ.setdefault("OMP_NUM_THREADS", "1")

from newsledger.eval.propaganda import (
    merge_spans,
    read_articles,
    read_technique_labels,
    span_scores,
)
from newsledger.framing.propaganda.span_tagger import WordTable, assemble, read_words
from newsledger.framing.propaganda.text import sentence_spans

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "propaganda" / "semeval2020"
DATA_OUT = REPO / "src" / "newsledger" / "framing" / "propaganda" / "data"
SEED = 13
FOLDS = 5


def folds_of(articles: list[str]) -> dict[str, int]:
    """Article id -> fold number, from a seeded shuffle of the sorted ids."""
    order = sorted(articles)
    random.Random(SEED).shuffle(order)
    return {article: i % FOLDS for i, article in enumerate(order)}


def cached_tables(texts: dict[str, str], cache: Path) -> dict[str, WordTable]:
    folder = cache / "words"
    folder.mkdir(parents=True, exist_ok=True)
    tables: dict[str, WordTable] = {}
    began = time.time()
    for n, (article, text) in enumerate(sorted(texts.items())):
        path = folder / f"{article}.npz"
        if not path.exists():
            table = read_words(text, sentence_spans(text))
            np.savez(
                path,
                words=table.words,
                sentence=table.sentence,
                vectors=table.vectors.astype(np.float16),
                sentence_vectors=table.sentence_vectors.astype(np.float16),
                cues=table.cues,
            )
        with np.load(path) as d:
            tables[article] = WordTable(
                words=d["words"],
                sentence=d["sentence"],
                vectors=d["vectors"].astype(np.float32),
                sentence_vectors=d["sentence_vectors"].astype(np.float32),
                cues=d["cues"],
            )
        if n % 50 == 0:
            print(f"  read {n}/{len(texts)} articles ({time.time() - began:.0f}s)", file=sys.stderr)
    return tables


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/propaganda"))
    parser.add_argument("--only", choices=["si", "tc", "cache"], default=None)
    args = parser.parse_args(argv)
    texts = read_articles(args.data / "train-articles")
    gold = read_technique_labels(args.data / "train-task2-TC.labels")
    folds = folds_of(list(texts))
    print(f"{len(texts)} articles, {sum(len(v) for v in gold.values())} technique spans, {FOLDS} folds")
    tables = cached_tables(texts, args.cache)
    if args.only == "cache":
        return 0
    if args.only in (None, "si"):
        train_span_tagger(texts, tables, gold, folds, args.cache)
    if args.only in (None, "tc"):
        train_technique_classifier(texts, tables, gold, folds, args.cache)
    return 0


def word_labels(table: WordTable, spans: list[tuple[int, int, str]]) -> np.ndarray:
    """1 for each word that overlaps a gold span (techniques ignored), else 0."""
    labels = np.zeros(len(table.words), dtype=np.float32)
    for start, end in merge_spans((s, e) for s, e, _ in spans):
        labels[(table.words[:, 0] < end) & (table.words[:, 1] > start)] = 1.0
    return labels


def fit_network(rows: np.ndarray, labels: np.ndarray, *, seed: int) -> dict[str, np.ndarray]:
    """One hidden layer (ReLU, dropout) trained with Adam on the binary in-span target."""
    import torch

    torch.manual_seed(seed)
    torch.set_num_threads(1)
    mean = rows.mean(axis=0, dtype=np.float64).astype(np.float32)
    scale = rows.std(axis=0, dtype=np.float64).astype(np.float32) + 1e-3
    first = torch.nn.Linear(rows.shape[1], HIDDEN)
    second = torch.nn.Linear(HIDDEN, 1)
    net = torch.nn.Sequential(torch.nn.Dropout(0.1), first, torch.nn.ReLU(), torch.nn.Dropout(0.3), second)
    optimiser = torch.optim.AdamW(net.parameters(), lr=1e-3, weight_decay=1e-2)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    generator = np.random.default_rng(seed)
    mean_t, scale_t = torch.from_numpy(mean), torch.from_numpy(scale)
    target = torch.from_numpy(labels)
    for _ in range(EPOCHS):
        net.train()
        for batch in np.array_split(generator.permutation(len(rows)), max(1, len(rows) // 256)):
            x = (torch.from_numpy(rows[batch].astype(np.float32)) - mean_t) / scale_t
            optimiser.zero_grad()
            loss = loss_fn(net(x).squeeze(1), target[batch])
            loss.backward()
            optimiser.step()
    return {
        "mean": mean,
        "scale": scale,
        "w1": first.weight.detach().numpy().T.copy(),
        "b1": first.bias.detach().numpy().copy(),
        "w2": second.weight.detach().numpy()[0].copy(),
        "b2": second.bias.detach().numpy().astype(np.float32).reshape(()),
    }


def logits_of(weights: dict[str, np.ndarray], rows: np.ndarray) -> np.ndarray:
    out = np.empty(len(rows), dtype=np.float32)
    for begin in range(0, len(rows), 8192):
        x = (rows[begin : begin + 8192].astype(np.float32) - weights["mean"]) / weights["scale"]
        hidden = np.maximum(x @ weights["w1"] + weights["b1"], 0.0)
        out[begin : begin + 8192] = hidden @ weights["w2"] + weights["b2"]
    return out


def decoded_spans(
    tables: dict[str, WordTable], logits: dict[str, np.ndarray], threshold: float, penalty: float
) -> dict[str, list[tuple[int, int]]]:
    from newsledger.framing.propaganda.span_tagger import spans_from_logits

    return {
        article: [
            (s, e)
            for s, e, _ in spans_from_logits(table, logits[article], threshold=threshold, penalty=penalty)
        ]
        for article, table in tables.items()
    }


def lexicon_of(
    words: dict[str, list[str]], labels: dict[str, np.ndarray], articles: list[str]
) -> dict[str, float]:
    """Smoothed log-odds of each word (seen at least LEXICON_MIN_COUNT times) lying inside a span,
    relative to the rate of all words, counted on ``articles``."""
    inside: dict[str, float] = {}
    total: dict[str, int] = {}
    for article in articles:
        for word, label in zip(words[article], labels[article], strict=True):
            total[word] = total.get(word, 0) + 1
            inside[word] = inside.get(word, 0.0) + float(label)
    prior = sum(inside.values()) / max(sum(total.values()), 1)
    base = np.log(prior / (1 - prior))
    k = LEXICON_SMOOTHING
    return {
        word: round(
            float(np.log((inside[word] + k * prior) / (n - inside[word] + k * (1 - prior))) - base), 3
        )
        for word, n in sorted(total.items())
        if n >= LEXICON_MIN_COUNT
    }


def train_span_tagger(
    texts: dict[str, str],
    tables: dict[str, WordTable],
    gold: dict[str, list[tuple[int, int, str]]],
    folds: dict[str, int],
    cache: Path,
) -> None:
    """Cross-validate the word scorer (out-of-fold scores cached in ``cache``), tune the lexicon weight
    and the decoder on them, print the cross-validated span F1, then train on everything and write the
    shipped weights and lexicon."""
    articles = sorted(tables)
    rows = {a: assemble(tables[a]).astype(np.float16) for a in articles}
    labels = {a: word_labels(tables[a], gold.get(a, [])) for a in articles}
    words = {a: [texts[a][s:e].lower() for s, e in tables[a].words] for a in articles}
    gold_spans = {a: [(s, e) for s, e, _ in gold.get(a, [])] for a in articles}
    oof: dict[str, np.ndarray] = {}
    oof_path = cache / "span_tagger_oof.npz"
    if oof_path.exists():
        with np.load(oof_path) as saved:
            oof = {a: saved[a] for a in articles}
    for fold in range(FOLDS if not oof else 0):
        train = [a for a in articles if folds[a] != fold]
        weights = fit_network(
            np.concatenate([rows[a] for a in train]), np.concatenate([labels[a] for a in train]), seed=SEED
        )
        for a in articles:
            if folds[a] == fold:
                oof[a] = logits_of(weights, rows[a])
        print(f"  SI fold {fold} trained", file=sys.stderr)
    np.savez(oof_path, **cast(dict[str, Any], oof))
    lexicon_oof: dict[str, np.ndarray] = {}
    for fold in range(FOLDS):
        lexicon = lexicon_of(words, labels, [a for a in articles if folds[a] != fold])
        for a in articles:
            if folds[a] == fold:
                lexicon_oof[a] = np.array([lexicon.get(w, 0.0) for w in words[a]], dtype=np.float32)
    best: tuple[float, float, float, float, dict[str, float]] = (-1.0, 0.0, 0.0, 0.0, {})
    for weight in LEXICON_WEIGHTS:
        logits = {a: oof[a] + weight * lexicon_oof[a] for a in articles}
        for threshold in THRESHOLDS:
            for penalty in PENALTIES:
                scores = span_scores(decoded_spans(tables, logits, threshold, penalty), gold_spans)
                print(
                    f"  lexicon weight {weight:.1f} threshold {threshold:+.2f} penalty {penalty:.2f}: "
                    f"P {scores['precision']:.3f} R {scores['recall']:.3f} F1 {scores['f1']:.3f}"
                )
                if scores["f1"] > best[0]:
                    best = (scores["f1"], weight, threshold, penalty, scores)
    f1, weight, threshold, penalty, scores = best
    logits = {a: oof[a] + weight * lexicon_oof[a] for a in articles}
    per_fold = []
    for fold in range(FOLDS):
        held = [a for a in articles if folds[a] == fold]
        fold_spans = decoded_spans({a: tables[a] for a in held}, logits, threshold, penalty)
        per_fold.append(span_scores(fold_spans, {a: gold_spans[a] for a in held})["f1"])
    print(
        f"SI cv{FOLDS} span F1 {f1:.4f} (P {scores['precision']:.4f} R {scores['recall']:.4f}; per fold "
        f"{', '.join(f'{x:.3f}' for x in per_fold)}) at lexicon weight {weight} threshold {threshold} "
        f"penalty {penalty}"
    )
    full_path = cache / "span_tagger_full.npz"
    if full_path.exists():
        with np.load(full_path) as saved:
            weights = {k: saved[k] for k in saved.files}
    else:
        weights = fit_network(
            np.concatenate([rows[a] for a in articles]),
            np.concatenate([labels[a] for a in articles]),
            seed=SEED,
        )
        np.savez(full_path, **cast(dict[str, Any], weights))
    np.savez_compressed(
        DATA_OUT / "span_tagger.npz",
        mean=weights["mean"],
        scale=weights["scale"],
        w1=weights["w1"].astype(np.float16),
        b1=weights["b1"],
        w2=weights["w2"],
        b2=weights["b2"],
        threshold=np.float32(threshold),
        penalty=np.float32(penalty),
        lexicon_weight=np.float32(weight),
    )
    (DATA_OUT / "span_lexicon.json").write_text(
        json.dumps({"log_odds": lexicon_of(words, labels, articles)}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {DATA_OUT / 'span_tagger.npz'} and span_lexicon.json")


THRESHOLDS = (-2.25, -2.0, -1.75)
PENALTIES = (1.0, 1.5)
LEXICON_WEIGHTS = (0.0, 1.0, 1.5)
LEXICON_MIN_COUNT = 3
LEXICON_SMOOTHING = 5.0
HIDDEN = 128
EPOCHS = 5
MIN_DF = 3


def technique_rows(
    texts: dict[str, str],
    tables: dict[str, WordTable],
    gold: dict[str, list[tuple[int, int, str]]],
    cache: Path,
) -> tuple[list[str], list[tuple[int, int]], list[str], np.ndarray]:
    """Every gold span as (article, span, technique) plus its dense features (cached)."""
    from newsledger.framing.propaganda.technique_classifier import dense_features

    articles = sorted(a for a in gold if a in texts)
    owners = [a for a in articles for _ in gold[a]]
    spans = [(s, e) for a in articles for s, e, _ in gold[a]]
    labels = [t for a in articles for _, _, t in gold[a]]
    path = cache / "technique_dense.npy"
    if path.exists():
        dense = np.load(path)
    else:
        dense = np.concatenate(
            [dense_features(texts[a], tables[a], [(s, e) for s, e, _ in gold[a]]) for a in articles]
        )
        np.save(path, dense)
    return owners, spans, labels, dense


def distinct_labels(
    owners: list[str], spans: list[tuple[int, int]], probabilities: np.ndarray, labels: tuple[str, ...]
) -> list[str]:
    """Best label per span, except that a span listed again in the same article takes its next-best
    label each time (the task lists a span once per technique it carries)."""
    from newsledger.framing.propaganda import assign_labels

    out: list[str] = [""] * len(spans)
    by_article: dict[str, list[int]] = {}
    for i, owner in enumerate(owners):
        by_article.setdefault(owner, []).append(i)
    for indices in by_article.values():
        chosen = assign_labels([spans[i] for i in indices], probabilities[indices], labels)
        for i, (label, _) in zip(indices, chosen, strict=True):
            out[i] = label
    return out


def train_technique_classifier(
    texts: dict[str, str],
    tables: dict[str, WordTable],
    gold: dict[str, list[tuple[int, int, str]]],
    folds: dict[str, int],
    cache: Path,
) -> None:
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression

    from newsledger.eval.propaganda import technique_scores
    from newsledger.framing.propaganda.technique_classifier import span_tokens
    from newsledger.framing.propaganda.techniques import TECHNIQUES

    owners, spans, labels, dense = technique_rows(texts, tables, gold, cache)
    bags = [span_tokens(texts[a][s:e]) for a, (s, e) in zip(owners, spans, strict=True)]
    df: dict[str, int] = {}
    for bag in bags:
        for token in set(bag):
            df[token] = df.get(token, 0) + 1
    vocabulary = sorted(t for t, n in df.items() if n >= MIN_DF)
    index = {t: i for i, t in enumerate(vocabulary)}
    rows, cols = [], []
    for r, bag in enumerate(bags):
        for column in sorted({index[t] for t in bag if t in index}):
            rows.append(r)
            cols.append(column)
    bag_matrix = sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(bags), len(vocabulary))
    )
    y = np.array([TECHNIQUES.index(t) for t in labels])
    fold_of = np.array([folds[a] for a in owners])
    print(f"TC: {len(labels)} spans, {dense.shape[1]} dense features, {len(vocabulary)} words and pairs")

    def fit(train: np.ndarray, c: float) -> tuple[LogisticRegression, np.ndarray, np.ndarray]:
        mean = dense[train].mean(axis=0)
        scale = dense[train].std(axis=0) + 1e-3
        x = sparse.hstack([sparse.csr_matrix((dense[train] - mean) / scale), bag_matrix[train]]).tocsr()
        model = LogisticRegression(C=c, max_iter=2000)
        model.fit(x, y[train])
        return model, mean, scale

    def predict(
        model: LogisticRegression, mean: np.ndarray, scale: np.ndarray, rows_: np.ndarray
    ) -> np.ndarray:
        x = sparse.hstack([sparse.csr_matrix((dense[rows_] - mean) / scale), bag_matrix[rows_]]).tocsr()
        probabilities = np.zeros((len(rows_), len(TECHNIQUES)))
        probabilities[:, model.classes_] = model.predict_proba(x)
        return probabilities

    best: tuple[float, float] = (-1.0, 0.0)
    for c in C_GRID:
        oof = np.zeros((len(labels), len(TECHNIQUES)))
        for fold in range(FOLDS):
            train, held = np.flatnonzero(fold_of != fold), np.flatnonzero(fold_of == fold)
            oof[held] = predict(*fit(train, c), held)
        plain = [TECHNIQUES[i] for i in oof.argmax(axis=1)]
        distinct = distinct_labels(owners, spans, oof, TECHNIQUES)
        plain_f1 = technique_scores(plain, labels)["micro_f1"]
        scores = technique_scores(distinct, labels)
        print(f"  C {c}: micro-F1 {scores['micro_f1']:.4f} (argmax alone {plain_f1:.4f})")
        if scores["micro_f1"] > best[0]:
            best = (scores["micro_f1"], c)
            best_scores = scores
    print(f"TC cv{FOLDS} technique micro-F1 {best[0]:.4f} at C {best[1]}")
    for label, f1 in best_scores["per_technique_f1"].items():
        print(f"  {label:<40} F1 {f1:.3f}")
    model, mean, scale = fit(np.arange(len(labels)), best[1])
    coef = np.zeros((len(TECHNIQUES), model.coef_.shape[1]))
    intercept = np.full(len(TECHNIQUES), -30.0)
    coef[model.classes_] = model.coef_
    intercept[model.classes_] = model.intercept_
    n_dense = dense.shape[1]
    np.savez_compressed(
        DATA_OUT / "technique_classifier.npz",
        mean=mean.astype(np.float32),
        scale=scale.astype(np.float32),
        dense_coef=coef[:, :n_dense].T.astype(np.float16),
        bag_coef=coef[:, n_dense:].T.astype(np.float16),
        intercept=intercept.astype(np.float32),
    )
    (DATA_OUT / "technique_vocabulary.json").write_text(
        json.dumps({"labels": list(TECHNIQUES), "vocabulary": vocabulary}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {DATA_OUT / 'technique_classifier.npz'} and technique_vocabulary.json")


C_GRID = (0.002, 0.005, 0.01)


if __name__ == "__main__":
    raise SystemExit(main())
