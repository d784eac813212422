"""Train the block models on the extraction data in ../shared/eval/extraction and ship their weights.

    .venv/bin/python scripts/train_block_model.py [--data ../shared/eval/extraction] [--mode text|html|both]

Two models share one feature set (``newsledger.clean.block_features``):
- ``text``: for already-scraped text. Pages are rendered to text blocks (``newsledger.clean.render``),
  half of them with Markdown link syntax as scrapers leave it; nothing else about the HTML is kept.
- ``html``: for HTML input. Blocks keep their real link density, and each block also says whether
  trafilatura kept it, so the model learns when to overrule trafilatura in either direction.

Labels come from matching rendered blocks against the gold:
- CleanEval: a block is article text when most of its word trigrams occur in the hand-cleaned text,
  furniture when almost none do; blocks in between are left out.
- trafilatura's set, on the 291 pages the project labelled block by block (``newsledger.eval.body_labels``):
  a block is article body or not as labelled. On its other pages, a block holding a "with" segment is
  article text, one holding a "without" segment is furniture, and the rest get a weak label from
  whether trafilatura kept them (weight ``--weak-weight``).

The script prints cross-validated figures (5 folds grouped by page: a page is never in its own
training fold): block accuracy, CleanEval word-bag F1, segment F1 on trafilatura's set, and body
shingle F1 on the labelled pages (the held-back benchmark's metric), each beside trafilatura's own;
then trains on all pages and writes src/newsledger/clean/data/block_model_<mode>.npz.
Tests never train; they use the shipped files.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import trafilatura
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from newsledger.clean.block_features import DIMENSIONS, feature_index, page_features
from newsledger.clean.block_model import BlockModel, html_extra, model_path
from newsledger.clean.overlap import kept_share
from newsledger.clean.render import render_blocks
from newsledger.eval.body_labels import PageLabels, is_long_english, load_body_labels
from newsledger.eval.metrics import averaged_prf, bag_prf, prf, shingle_pr
from newsledger.ingest.html_reader import resiliparse_text, trafilatura_text

sys.path.insert(0, str(Path(__file__).parent))
import itertools

from furniture_augment import furniture

_TOKEN = re.compile(r"\w+")
_MARKER = re.compile(r"<[phl]>", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_MD = re.compile(r"\]\([^)]*\)")
WEAK_WEIGHT = 0.3
AUGMENT = True
TEMPER = 1.0
FLOOR = 0.0
BACKOFF_SHARE = 0.0
BACKOFF_FLOOR = 0.0
TRAIN_ON_BODY_LABELS = True
POOL: list[str] = []
GOLD_PAGE_WEIGHT = 1.0


@dataclass
class Page:
    name: str
    html: str
    labels: list[int] = field(default_factory=list)  # 1 article, 0 furniture, -1 unknown
    weights: list[float] = field(default_factory=list)
    blocks: list[str] = field(default_factory=list)
    link_chars: list[int | None] = field(default_factory=list)
    traf_kept: list[float] = field(default_factory=list)
    resil_kept: list[float] = field(default_factory=list)
    resiliparse_text: str = ""
    contexts: list[tuple[str, ...]] = field(default_factory=list)
    trafilatura_text: str = ""
    trafilatura_default: str = ""
    body_labels: PageLabels | None = None
    gold_body: str | None = None
    gold_text: str | None = None
    with_segments: list[str] = field(default_factory=list)
    without_segments: list[str] = field(default_factory=list)
    feats: list[list[tuple[int, float]]] = field(default_factory=list)


def _tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text)]


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def _unlink(text: str) -> str:
    return _MD.sub("]", text).replace("[", "").replace("]", "")


def load_pages(data: Path) -> list[Page]:
    pages = []
    ce = data / "cleaneval-dev"
    for path in sorted((ce / "input").glob("*.html")):
        gold_path = ce / "GoldStandard" / f"{path.stem}-cleaned.txt"
        if gold_path.exists():
            lines = gold_path.read_text(encoding="utf-8", errors="replace").splitlines()
            if lines and lines[0].startswith("URL:"):
                lines = lines[1:]
            page = Page(
                name=f"cleaneval/{path.name}", html=path.read_text(encoding="utf-8", errors="replace")
            )
            page.gold_text = _MARKER.sub(" ", "\n".join(lines))
            pages.append(page)
    tr = data / "trafilatura"
    spec = json.loads((tr / "evaldata.json").read_text(encoding="utf-8"))
    body_labels = load_body_labels()
    for _url, item in sorted(spec.items()):
        found: Path | None = next(
            (p for p in (tr / "eval" / item["file"], tr / "cache" / item["file"]) if p.exists()), None
        )
        if found is None:
            continue
        path = found
        page = Page(
            name=f"trafilatura/{item['file']}", html=path.read_text(encoding="utf-8", errors="replace")
        )
        page.with_segments = [_norm(s) for s in item.get("with", []) if s.strip()]
        page.without_segments = [_norm(s) for s in item.get("without", []) if s.strip()]
        page.body_labels = body_labels.get(item["file"])
        pages.append(page)
    for page in pages:
        page.trafilatura_text = trafilatura_text(page.html)
        page.resiliparse_text = resiliparse_text(page.html)
        if page.body_labels is not None:
            # trafilatura as the benchmark runs it (default options), for the body figures beside ours
            page.trafilatura_default = trafilatura.extract(page.html) or ""
    return pages


def prepare(page: Page, mode: str) -> None:
    """Render, label and featurise one page for ``mode``."""
    markdown = mode == "text" and hashlib.sha256(page.name.encode()).digest()[0] % 2 == 0
    rendered = render_blocks(page.html, markdown_links=markdown)
    page.blocks = [b.text for b in rendered]
    page.contexts = [b.context for b in rendered]
    page.link_chars = [b.link_chars for b in rendered] if mode == "html" else [None] * len(rendered)
    page.traf_kept = kept_share(page.blocks, page.trafilatura_text)
    page.resil_kept = kept_share(page.blocks, page.resiliparse_text) if mode == "html" else []
    page.labels, page.weights = [], []
    page.gold_body = page.body_labels.gold(page.blocks) if page.body_labels else None
    if page.gold_body is not None and mode == "text":
        # Scored on the words alone, as the benchmark does: Markdown link targets are not article text.
        page.gold_body = _unlink(page.gold_body)
    if page.body_labels is not None and page.gold_body is None:
        print(f"{page.name}: body labels no longer fit the rendering; using its segments", file=sys.stderr)
    if page.gold_body is not None and page.body_labels is not None and TRAIN_ON_BODY_LABELS:
        for b in page.blocks:
            known = len(_norm(_unlink(b))) >= 3
            page.labels.append(int(page.body_labels.is_body(b)) if known else -1)
            page.weights.append(1.0 if known else 0.0)
    elif page.gold_text is not None:
        gold = _tokens(page.gold_text)
        trigrams = set(zip(gold, gold[1:], gold[2:], strict=False))
        gold_norm = _norm(page.gold_text)
        for b in page.blocks:
            toks = _tokens(_unlink(b))
            if len(toks) >= 3:
                grams = list(zip(toks, toks[1:], toks[2:], strict=False))
                share = sum(g in trigrams for g in grams) / len(grams)
                page.labels.append(1 if share >= 0.6 else 0 if share <= 0.15 else -1)
            else:
                page.labels.append(1 if len(toks) > 1 and _norm(" ".join(toks)) in gold_norm else -1)
            page.weights.append(GOLD_PAGE_WEIGHT)
    else:
        for b, traf in zip(page.blocks, page.traf_kept, strict=True):
            nb = _norm(_unlink(b))
            if len(nb) < 3:
                page.labels.append(-1)
                page.weights.append(0.0)
            elif any(s in nb or (len(nb) > 25 and nb in s) for s in page.with_segments):
                page.labels.append(1)
                page.weights.append(1.0)
            elif any(s in nb or (len(nb) > 25 and nb in s) for s in page.without_segments):
                page.labels.append(0)
                page.weights.append(1.0)
            else:
                page.labels.append(int(traf >= 0.5))
                page.weights.append(WEAK_WEIGHT)
    if mode == "text" and AUGMENT:
        augment(page, random.Random(page.name), POOL)
    extra = html_extra(page.traf_kept, page.contexts, page.resil_kept) if mode == "html" else None
    page.feats = page_features(page.blocks, link_chars=page.link_chars, extra=extra)


def augment(page: Page, rng: random.Random, pool: list[str]) -> None:
    """Insert 2-6 groups of synthetic furniture (label 0) among the page's blocks."""
    content = [i for i, y in enumerate(page.labels) if y == 1]
    if not content or not pool:
        return
    inserts: list[tuple[int, list[str]]] = []
    for _ in range(rng.randint(2, 6)):
        where, lines = furniture(rng, pool, lead=page.blocks[content[0]])
        if where == "title":
            at = content[0] + rng.randint(0, 1)
        elif where == "end":
            at = content[-1] + 1
        else:
            at = rng.choice(content[1:] or content)
        inserts.append((at, lines))
    for at, lines in sorted(inserts, key=lambda x: -x[0]):
        n = len(lines)
        page.blocks[at:at] = lines
        page.labels[at:at] = [0] * n
        page.weights[at:at] = [1.0] * n
        page.link_chars[at:at] = [None] * n
        page.traf_kept[at:at] = [0.0] * n
        if page.resil_kept:
            page.resil_kept[at:at] = [0.0] * n
        page.contexts[at:at] = [()] * n


