"""Score the check-worthiness model on CLEF CheckThat! debate transcripts: mean average precision.

A debate file holds one sentence per line, tab-separated: line number, speaker, text, label (1 =
check-worthy). The 2019 and 2020 releases share this layout; some 2019 files lack the final newline and
a few lines carry stray tabs inside the text, so the label is read from the last field and the text is
everything between the speaker and the label. Lines without a 0/1 label (headers, blanks) are skipped.

Each debate is ranked by the model's score (given its neighbouring sentences as context) and its average
precision is the mean, over its check-worthy sentences, of the precision at that sentence's rank; the
metric is the mean over debates (debates without any check-worthy sentence are left out, as their AP is
undefined). Ties in score keep file order.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsledger.errors import EvaluationDataError


@dataclass(frozen=True, slots=True)
class DebateLine:
    line: int
    speaker: str
    text: str
    label: int


def read_debate(path: Path) -> list[DebateLine]:
    """The labelled sentences of one CheckThat! debate file, in order."""
    lines = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = raw.rstrip("\r").split("\t")
        if len(parts) < 4 or parts[-1].strip() not in ("0", "1"):
            continue
        try:
            number = int(parts[0])
        except ValueError:
            continue
        text = "\t".join(parts[2:-1]).strip()
        lines.append(DebateLine(number, parts[1].strip(), text, int(parts[-1].strip())))
    return lines


def debate_files(data: Path) -> list[Path]:
    """The debate files under ``data`` (a folder searched recursively, or one file)."""
    if data.is_file():
        return [data]
    files = sorted(p for p in data.rglob("*") if p.is_file() and p.suffix in (".tsv", ".txt"))
    if not files:
        raise EvaluationDataError(f"no .tsv debate files under {data}")
    return files


def contexts_of(texts: Sequence[str]) -> list[tuple[str, str]]:
    """(previous, next) sentence for each sentence of a sequence ("" at the ends)."""
    return [
        (texts[i - 1] if i > 0 else "", texts[i + 1] if i + 1 < len(texts) else "") for i in range(len(texts))
    ]


def average_precision(labels: Sequence[int], scores: Sequence[float]) -> float | None:
    """AP of ranking by descending score (stable for ties); ``None`` when there is no positive."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    hits = 0
    total = 0.0
    for rank, i in enumerate(order, start=1):
        if labels[i]:
            hits += 1
            total += hits / rank
    return total / hits if hits else None


def evaluate_checkworthy(data: Path) -> dict[str, Any]:
    """MAP of the shipped model over the debates in ``data`` (a folder of debate files or one file)."""
    from newsledger.claims.checkworthy import CheckworthyModel

    model = CheckworthyModel.load()
    per_debate: dict[str, float] = {}
    sentences = 0
    positives = 0
    seconds = 0.0
    for path in debate_files(data):
        debate = read_debate(path)
        if not debate:
            continue
        texts = [d.text for d in debate]
        t0 = time.perf_counter()
        scores = model.score(texts, contexts_of(texts))
        seconds += time.perf_counter() - t0
        sentences += len(debate)
        labels = [d.label for d in debate]
        positives += sum(labels)
        ap = average_precision(labels, scores)
        if ap is not None:
            per_debate[path.stem] = round(ap, 4)
    if not per_debate:
        raise EvaluationDataError(f"no debate with a check-worthy sentence under {data}")
    return {
        "map": round(sum(per_debate.values()) / len(per_debate), 4),
        "debates": len(per_debate),
        "sentences": sentences,
        "positives": positives,
        "sentences_per_s": round(sentences / seconds, 1) if seconds > 0 else None,
        "ap_per_debate": per_debate,
    }
