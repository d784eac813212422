"""Score main-text extraction on the data in ``eval/extraction``, newsledger beside plain trafilatura.

Two sets, three metrics; the first two as the set's README defines them:
- ``trafilatura/``: segments that must (``with``) or must not (``without``) appear in the output;
  precision/recall/F1 over all segments.
- ``cleaneval-dev/``: bag-of-words precision/recall/F1 of lower-cased ``\\w+`` tokens against the
  hand-cleaned gold (markers and URL line removed), per page, averaged over pages.
- ``trafilatura/`` again, on the 291 pages the project labelled block by block
  (``newsledger.eval.body_labels``): the held-back benchmark's metric, F1 over 4-token shingles of the
  article body (title not included), precision and recall averaged over pages; also for the English
  pages with a body of 300 words or more, the part most like that benchmark's news articles.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import trafilatura

from newsledger.clean.article_builder import build_article
from newsledger.clean.render import render_blocks
from newsledger.errors import EvaluationDataError, SkipInput
from newsledger.eval.body_labels import is_long_english, load_body_labels
from newsledger.eval.metrics import averaged_prf, bag_prf, prf, shingle_pr
from newsledger.extraction import extract_records
from newsledger.ingest.reading import read_unit
from newsledger.ingest.units import InputUnit
from newsledger.pipeline.runner import default_workers
from newsledger.records import Article

Extractor = Callable[[bytes, str], str]
_TOKEN = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_MARKER = re.compile(r"<[phl]>", re.IGNORECASE)


@lru_cache(maxsize=1024)
def _article(data: bytes, source: str) -> Article | None:
    """One page's article, built once: the segment and body scores read the same pages."""
    try:
        return build_article(read_unit(InputUnit(source=source, data=data)))
    except SkipInput:
        return None


def newsledger_extract(data: bytes, source: str) -> str:
    article = _article(data, source)
    if article is None:
        return ""
    return (article.title + "\n" if article.title else "") + article.text


def newsledger_body(data: bytes, source: str) -> str:
    """The article body alone, as the ``extract`` command's ``text`` field holds it."""
    article = _article(data, source)
    return article.text if article is not None else ""


@lru_cache(maxsize=1024)
def trafilatura_extract(data: bytes, _source: str) -> str:
    return trafilatura.extract(data.decode("utf-8", "replace")) or ""


EXTRACTORS: dict[str, Extractor] = {"newsledger": newsledger_extract, "trafilatura": trafilatura_extract}
BODY_EXTRACTORS: dict[str, Extractor] = {"newsledger": newsledger_body, "trafilatura": trafilatura_extract}


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def score_segments(folder: Path, extract: Extractor, *, limit: int | None = None) -> dict[str, float]:
    spec = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    tp = fp = fn = 0
    for i, (url, item) in enumerate(sorted(spec.items())):
        if limit is not None and i >= limit:
            break
        path = _page_path(folder, item["file"])
        if path is None:
            continue
        text = _norm(extract(path.read_bytes(), url))
        for seg in item.get("with", []):
            if _norm(seg) in text:
                tp += 1
            else:
                fn += 1
        fp += sum(1 for seg in item.get("without", []) if _norm(seg) in text)
    return prf(tp, fp, fn)


def _page_path(folder: Path, name: str) -> Path | None:
    """Where a page of trafilatura's set lives: its ``eval/`` or its ``cache/`` folder."""
    return next((p for p in (folder / "eval" / name, folder / "cache" / name) if p.exists()), None)