def matrix(pages: list[Page]) -> tuple[csr_matrix, np.ndarray, np.ndarray]:
    rows, cols, vals, ys, ws = [], [], [], [], []
    r = 0
    for page in pages:
        for feats, y, w in zip(page.feats, page.labels, page.weights, strict=True):
            if y < 0 or w <= 0:
                continue
            for i, v in feats:
                rows.append(r)
                cols.append(i)
                vals.append(v)
            ys.append(y)
            ws.append(w)
            r += 1
    return (
        csr_matrix((vals, (rows, cols)), shape=(r, DIMENSIONS), dtype=np.float32),
        np.array(ys),
        np.array(ws),
    )


def transitions(pages: list[Page]) -> np.ndarray:
    counts = np.ones((2, 2))
    for page in pages:
        seq = [y for y in page.labels if y >= 0]
        for a, b in itertools.pairwise(seq):
            counts[a, b] += 1
    probs = counts / counts.sum(axis=1, keepdims=True)
    # Tempering flattens the run-length prior, so one confident furniture block inside the article
    # (an in-text promo) can still be dropped; the exponent is chosen by cross-validation.
    tempered: np.ndarray = probs**TEMPER
    result: np.ndarray = tempered / tempered.sum(axis=1, keepdims=True)
    return result


def fit(pages: list[Page], c: float) -> LogisticRegression:
    x, y, w = matrix(pages)
    model = LogisticRegression(C=c, max_iter=3000, solver="liblinear")
    model.fit(x, y, sample_weight=w)
    return model


