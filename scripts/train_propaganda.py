"""Train the propaganda-technique models on SemEval-2020 Task 11 and write the shipped weights.

Usage: ``OMP_NUM_THREADS=1 .venv/bin/python scripts/train_propaganda.py [--data DIR] [--cache DIR]
[--only cache|si|tc]`` (about an hour on two busy cores from an empty cache; delete the cache folder
to start over after changing features: weights and out-of-fold scores are cached too).

1. MiniLM reads every article once (sentence by sentence, as at run time); the word tables and span
   vectors are cached under ``--cache`` so that later runs only train.
2. Span tagger: 5-fold cross-validation by article (seeded split) of both word scorers (feed-forward and
   GRU); the lexicon weight (the lexicon counted on the training folds only), the decoder threshold and
   the switch penalty are tuned on the out-of-fold word scores. The script prints the SI F1 with each
   fold scored at the settings that did best on the other four (the figure to report), and the pooled
   best, whose settings are shipped; then it trains on all articles and writes ``span_tagger.npz`` and
   ``span_lexicon.json``.
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
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import numpy as np

os.environ.setdefault("OMP_NUM_THREADS", "1")

from newsledger.eval.propaganda import (
    merge_spans,
    read_articles,
    read_technique_labels,
    span_score_sums,
)
from newsledger.framing.propaganda.span_tagger import WordTable, assemble, read_words
from newsledger.framing.propaganda.text import sentence_spans

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "eval" / "propaganda" / "semeval2020"
DATA_OUT = REPO / "src" / "newsledger" / "framing" / "propaganda" / "data"
SEED = 13
FOLDS = 5
# Names the word features in cache file names, so that caches of older features are never read back
# ("words" of an earlier version held the last MiniLM layer only).
FEATURES = "v2"


def folds_of(articles: list[str]) -> dict[str, int]:
    """Article id -> fold number, from a seeded shuffle of the sorted ids."""
    order = sorted(articles)
    random.Random(SEED).shuffle(order)
    return {article: i % FOLDS for i, article in enumerate(order)}


def cached_tables(texts: dict[str, str], cache: Path) -> dict[str, WordTable]:
    folder = cache / f"words-{FEATURES}"
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
                tagger_vectors=table.tagger_vectors.astype(np.float16),
                sentence_vectors=table.sentence_vectors.astype(np.float16),
                cues=table.cues,
            )
        with np.load(path) as d:
            tables[article] = WordTable(
                words=d["words"],
                sentence=d["sentence"],
                vectors=d["vectors"].astype(np.float32),
                tagger_vectors=d["tagger_vectors"].astype(np.float32),
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


class SentenceBatches:
    """All articles' words as one sequence of sentences (article order, then word order), for the GRU."""

    def __init__(self, tables: dict[str, WordTable], labels: dict[str, np.ndarray], articles: list[str]):
        vectors, cues, sentence_vectors, sentence_of, targets = [], [], [], [], []
        offset = 0
        for a in articles:
            table = tables[a]
            vectors.append(table.tagger_vectors)
            cues.append(table.cues)
            sentence_vectors.append(table.sentence_vectors)
            sentence_of.append(table.sentence + offset)
            targets.append(labels[a])
            offset += len(table.sentence_vectors)
        self.vectors = np.concatenate(vectors).astype(np.float32)
        self.cues = np.concatenate(cues).astype(np.float32)
        self.sentence_vectors = np.concatenate(sentence_vectors).astype(np.float32)
        self.sentence = np.concatenate(sentence_of)
        self.targets = np.concatenate(targets).astype(np.float32)
        change = np.flatnonzero(np.diff(self.sentence)) + 1
        self.starts = np.concatenate([[0], change])
        self.ends = np.concatenate([change, [len(self.sentence)]])

    def batch(self, sentences: Any) -> tuple[Any, Any, Any, Any]:
        """Padded inputs, sentence vectors, mask and targets of the given sentence numbers."""
        import torch

        width = max(int(self.ends[i] - self.starts[i]) for i in sentences)
        x = torch.zeros(len(sentences), width, self.vectors.shape[1] + self.cues.shape[1])
        mask = torch.zeros(len(sentences), width)
        y = torch.zeros(len(sentences), width)
        dim = self.vectors.shape[1]
        for row, i in enumerate(sentences):
            a, b = self.starts[i], self.ends[i]
            x[row, : b - a, :dim] = torch.from_numpy(self.vectors[a:b])
            x[row, : b - a, dim:] = torch.from_numpy(self.cues[a:b])
            mask[row, : b - a] = 1
            y[row, : b - a] = torch.from_numpy(self.targets[a:b])
        sv = torch.from_numpy(self.sentence_vectors[self.sentence[self.starts[list(sentences)]]])
        return x, sv, mask, y


