"""Train the stance model on FNC-1 and ship its weights under src/newsledger/framing/stance/data/.

Reproducible and seeded. First a dev run: bodies are split 80/20 (seeded) so no dev body is seen in training,
the vocabulary is built from the training part only, and the dev FNC score and macro-F1 are printed, computed
with the same numpy forward pass (float16 weights) that ships. Then the final model is trained the same way on
all pairs and written out (unless --dev-only).

    OMP_NUM_THREADS=1 .venv/bin/python scripts/train_stance.py
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import scipy.sparse as sp
import torch
from sklearn.ensemble import HistGradientBoostingClassifier

from newsledger.eval.stance import read_fnc_pairs, stance_metrics
from newsledger.framing.stance.features import (
    CUE_NAMES,
    TextView,
    input_width,
    pair_cues,
    read_text,
)
from newsledger.framing.stance.model import DATA, LABELS, StanceModel
from newsledger.framing.stance.network import StanceNetwork
from newsledger.framing.stance.text import content_stems, words
from newsledger.framing.stance.trees import BoostedTrees
from newsledger.framing.stance.vocabulary import Vocabulary

REPO = Path(__file__).resolve().parents[1]
FNC = REPO.parent / "shared" / "eval" / "stance" / "fnc1"
Pair = tuple[str, str, str]


def split_by_body(pairs: list[Pair], *, seed: int, dev_share: float) -> tuple[list[Pair], list[Pair]]:
    bodies = sorted({b for _, b, _ in pairs})
    random.Random(seed).shuffle(bodies)
    dev_bodies = set(bodies[: int(len(bodies) * dev_share)])
    return [p for p in pairs if p[1] not in dev_bodies], [p for p in pairs if p[1] in dev_bodies]


def split_by_topic(pairs: list[Pair], *, seed: int, dev_share: float) -> tuple[list[Pair], list[Pair]]:
    """A harder split: topics (headlines and bodies joined by related pairs) never cross it.

    The competition test set has new claims as well as new bodies, which a body split does not imitate: there
    the dev headlines were all seen in training. Unrelated pairs that would cross the split are dropped.
    """
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for head, body, gold in pairs:
        a, b = root("h:" + head), root("b:" + body)
        if gold != "unrelated" and a != b:
            parent[max(a, b)] = min(a, b)
    topics = sorted({root("h:" + h) for h, _, _ in pairs} | {root("b:" + b) for _, b, _ in pairs})
    random.Random(seed).shuffle(topics)
    dev_topics = set(topics[: int(len(topics) * dev_share)])
    train, dev = [], []
    for pair in pairs:
        sides = {root("h:" + pair[0]) in dev_topics, root("b:" + pair[1]) in dev_topics}
        if sides == {True}:
            dev.append(pair)
        elif sides == {False}:
            train.append(pair)
    return train, dev


def build_vocabulary(pairs: list[Pair], size: int) -> Vocabulary:
    texts = sorted({h for h, _, _ in pairs} | {b for _, b, _ in pairs})
    return Vocabulary.build((content_stems(words(t)) for t in texts), size=size)


def featurise(pairs: list[Pair], vocabulary: Vocabulary) -> tuple[sp.csr_matrix, np.ndarray]:
    """The sparse network input (same layout as ``features.dense_input``) and the gold class indices."""
    views: dict[str, TextView] = {}
    for text in sorted({h for h, _, _ in pairs} | {b for _, b, _ in pairs}):
        views[text] = read_text(text, vocabulary)
    size = len(vocabulary)
    cue_slots = np.arange(2 * size, 2 * size + len(CUE_NAMES))
    indptr, indices, values = [0], [], []
    for head_text, body_text, _ in pairs:
        head, body = views[head_text], views[body_text]
        indices += [head.tf.index, size + body.tf.index, cue_slots]
        values += [head.tf.value, body.tf.value, pair_cues(head, body)]
        indptr.append(indptr[-1] + len(head.tf.index) + len(body.tf.index) + len(cue_slots))
    matrix = sp.csr_matrix(
        (np.concatenate(values), np.concatenate(indices), np.array(indptr)),
        shape=(len(pairs), input_width(vocabulary)),
        dtype=np.float32,
    )
    gold = np.array([LABELS.index(g) for _, _, g in pairs], dtype=np.int64)
    return matrix, gold


def _torch_batch(matrix: sp.csr_matrix) -> torch.Tensor:
    coo = matrix.tocoo()
    index = torch.from_numpy(np.vstack([coo.row, coo.col]).astype(np.int64))
    tensor = torch.sparse_coo_tensor(index, torch.from_numpy(coo.data), coo.shape, check_invariants=False)
    return tensor.coalesce()


def train_member(
    matrix: sp.csr_matrix, gold: np.ndarray, args: argparse.Namespace, seed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """One network; the cue columns are multiplied by ``cue_scale`` while training (so they are not swamped by
    the thousands of term slots) and the scale is folded into the first layer's weights before export."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    scale = np.ones(matrix.shape[1], dtype=np.float32)
    scale[-len(CUE_NAMES) :] = args.cue_scale
    matrix = (matrix @ sp.diags(scale)).tocsr()
    hidden = torch.nn.Linear(matrix.shape[1], args.hidden)
    output = torch.nn.Linear(args.hidden, len(LABELS))
    dropout = torch.nn.Dropout(args.dropout)
    params = list(hidden.parameters()) + list(output.parameters())
    optimiser = torch.optim.Adam(params, lr=args.lr, weight_decay=args.weight_decay)
    weights = torch.ones(len(LABELS))
    weights[LABELS.index("disagree")] = args.disagree_weight
    weights[LABELS.index("agree")] = args.agree_weight
    loss_fn = torch.nn.CrossEntropyLoss(weight=weights)
    for _epoch in range(args.epochs):
        order = rng.permutation(matrix.shape[0])
        for start in range(0, len(order), args.batch):
            rows = order[start : start + args.batch]
            x = _torch_batch(matrix[rows])
            h = torch.relu(torch.sparse.mm(x, hidden.weight.t()) + hidden.bias)
            loss = loss_fn(output(dropout(h)), torch.from_numpy(gold[rows]))
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 5.0)
            optimiser.step()
    return (
        (hidden.weight.detach().numpy().T * scale[:, None]).astype(np.float16),
        hidden.bias.detach().numpy().astype(np.float16),
        output.weight.detach().numpy().T.astype(np.float16),
        output.bias.detach().numpy().astype(np.float16),
    )