def probabilities(model: LogisticRegression, page: Page) -> list[float]:
    coef, bias = model.coef_[0], float(model.intercept_[0])
    return [float(1 / (1 + np.exp(-(bias + sum(coef[i] * v for i, v in f))))) for f in page.feats]


def decider(pages: list[Page], mode: str, threshold: float) -> BlockModel:
    """The shipped model's decision rule with this run's settings (its weights are not used: the
    cross-validation passes each fold's probabilities to ``decide``)."""
    backoff = mode == "html"
    return BlockModel(
        weights=np.zeros(0, dtype=np.float32),
        log_transition=np.log(transitions(pages)),
        threshold=threshold,
        floor=FLOOR,
        info={},
        backoff_share=BACKOFF_SHARE if backoff else 0.0,
        backoff_floor=BACKOFF_FLOOR if backoff else 0.0,
    )


def cross_validate(
    pages: list[Page], *, mode: str, c: float, threshold: float, folds: int
) -> dict[str, object]:
    rule = decider(pages, mode, threshold)
    idx = np.arange(len(pages))
    correct = total = 0
    names = ("newsledger", "trafilatura")
    seg = {n: [0, 0, 0] for n in names}  # tp, fp, fn
    bags: dict[str, list[dict[str, float]]] = {n: [] for n in names}
    body: dict[str, list[tuple[float, float]]] = {n: [] for n in (*names, "trafilatura_default")}
    news: dict[str, list[tuple[float, float]]] = {n: [] for n in body}
    for train_idx, test_idx in GroupKFold(n_splits=folds).split(idx, groups=idx):
        model = fit([pages[i] for i in train_idx], c)
        for i in test_idx:
            page = pages[i]
            probs = probabilities(model, page)
            keep = rule.decide(probs, page.blocks, page.traf_kept if mode == "html" else None)
            for k, y, w in zip(keep, page.labels, page.weights, strict=True):
                if y >= 0 and w >= 1:
                    total += 1
                    correct += int(k) == y
            text = _unlink("\n".join(b for b, k in zip(page.blocks, keep, strict=True) if k))
            outputs = {"newsledger": text, "trafilatura": page.trafilatura_text}
            for name, out in outputs.items():
                if page.gold_text is not None:
                    bags[name].append(bag_prf(Counter(_tokens(out)), Counter(_tokens(page.gold_text))))
                normed = _norm(out)
                seg[name][0] += sum(s in normed for s in page.with_segments)
                seg[name][1] += sum(s in normed for s in page.without_segments)
                seg[name][2] += sum(s not in normed for s in page.with_segments)
            if page.gold_body:
                outputs["trafilatura_default"] = page.trafilatura_default
                newsy = is_long_english(page.gold_body)
                for name, out in outputs.items():
                    scores = shingle_pr(out, page.gold_body)
                    body[name].append(scores)
                    if newsy:
                        news[name].append(scores)
    result: dict[str, object] = {"block_accuracy": round(correct / max(total, 1), 4)}
    for name in names:
        rows = bags[name]
        result[f"{name}.cleaneval_wordbag_f1"] = round(sum(r["f1"] for r in rows) / max(len(rows), 1), 4)
        result[f"{name}.trafilatura_set_segment"] = prf(*seg[name])
    for name, pairs in body.items():
        result[f"{name}.labelled_body_shingle"] = averaged_prf(pairs)
        result[f"{name}.labelled_body_shingle_english_long"] = averaged_prf(news[name])
    return result