def fit_sequence_model(data: SentenceBatches, sentences: np.ndarray, *, seed: int) -> dict[str, np.ndarray]:
    """The bidirectional GRU word scorer (see ``word_sequence.py``), trained with Adam on the in-span
    target; batches of sentences of similar length."""
    import torch

    torch.set_num_threads(1)
    size = SEQUENCE_HIDDEN
    in_dim = data.vectors.shape[1] + data.cues.shape[1]

    class Net(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.word = torch.nn.Linear(in_dim, size)
            self.sent = torch.nn.Linear(data.sentence_vectors.shape[1], size)
            self.gru = torch.nn.GRU(size, size // 2, batch_first=True, bidirectional=True)
            self.out = torch.nn.Linear(2 * size, 1)
            self.drop = torch.nn.Dropout(0.2)
            self.indrop = torch.nn.Dropout(0.1)

        def forward(self, x: Any, sv: Any, mask: Any) -> Any:
            h0 = torch.relu(self.word(self.indrop(x)) + self.sent(sv)[:, None, :]) * mask[..., None]
            lengths = mask.sum(1).long()
            packed = torch.nn.utils.rnn.pack_padded_sequence(
                self.drop(h0), lengths, batch_first=True, enforce_sorted=False
            )
            out, _ = self.gru(packed)
            h1, _ = torch.nn.utils.rnn.pad_packed_sequence(out, batch_first=True, total_length=x.shape[1])
            return self.out(torch.cat([h0, self.drop(h1)], -1)).squeeze(-1)

    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    net = Net()
    optimiser = torch.optim.AdamW(net.parameters(), lr=2e-3, weight_decay=1e-2)
    length = data.ends - data.starts
    for _ in range(SEQUENCE_EPOCHS):
        net.train()
        shuffled = rng.permutation(sentences)
        chunks = [
            sorted(shuffled[i : i + 1024], key=lambda k: length[k]) for i in range(0, len(shuffled), 1024)
        ]
        batches = [chunk[i : i + 32] for chunk in chunks for i in range(0, len(chunk), 32)]
        rng.shuffle(batches)
        for batch in batches:
            x, sv, mask, y = data.batch(batch)
            loss = torch.nn.functional.binary_cross_entropy_with_logits(net(x, sv, mask), y, reduction="none")
            optimiser.zero_grad()
            ((loss * mask).sum() / mask.sum()).backward()
            optimiser.step()
    state = {k: v.detach().numpy().copy() for k, v in net.state_dict().items()}
    return {
        "seq_word_w": state["word.weight"].T.copy(),
        "seq_word_b": state["word.bias"],
        "seq_sentence_w": state["sent.weight"].T.copy(),
        "seq_sentence_b": state["sent.bias"],
        "seq_forward_w_ih": state["gru.weight_ih_l0"],
        "seq_forward_w_hh": state["gru.weight_hh_l0"],
        "seq_forward_b_ih": state["gru.bias_ih_l0"],
        "seq_forward_b_hh": state["gru.bias_hh_l0"],
        "seq_backward_w_ih": state["gru.weight_ih_l0_reverse"],
        "seq_backward_w_hh": state["gru.weight_hh_l0_reverse"],
        "seq_backward_b_ih": state["gru.bias_ih_l0_reverse"],
        "seq_backward_b_hh": state["gru.bias_hh_l0_reverse"],
        "seq_out_w": state["out.weight"][0].copy(),
        "seq_out_b": state["out.bias"].reshape(()),
    }


def sequence_logits(weights: dict[str, np.ndarray], table: WordTable) -> np.ndarray:
    """The GRU's word logits of one article, computed by the run-time (numpy) scorer."""
    from newsledger.framing.propaganda.span_tagger import sentence_logits, sequence_scorer_of

    return sentence_logits(sequence_scorer_of(weights), table)


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
    """Cross-validate both word scorers (out-of-fold scores cached in ``cache``), tune the lexicon weight
    and the decoder on them, print the cross-validated span F1, then train on everything and write the
    shipped weights and lexicon.

    Two figures are printed: the honest one, where each fold is scored with the settings that did best on
    the other four folds, and the pooled best over all folds (whose settings are the ones shipped)."""
    articles = sorted(tables)
    rows = {a: assemble(tables[a]).astype(np.float16) for a in articles}
    labels = {a: word_labels(tables[a], gold.get(a, [])) for a in articles}
    words = {a: [texts[a][s:e].lower() for s, e in tables[a].words] for a in articles}
    gold_spans = {a: [(s, e) for s, e, _ in gold.get(a, [])] for a in articles}
    oof = cached_out_of_fold(
        cache / f"span_tagger_oof-{FEATURES}.npz",
        articles,
        folds,
        lambda train: fit_network(
            np.concatenate([rows[a] for a in train]), np.concatenate([labels[a] for a in train]), seed=SEED
        ),
        lambda weights, a: logits_of(weights, rows[a]),
    )
    data = SentenceBatches(tables, labels, articles)
    sentence_owner = np.concatenate(
        [np.full(len(tables[a].sentence_vectors), i) for i, a in enumerate(articles)]
    )
    owner_of_start = sentence_owner[data.sentence[data.starts]]

    def sentences_of(train: list[str]) -> np.ndarray:
        keep = np.isin(owner_of_start, [articles.index(a) for a in train])
        return np.flatnonzero(keep)

    sequence_oof = cached_out_of_fold(
        cache / f"span_sequence_oof-{FEATURES}.npz",
        articles,
        folds,
        lambda train: fit_sequence_model(data, sentences_of(train), seed=SEED),
        lambda weights, a: sequence_logits(weights, tables[a]),
    )
    networks = {a: (1 - SEQUENCE_WEIGHT) * oof[a] + SEQUENCE_WEIGHT * sequence_oof[a] for a in articles}
    lexicon_oof: dict[str, np.ndarray] = {}
    for fold in range(FOLDS):
        lexicon = lexicon_of(words, labels, [a for a in articles if folds[a] != fold])
        for a in articles:
            if folds[a] == fold:
                lexicon_oof[a] = np.array([lexicon.get(w, 0.0) for w in words[a]], dtype=np.float32)
    fold_articles = [[a for a in articles if folds[a] == fold] for fold in range(FOLDS)]
    sums: dict[tuple[float, float, float], np.ndarray] = {}
    for weight in LEXICON_WEIGHTS:
        logits = {a: networks[a] + weight * lexicon_oof[a] for a in articles}
        for threshold in THRESHOLDS:
            for penalty in PENALTIES:
                spans = decoded_spans(tables, logits, threshold, penalty)
                sums[(weight, threshold, penalty)] = np.array(
                    [
                        span_score_sums({a: spans[a] for a in held}, {a: gold_spans[a] for a in held})
                        for held in fold_articles
                    ]
                )
                scores = scores_of_sums(sums[(weight, threshold, penalty)].sum(axis=0))
                print(
                    f"  lexicon weight {weight:.1f} threshold {threshold:+.2f} penalty {penalty:.2f}: "
                    f"P {scores['precision']:.3f} R {scores['recall']:.3f} F1 {scores['f1']:.3f}"
                )
    honest_total = np.zeros(4)
    for fold in range(FOLDS):
        chosen = max(sums, key=lambda k: scores_of_sums(np.delete(sums[k], fold, axis=0).sum(axis=0))["f1"])
        honest_total += sums[chosen][fold]
        print(f"  fold {fold}: settings chosen on the other folds {chosen}")
    honest = scores_of_sums(honest_total)
    print(
        f"SI cv{FOLDS} span F1 {honest['f1']:.4f} (P {honest['precision']:.4f} R {honest['recall']:.4f}), "
        "each fold scored with settings chosen on the other folds"
    )
    best = max(sums, key=lambda k: scores_of_sums(sums[k].sum(axis=0))["f1"])
    weight, threshold, penalty = best
    pooled = scores_of_sums(sums[best].sum(axis=0))
    per_fold = [scores_of_sums(row)["f1"] for row in sums[best]]
    print(
        f"SI cv{FOLDS} pooled best span F1 {pooled['f1']:.4f} (P {pooled['precision']:.4f} R "
        f"{pooled['recall']:.4f}; per fold {', '.join(f'{x:.3f}' for x in per_fold)}) at lexicon weight "
        f"{weight} threshold {threshold} penalty {penalty} (shipped)"
    )
    weights = cached_fit(
        cache / f"span_tagger_full-{FEATURES}.npz",
        lambda: fit_network(
            np.concatenate([rows[a] for a in articles]),
            np.concatenate([labels[a] for a in articles]),
            seed=SEED,
        ),
    )
    sequence = cached_fit(
        cache / f"span_sequence_full-{FEATURES}.npz",
        lambda: fit_sequence_model(data, np.arange(len(data.starts)), seed=SEED),
    )
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
        sequence_weight=np.float32(SEQUENCE_WEIGHT),
        **cast(dict[str, Any], {k: v.astype(np.float32) for k, v in sequence.items()}),
    )
    (DATA_OUT / "span_lexicon.json").write_text(
        json.dumps({"log_odds": lexicon_of(words, labels, articles)}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {DATA_OUT / 'span_tagger.npz'} and span_lexicon.json")


def cached_out_of_fold(
    path: Path,
    articles: list[str],
    folds: dict[str, int],
    fit: Callable[[list[str]], dict[str, np.ndarray]],
    predict: Callable[[dict[str, np.ndarray], str], np.ndarray],
) -> dict[str, np.ndarray]:
    """Out-of-fold word logits of every article (read from ``path`` when a run has saved them)."""
    if path.exists():
        with np.load(path) as saved:
            return {a: saved[a] for a in articles}
    out: dict[str, np.ndarray] = {}
    for fold in range(FOLDS):
        weights = fit([a for a in articles if folds[a] != fold])
        for a in articles:
            if folds[a] == fold:
                out[a] = predict(weights, a)
        print(f"  {path.stem} fold {fold} trained", file=sys.stderr)
    np.savez(path, **cast(dict[str, Any], out))
    return out


def cached_fit(path: Path, fit: Callable[[], dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """Weights fitted on all articles (read from ``path`` when a run has saved them)."""
    if path.exists():
        with np.load(path) as saved:
            return {k: saved[k] for k in saved.files}
    weights = fit()
    np.savez(path, **cast(dict[str, Any], weights))
    return weights


def scores_of_sums(sums: np.ndarray) -> dict[str, float]:
    """Precision, recall and F1 from pooled ``span_score_sums``."""
    precision = sums[0] / sums[2] if sums[2] else 0.0
    recall = sums[1] / sums[3] if sums[3] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": float(precision), "recall": float(recall), "f1": float(f1)}


THRESHOLDS = (-1.75, -1.5, -1.25, -1.0)
PENALTIES = (1.0, 1.5)
LEXICON_WEIGHTS = (1.0, 1.5)
SEQUENCE_WEIGHT = 0.5  # the GRU's share of the averaged word logit
SEQUENCE_HIDDEN = 96
SEQUENCE_EPOCHS = 6
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