def train_trees(cues: np.ndarray, gold: np.ndarray, args: argparse.Namespace) -> BoostedTrees:
    """Gradient-boosted trees on the cue columns, flattened into the numpy layout that ships."""
    weight = np.where(gold == LABELS.index("disagree"), args.trees_disagree_weight, 1.0)
    booster = HistGradientBoostingClassifier(
        max_iter=args.trees, learning_rate=0.1, random_state=args.seed, early_stopping=False
    ).fit(cues, gold, sample_weight=weight)
    tables, roots, classes, offset = [], [], [], 0
    for iteration in booster._predictors:
        for k, predictor in enumerate(iteration):
            nodes = predictor.nodes
            tables.append(nodes)
            roots.append(offset)
            classes.append(k)
            offset += len(nodes)
    starts = np.repeat(np.array(roots), [len(t) for t in tables])
    nodes = np.concatenate(tables)
    leaf = nodes["is_leaf"].astype(bool)
    return BoostedTrees(
        feature=nodes["feature_idx"].astype(np.int64),
        threshold=nodes["num_threshold"].astype(np.float64),
        left=np.where(leaf, 0, nodes["left"] + starts).astype(np.int64),
        right=np.where(leaf, 0, nodes["right"] + starts).astype(np.int64),
        value=nodes["value"].astype(np.float32),
        leaf=leaf,
        roots=np.array(roots, dtype=np.int64),
        tree_class=np.array(classes, dtype=np.int64),
        baseline=np.asarray(booster._baseline_prediction, dtype=np.float32).ravel(),
    )


