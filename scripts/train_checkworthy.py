"""Train the check-worthiness model shipped as ``src/newsledger/claims/data/checkworthy.npz``.

Data (read from ``../shared/eval/checkworthy``, never copied): CheckThat! 2019 training and annotated
test debates, CheckThat! 2020 debate training, and ClaimBuster's crowdsourced and groundtruth sentences
(check-worthy factual = positive, everything else negative, weighted by ``--cb-weight``, 0 = unused).

The 2020 training set repeats debates from 2019 (under other file names, sometimes trimmed or relabelled),
so debates are grouped by content: two files whose sets of normalised sentences overlap by more than half
of the smaller are one debate, and only one file of each group is used (the 2019 test version if there is
one, else the 2019 training version, else the 2020 one). ClaimBuster sentences that also occur in a
CheckThat! debate are dropped, so held-out debates never leak through them.

Validation printed:
- ``map_2019_test``: trained on every debate group except those holding a 2019 test debate, MAP on the
  seven 2019 test debates;
- ``map_cv``: leave-debates-out 5-fold cross-validation over all debate groups (ClaimBuster always in
  training), MAP over each held-out debate.
- ``map_cv_2020_only``: the same, over the held-out debates found only in the 2020 release (harder).
The shipped model is then trained on everything and calibrated on the cross-validated margins.

Choices, by these figures (2019 test / CV), all with word + word-pair + context + dense features unless
said: C 0.1: 0.132/0.147; C 0.3: 0.141/0.150; **C 0.6: 0.137/0.157**; C 1: 0.134/0.158; C 3: 0.125/0.153.
With character 3-5-grams (C 0.3): 0.136/0.142. Without the context sentences: 0.135/0.141. ClaimBuster
added at weight 0.1 / 0.3 / 1.0 (with character n-grams, C 0.3): 0.124/0.136, 0.120/0.135, 0.117/0.138,
against 0.136/0.142 without, so it is off by default (``--cb-weight``). Fully balanced class weights
(``balance`` 1): 0.134/0.157, no better than the default 0.25.

The repeated debates carry different labels in the two releases (e.g. the third 2016 presidential
debate: 77 check-worthy sentences in 2019, 51 in 2020, 20 in both). Training on the 2020 labels of the
repeated debates instead, or on both versions, moved nothing beyond noise (2019 test 0.143 / 0.137, CV
over the 35 debates found only in 2020: 0.117 / 0.118, against 0.118 with the 2019 labels).

Run: ``OMP_NUM_THREADS=1 .venv/bin/python scripts/train_checkworthy.py`` (a minute or two).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from scipy import sparse
from sklearn.linear_model import LogisticRegression

from newsledger.claims.checkworthy import DEFAULT_BITS, DENSE_NAMES, dense_features, sparse_features
from newsledger.eval.checkworthy import average_precision, contexts_of, read_debate

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "eval" / "checkworthy"
OUT = REPO / "src" / "newsledger" / "claims" / "data" / "checkworthy.npz"
SEED = 13
PRIOR = 0.25  # ClaimBuster's share of check-worthy factual sentences; news is closer to it than debates

_NORM = re.compile(r"\w+")


def norm(text: str) -> str:
    return " ".join(_NORM.findall(text.lower()))


@dataclass
class Debate:
    name: str
    source: str  # "2019test", "2019train", "2020train"
    texts: list[str]
    labels: list[int]

    def signature(self) -> set[str]:
        return {n for n in map(norm, self.texts) if len(n.split()) >= 5}


def load_debates() -> list[Debate]:
    debates = []
    for source, folder in (
        ("2019test", DATA / "checkthat2019" / "test_annotated"),
        ("2019train", DATA / "checkthat2019" / "training"),
        ("2020train", DATA / "checkthat2020_debates" / "v2.0" / "training"),
    ):
        for path in sorted(folder.glob("*.tsv")):
            lines = read_debate(path)
            debates.append(Debate(path.stem, source, [d.text for d in lines], [d.label for d in lines]))
    return debates


def group_debates(debates: list[Debate]) -> list[list[Debate]]:
    """Union debates whose sentence sets overlap by more than half of the smaller one."""
    sigs = [d.signature() for d in debates]
    parent = list(range(len(debates)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(debates)):
        for j in range(i + 1, len(debates)):
            small = min(len(sigs[i]), len(sigs[j]))
            if small and len(sigs[i] & sigs[j]) > 0.5 * small:
                parent[find(i)] = find(j)
    groups: dict[int, list[Debate]] = {}
    for i, d in enumerate(debates):
        groups.setdefault(find(i), []).append(d)
    rank = {"2019test": 0, "2019train": 1, "2020train": 2}
    return [sorted(g, key=lambda d: rank[d.source]) for g in groups.values()]


def load_claimbuster(exclude: set[str]) -> tuple[list[str], list[int]]:
    seen: dict[str, tuple[str, int]] = {}
    for name in ("groundtruth.csv", "crowdsourced.csv"):
        with (DATA / "claimbuster" / name).open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                key = norm(row["Text"])
                if not key or key in exclude or key in seen:
                    continue
                seen[key] = (row["Text"], 1 if row["Verdict"].strip() == "1" else 0)
    texts = [t for t, _ in seen.values()]
    labels = [y for _, y in seen.values()]
    return texts, labels


def featurise(
    texts: list[str], contexts: list[tuple[str, str]] | None, bits: int
) -> tuple[sparse.csr_matrix, npt.NDArray[np.float64]]:
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    dense = np.empty((len(texts), len(DENSE_NAMES)))
    for k, text in enumerate(texts):
        feats = sparse_features(text, contexts[k] if contexts is not None else None, bits=bits)
        rows.extend([k] * len(feats))
        cols.extend(feats.keys())
        vals.extend(feats.values())
        dense[k] = dense_features(text)
    matrix = sparse.csr_matrix((vals, (rows, cols)), shape=(len(texts), 1 << bits))
    return matrix, dense


@dataclass
class Block:
    """Featurised sentences of one debate (or of ClaimBuster)."""

    name: str
    x: sparse.csr_matrix
    dense: npt.NDArray[np.float64]
    y: npt.NDArray[np.int64]


def fit(
    blocks: list[Block], cb: Block | None, cb_weight: float, c: float, *, balance: float = 0.25
) -> tuple[LogisticRegression, npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    parts = blocks + ([cb] if cb is not None and cb_weight > 0 else [])
    dense = np.vstack([b.dense for b in parts])
    mean = dense.mean(axis=0)
    std = dense.std(axis=0) + 1e-6
    x = sparse.hstack(
        [sparse.vstack([b.x for b in parts]), sparse.csr_matrix((dense - mean) / std)], format="csr"
    )
    y = np.concatenate([b.y for b in parts])
    w = np.concatenate([np.full(len(b.y), cb_weight if b is cb else 1.0) for b in parts])
    pos = y == 1
    # up-weight the rare positives (balance=1: both classes weigh the same in total)
    w = w * np.where(pos, balance * (len(y) - pos.sum()) / max(pos.sum(), 1), 1.0)
    model = LogisticRegression(C=c, solver="liblinear", max_iter=200, random_state=SEED)
    model.fit(x, y, sample_weight=w)
    return model, mean, std


def margins(
    model: LogisticRegression, mean: npt.NDArray[np.float64], std: npt.NDArray[np.float64], block: Block
) -> npt.NDArray[np.float64]:
    x = sparse.hstack([block.x, sparse.csr_matrix((block.dense - mean) / std)], format="csr")
    return np.asarray(model.decision_function(x), dtype=np.float64)


def mean_ap(
    model: LogisticRegression,
    mean: npt.NDArray[np.float64],
    std: npt.NDArray[np.float64],
    blocks: list[Block],
) -> tuple[float, dict[str, float]]:
    aps = {}
    for b in blocks:
        ap = average_precision(b.y.tolist(), margins(model, mean, std, b).tolist())
        if ap is not None:
            aps[b.name] = round(ap, 4)
    return sum(aps.values()) / len(aps), aps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--bits", type=int, default=DEFAULT_BITS)
    parser.add_argument("--c", type=float, default=0.6)
    parser.add_argument("--cb-weight", type=float, default=0.0)
    parser.add_argument("--no-context", action="store_true")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="validate only")
    args = parser.parse_args()

    groups = group_debates(load_debates())
    merged = [g for g in groups if len(g) > 1]
    print(f"debate files grouped into {len(groups)} debates; merged groups:", file=sys.stderr)
    for g in merged:
        print("  " + " = ".join(f"{d.source}/{d.name}" for d in g), file=sys.stderr)
    chosen = [g[0] for g in groups]
    exclude = {norm(t) for d in chosen for t in d.texts}
    cb_texts, cb_labels = load_claimbuster(exclude)

    blocks = []
    for d in chosen:
        ctx = None if args.no_context else contexts_of(d.texts)
        x, dense = featurise(d.texts, ctx, args.bits)
        blocks.append(Block(f"{d.source}/{d.name}", x, dense, np.asarray(d.labels)))
    cbx, cbd = featurise(cb_texts, None, args.bits)
    cb = Block("claimbuster", cbx, cbd, np.asarray(cb_labels))
    n_sent = sum(len(b.y) for b in blocks)
    n_pos = sum(int(b.y.sum()) for b in blocks)
    print(
        f"{len(blocks)} debates, {n_sent} sentences, {n_pos} check-worthy; ClaimBuster {len(cb.y)} "
        f"sentences ({int(cb.y.sum())} check-worthy) after dropping overlaps",
        file=sys.stderr,
    )

    test = [b for b in blocks if b.name.startswith("2019test/")]
    train = [b for b in blocks if not b.name.startswith("2019test/")]
    model, mean, std = fit(train, cb, args.cb_weight, args.c)
    map_test, aps_test = mean_ap(model, mean, std, test)

    rng = np.random.default_rng(SEED)
    order = rng.permutation(len(blocks))
    fold_of = {int(i): k % args.folds for k, i in enumerate(order)}
    cv_aps: dict[str, float] = {}
    oof_margin: list[npt.NDArray[np.float64]] = []
    oof_label: list[npt.NDArray[np.int64]] = []
    for fold in range(args.folds):
        held = [blocks[i] for i in range(len(blocks)) if fold_of[i] == fold]
        rest = [blocks[i] for i in range(len(blocks)) if fold_of[i] != fold]
        m, mu, sd = fit(rest, cb, args.cb_weight, args.c)
        _, aps = mean_ap(m, mu, sd, held)
        cv_aps.update(aps)
        for b in held:
            oof_margin.append(margins(m, mu, sd, b))
            oof_label.append(b.y)
    map_cv = sum(cv_aps.values()) / len(cv_aps)

    # Platt calibration on the out-of-fold margins, then moved to the news prior
    z = np.concatenate(oof_margin)[:, None]
    yz = np.concatenate(oof_label)
    platt = LogisticRegression(C=1e6, solver="lbfgs").fit(z, yz)
    slope = float(platt.coef_[0, 0])
    base = float(yz.mean())
    offset = float(platt.intercept_[0]) + math.log(PRIOR / (1 - PRIOR)) - math.log(base / (1 - base))

    report = {
        "map_2019_test": round(map_test, 4),
        "ap_2019_test": aps_test,
        "map_cv": round(map_cv, 4),
        "cv_debates": len(cv_aps),
        "map_cv_2020_only": round(float(np.mean([v for k, v in cv_aps.items() if k.startswith("2020")])), 4),
        "bits": args.bits,
        "c": args.c,
        "cb_weight": args.cb_weight,
        "context": not args.no_context,
        "calibration": [round(slope, 4), round(offset, 4)],
    }
    print(json.dumps(report, indent=1))
    if args.no_write:
        return

    final, mean, std = fit(blocks, cb, args.cb_weight, args.c)
    coef = final.coef_[0]
    n_hash = 1 << args.bits
    buf = io.BytesIO()
    np.savez_compressed(
        buf,
        weights=coef[:n_hash].astype(np.float32),
        dense_weights=coef[n_hash:].astype(np.float64),
        dense_mean=mean,
        dense_std=std,
        bias=np.float64(final.intercept_[0]),
        calibration=np.asarray([slope, offset]),
        use_context=np.bool_(not args.no_context),
        dense_names=np.asarray(DENSE_NAMES),
    )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(buf.getvalue())
    print(f"wrote {OUT} ({len(buf.getvalue()) / 1e6:.2f} MB)", file=sys.stderr)


if __name__ == "__main__":
    main()
