"""Train the stance model on FNC-1 and ship its weights under src/newsledger/framing/stance/data/.

Reproducible and seeded. First a dev run: bodies are split 80/20 (seeded) so no dev body is seen in training,
the vocabulary is built from the training part only, and the dev FNC score and macro-F1 are printed, computed
with the same numpy forward pass (float16 weights) that ships. Then the final model is trained the same way on
all pairs and written out (unless --dev-only).

    OMP_NUM_THREADS=1 .venv/bin/python scripts/train_stance.py
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp
import torch

from newsledger.eval.stance import read_fnc_pairs, stance_metrics
from newsledger.framing.stance.features import (
    CUE_NAMES,
    TextView,
    input_width,
    pair_cues,
    read_text,
)
from newsledger.framing.stance.model import DATA, LABELS
from newsledger.framing.stance.network import StanceNetwork
from newsledger.framing.stance.text import content_stems, words
from newsledger.framing.stance.vocabulary import Vocabulary

REPO = Path(__file__).resolve().parents[1]
FNC = REPO.parent / "shared" / "eval" / "stance" / "fnc1"
Pair = tuple[str, str, str]


def split_by_body(pairs: list[Pair], *, seed: int, dev_share: float) -> tuple[list[Pair], list[Pair]]:
    bodies = sorted({b for _, b, _ in pairs})
    random.Random(seed).shuffle(bodies)
    dev_bodies = set(bodies[: int(len(bodies) * dev_share)])
    return [p for p in pairs if p[1] not in dev_bodies], [p for p in pairs if p[1] in dev_bodies]


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
    return torch.sparse_coo_tensor(index, torch.from_numpy(coo.data), coo.shape).coalesce()


def train_member(
    matrix: sp.csr_matrix, gold: np.ndarray, args: argparse.Namespace, seed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
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
        hidden.weight.detach().numpy().T.astype(np.float16),
        hidden.bias.detach().numpy().astype(np.float16),
        output.weight.detach().numpy().T.astype(np.float16),
        output.bias.detach().numpy().astype(np.float16),
    )


def train(pairs: list[Pair], args: argparse.Namespace) -> tuple[Vocabulary, list[tuple[np.ndarray, ...]]]:
    vocabulary = build_vocabulary(pairs, args.vocabulary)
    matrix, gold = featurise(pairs, vocabulary)
    members = [train_member(matrix, gold, args, args.seed + k) for k in range(args.members)]
    return vocabulary, members


def network_of(members: list[tuple[np.ndarray, ...]]) -> StanceNetwork:
    return StanceNetwork([(m[0].astype(np.float32), m[1].astype(np.float32), m[2].astype(np.float32),
                           m[3].astype(np.float32)) for m in members])


def predict(network: StanceNetwork, matrix: sp.csr_matrix) -> list[str]:
    labels: list[str] = []
    for start in range(0, matrix.shape[0], 512):
        probs = network.probabilities(matrix[start : start + 512].toarray())
        labels += [LABELS[i] for i in probs.argmax(axis=1)]
    return labels


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=FNC)
    parser.add_argument("--out", type=Path, default=DATA)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--dev-share", type=float, default=0.2)
    parser.add_argument("--vocabulary", type=int, default=5000)
    parser.add_argument("--hidden", type=int, default=100)
    parser.add_argument("--dropout", type=float, default=0.4)
    parser.add_argument("--lr", type=float, default=0.001)
    parser.add_argument("--weight-decay", type=float, default=1e-5)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--members", type=int, default=1)
    parser.add_argument("--disagree-weight", type=float, default=2.0)
    parser.add_argument("--agree-weight", type=float, default=1.0)
    parser.add_argument("--dev-only", action="store_true")
    parser.add_argument("--skip-dev", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(1)
    pairs = read_fnc_pairs(args.data / "train_bodies.csv", args.data / "train_stances.csv")
    started = time.perf_counter()
    if not args.skip_dev:
        train_pairs, dev_pairs = split_by_body(pairs, seed=args.seed, dev_share=args.dev_share)
        vocabulary, members = train(train_pairs, args)
        matrix, _ = featurise(dev_pairs, vocabulary)
        predicted = predict(network_of(members), matrix)
        scores = stance_metrics([g for _, _, g in dev_pairs], predicted)
        print(f"dev ({len(dev_pairs)} pairs, unseen bodies): FNC {scores['fnc_score']:.2f} "
              f"macro-F1 {scores['macro_f1']:.4f} per-class {scores['f1']}")
        print(f"confusion (gold → predicted): {scores['confusion']}")
        print(f"dev run took {time.perf_counter() - started:.0f}s")
    if args.dev_only:
        return
    vocabulary, members = train(pairs, args)
    args.out.mkdir(parents=True, exist_ok=True)
    vocabulary.to_json(args.out / "vocabulary.json")
    arrays: dict[str, np.ndarray] = {"members": np.array(len(members))}
    for k, member in enumerate(members):
        for name, array in zip(("w1", "b1", "w2", "b2"), member, strict=True):
            arrays[f"{name}_{k}"] = array
    np.savez_compressed(args.out / "network.npz", **arrays)  # type: ignore[arg-type]
    print(f"wrote {args.out} after {time.perf_counter() - started:.0f}s in total")


if __name__ == "__main__":
    main()