def export(model: LogisticRegression, pages: list[Page], mode: str, info: dict[str, object]) -> Path:
    coef = model.coef_[0].astype(np.float64)
    coef[feature_index("bias")] += float(model.intercept_[0])  # the intercept rides on the bias feature
    nonzero = np.nonzero(np.abs(coef) > 1e-4)[0]
    out = model_path(mode)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        out,
        indices=nonzero.astype(np.int32),
        values=coef[nonzero].astype(np.float16),
        transition=transitions(pages),
        info=np.array(json.dumps(info, sort_keys=True)),
    )
    return out


def main(argv: list[str] | None = None) -> int:
    global WEAK_WEIGHT, GOLD_PAGE_WEIGHT, TEMPER, FLOOR, BACKOFF_SHARE, BACKOFF_FLOOR, TRAIN_ON_BODY_LABELS
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "eval" / "extraction"
    )
    parser.add_argument("--mode", choices=("text", "html", "both"), default="both")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--c", type=float, default=0.5)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--weak-weight", type=float, default=0.3, help="weight of trafilatura-derived labels")
    parser.add_argument("--gold-weight", type=float, default=1.0, help="weight of CleanEval gold labels")
    parser.add_argument("--temper", type=float, default=1.0, help="exponent flattening the transition prior")
    parser.add_argument(
        "--floor", type=float, default=0.0, help="drop blocks below this even inside the article"
    )
    parser.add_argument(
        "--backoff-share",
        type=float,
        default=0.0,
        help="HTML: when the model keeps less than this share of trafilatura's words, add trafilatura's blocks",
    )
    parser.add_argument(
        "--backoff-floor", type=float, default=0.0, help="HTML: ...except blocks the model scores below this"
    )
    parser.add_argument(
        "--segments-only",
        action="store_true",
        help="label trafilatura's pages by their segments and trafilatura's verdict, not the body labels "
        "(the body labels still score the result)",
    )
    parser.add_argument("--no-write", action="store_true", help="only cross-validate")
    args = parser.parse_args(argv)
    WEAK_WEIGHT = args.weak_weight
    GOLD_PAGE_WEIGHT = args.gold_weight
    TEMPER = args.temper
    FLOOR = args.floor
    BACKOFF_SHARE = args.backoff_share
    BACKOFF_FLOOR = args.backoff_floor
    TRAIN_ON_BODY_LABELS = not args.segments_only

    print("loading pages and running trafilatura on them ...", file=sys.stderr)
    pages = load_pages(args.data)
    POOL.extend(
        line for page in pages for line in page.trafilatura_text.splitlines() if 12 <= len(line.split()) <= 60
    )
    for mode in ("text", "html") if args.mode == "both" else (args.mode,):
        for page in pages:
            prepare(page, mode)
        gold = sum(1 for p in pages for y, w in zip(p.labels, p.weights, strict=True) if y >= 0 and w >= 1)
        cv = cross_validate(pages, mode=mode, c=args.c, threshold=args.threshold, folds=args.folds)
        print(
            json.dumps(
                {"mode": mode, "pages": len(pages), "gold_labelled_blocks": gold, "cross_validated": cv}
            )
        )
        if not args.no_write:
            info = {
                "mode": mode,
                "threshold": args.threshold,
                "floor": args.floor,
                **(
                    {"backoff_share": args.backoff_share, "backoff_floor": args.backoff_floor}
                    if mode == "html"
                    else {}
                ),
                "temper": args.temper,
                "c": args.c,
                "pages": len(pages),
                "gold_labelled_blocks": gold,
                "cross_validated": cv,
            }
            out = export(fit(pages, args.c), pages, mode, info)
            print(f"wrote {out} ({out.stat().st_size // 1024} KiB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