def score_cleaneval(folder: Path, extract: Extractor, *, limit: int | None = None) -> dict[str, float]:
    pages = sorted((folder / "input").glob("*.html"), key=lambda p: int(p.stem) if p.stem.isdigit() else 0)
    if limit is not None:
        pages = pages[:limit]
    totals = {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    scored = 0
    for page in pages:
        gold_path = folder / "GoldStandard" / f"{page.stem}-cleaned.txt"
        if not gold_path.exists():
            continue
        gold_lines = gold_path.read_text(encoding="utf-8", errors="replace").splitlines()
        if gold_lines and gold_lines[0].startswith("URL:"):
            gold_lines = gold_lines[1:]
        gold = Counter(t.lower() for t in _TOKEN.findall(_MARKER.sub(" ", "\n".join(gold_lines))))
        predicted = Counter(t.lower() for t in _TOKEN.findall(extract(page.read_bytes(), str(page))))
        for k, v in bag_prf(predicted, gold).items():
            totals[k] += v
        scored += 1
    return {k: round(v / max(scored, 1), 4) for k, v in totals.items()} | {"pages": scored}


def score_labelled_body(folder: Path, extract: Extractor, *, limit: int | None = None) -> dict[str, float]:
    """Body shingle precision/recall/F1 on the labelled pages, over all of them and over the long
    English ones."""
    spec = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    labels = load_body_labels()
    every: list[tuple[float, float]] = []
    news: list[tuple[float, float]] = []
    stale = 0
    for url, item in sorted(spec.items())[:limit]:
        page_labels = labels.get(item["file"])
        path = _page_path(folder, item["file"])
        if page_labels is None or path is None:
            continue
        data = path.read_bytes()
        gold = page_labels.gold([b.text for b in render_blocks(data.decode("utf-8", "replace"))])
        if gold is None:
            stale += 1
            continue
        if not gold.strip():
            continue
        pr = shingle_pr(extract(data, url), gold)
        every.append(pr)
        if is_long_english(gold):
            news.append(pr)
    result = averaged_prf(every) | {f"english_long.{k}": v for k, v in averaged_prf(news).items()}
    return result | {"stale_labels": stale}


class _Timed:
    """An extractor that keeps count of pages and seconds, so speed is measured on the scored pages."""

    def __init__(self, extract: Extractor) -> None:
        self.extract = extract
        self.pages = 0
        self.seconds = 0.0

    def __call__(self, data: bytes, source: str) -> str:
        t0 = time.perf_counter()
        try:
            return self.extract(data, source)
        finally:
            self.seconds += time.perf_counter() - t0
            self.pages += 1


def evaluate_extraction(data: Path, *, limit: int | None = None) -> dict[str, Any]:
    """Metrics per extractor and data set found under ``data`` (the ``extraction`` folder or one set),
    and each extractor's speed in pages per second over the same pages, measured in the same run.

    The shipped block models were trained on these very pages, so these scores are in-sample; the
    honest figures for them are the cross-validated ones ``scripts/train_block_model.py`` prints, and
    the held-back test portions of the benchmarks.
    """
    sets: dict[str, tuple[Path, Callable[..., dict[str, float]]]] = {}
    for name, scorer, marker in (
        ("trafilatura_set", score_segments, "evaldata.json"),
        ("cleaneval_dev", score_cleaneval, "GoldStandard"),
    ):
        for candidate in (data, *(p for p in data.iterdir() if p.is_dir())) if data.is_dir() else ():
            if (candidate / marker).exists():
                sets[name] = (candidate, scorer)
                break
    if not sets:
        raise EvaluationDataError(
            f"no extraction data under {data}.", hint="pass ../shared/eval/extraction or one of its folders"
        )
    metrics: dict[str, Any] = {}
    timed = {tool: _Timed(extractor) for tool, extractor in EXTRACTORS.items()}
    for set_name, (folder, scorer) in sets.items():
        for tool, extractor in timed.items():
            for k, v in scorer(folder, extractor, limit=limit).items():
                metrics[f"{set_name}.{tool}.{k}"] = v
    for tool, t in timed.items():
        metrics[f"speed.{tool}.pages_per_s"] = round(t.pages / t.seconds, 1) if t.seconds else None
    if "trafilatura_set" in sets:
        folder = sets["trafilatura_set"][0]
        for tool, body_extractor in BODY_EXTRACTORS.items():
            for k, v in score_labelled_body(folder, body_extractor, limit=limit).items():
                metrics[f"labelled_body.{tool}.{k}"] = v
    metrics.update(extract_speed(_pages(sets), limit=limit))
    return metrics


def _pages(sets: dict[str, tuple[Path, Callable[..., dict[str, float]]]]) -> list[Path]:
    pages: list[Path] = []
    for folder, _ in sets.values():
        for sub in ("eval", "cache", "input"):
            pages.extend(sorted((folder / sub).glob("*.htm*")))
    return pages


def extract_speed(pages: list[Path], *, limit: int | None = None) -> dict[str, Any]:
    """Pages per second of the ``extract`` command's work (as a user runs it: worker processes on
    every core) beside trafilatura's own ``extract`` on the same pages, one after the other."""
    if limit is not None:
        pages = pages[:limit]
    workers = default_workers()
    t0 = time.perf_counter()
    n = sum(1 for _ in extract_records([str(p) for p in pages], workers=workers))
    ours = time.perf_counter() - t0
    texts = [p.read_bytes().decode("utf-8", "replace") for p in pages]
    t0 = time.perf_counter()
    for text in texts:
        trafilatura.extract(text)
    theirs = time.perf_counter() - t0
    return {
        "speed.extract_command.pages": n,
        "speed.extract_command.workers": workers,
        "speed.extract_command.pages_per_s": round(n / ours, 1),
        "speed.trafilatura_same_pages.pages_per_s": round(len(texts) / theirs, 1),
    }