def train(pairs: list[Pair], args: argparse.Namespace) -> StanceModel:
    vocabulary = build_vocabulary(pairs, args.vocabulary)
    matrix, gold = featurise(pairs, vocabulary)
    members = [train_member(matrix, gold, args, args.seed + k) for k in range(args.members)]
    trees = train_trees(matrix[:, -len(CUE_NAMES) :].toarray(), gold, args)
    return StanceModel(vocabulary, network_of(members), trees, network_share=args.network_share)


def network_of(members: Sequence[tuple[np.ndarray, ...]]) -> StanceNetwork:
    """The run-time network, from the float16 weights exactly as they ship."""
    return StanceNetwork([tuple(a.astype(np.float32) for a in m) for m in members])  # type: ignore[misc]


def predict(model: StanceModel, matrix: sp.csr_matrix) -> list[str]:
    labels: list[str] = []
    for start in range(0, matrix.shape[0], 512):
        probs = model.probabilities(matrix[start : start + 512].toarray())
        labels += [LABELS[i] for i in probs.argmax(axis=1)]
    return labels


def save(model: StanceModel, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    model.vocabulary.to_json(out / "vocabulary.json")
    arrays: dict[str, np.ndarray] = {"members": np.array(len(model.network.members))}
    for k, member in enumerate(model.network.members):
        for name, array in zip(("w1", "b1", "w2", "b2"), member, strict=True):
            arrays[f"{name}_{k}"] = array.astype(np.float16)
    np.savez_compressed(out / "network.npz", **arrays)  # type: ignore[arg-type]
    model.trees.save(out / "trees.npz")
    (out / "settings.json").write_text(json.dumps({"network_share": model.network_share}) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=FNC)
    parser.add_argument("--out", type=Path, default=DATA)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--dev-share", type=float, default=0.2)
    parser.add_argument("--vocabulary", type=int, default=5000)
    parser.add_argument("--hidden", type=int, default=100)
    parser.add_argument("--dropout", type=float, default=0.6)
    parser.add_argument("--lr", type=float, default=0.001)
    parser.add_argument("--weight-decay", type=float, default=1e-5)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--members", type=int, default=1)
    parser.add_argument("--disagree-weight", type=float, default=5.0)
    parser.add_argument("--cue-scale", type=float, default=3.0)
    parser.add_argument("--trees", type=int, default=100)
    parser.add_argument("--trees-disagree-weight", type=float, default=5.0)
    parser.add_argument("--network-share", type=float, default=0.5)
    parser.add_argument("--agree-weight", type=float, default=1.0)
    parser.add_argument("--split", choices=("body", "topic"), default="body")
    parser.add_argument("--dev-only", action="store_true")
    parser.add_argument("--skip-dev", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(1)
    pairs = read_fnc_pairs(args.data / "train_bodies.csv", args.data / "train_stances.csv")
    started = time.perf_counter()
    if not args.skip_dev:
        split = split_by_topic if args.split == "topic" else split_by_body
        train_pairs, dev_pairs = split(pairs, seed=args.seed, dev_share=args.dev_share)
        model = train(train_pairs, args)
        matrix, _ = featurise(dev_pairs, model.vocabulary)
        predicted = predict(model, matrix)
        scores = stance_metrics([g for _, _, g in dev_pairs], predicted)
        print(
            f"dev ({len(dev_pairs)} pairs, unseen {'bodies' if args.split == 'body' else 'topics'}): FNC {scores['fnc_score']:.2f} "
            f"macro-F1 {scores['macro_f1']:.4f} per-class {scores['f1']}"
        )
        print(f"confusion (gold → predicted): {scores['confusion']}")
        print(f"dev run took {time.perf_counter() - started:.0f}s")
    if args.dev_only:
        return
    save(train(pairs, args), args.out)
    print(f"wrote {args.out} after {time.perf_counter() - started:.0f}s in total")


if __name__ == "__main__":
    main()
