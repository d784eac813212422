"""Read PolNeAR (brat standoff) articles: the text and its gold (source, cue, content) attributions.

PolNeAR ships several annotation files for some articles (one per annotator, the annotator id after
the last underscore); the reader keeps the alphabetically first one so every run sees the same gold.
Spans may be discontinuous in brat ("0 5;9 14"): they are kept as tuples of fragments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

Fragments = tuple[tuple[int, int], ...]

_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t", re.M)
_E_LINE = re.compile(r"^(E\d+)\t(.*)$", re.M)
ROLES = ("Source", "Cue", "Content")


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    cue: Fragments
    source: Fragments | None
    content: Fragments


@dataclass(frozen=True, slots=True)
class GoldArticle:
    name: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def _fragments(offsets: str) -> Fragments:
    pieces = []
    for piece in offsets.strip().split(";"):
        a, b = piece.split()
        pieces.append((int(a), int(b)))
    return tuple(sorted(pieces))


def parse_ann(ann: str) -> tuple[GoldAttribution, ...]:
    """The complete attributions of one brat file: each needs a cue and a content (source optional)."""
    spans: dict[str, tuple[str, Fragments]] = {}
    for m in _T_LINE.finditer(ann):
        spans[m.group(1)] = (m.group(2), _fragments(m.group(3)))
    out = []
    for m in _E_LINE.finditer(ann):
        args = dict(part.split(":", 1) for part in m.group(2).split() if ":" in part)
        cue = spans.get(args.get("Cue", ""))
        content = spans.get(args.get("Content", ""))
        if cue is None or content is None:
            continue
        source = spans.get(args.get("Source", ""))
        out.append(
            GoldAttribution(cue=cue[1], source=source[1] if source is not None else None, content=content[1])
        )
    out.sort(key=lambda g: (g.content, g.cue))
    return tuple(out)


def annotation_file(folder: Path, stem: str) -> Path | None:
    """The annotation file used for article ``stem``: the first by name among its annotators' files."""
    found = sorted(folder.glob(f"{glob_escape(stem)}_*.ann"))
    exact = [p for p in found if p.stem.rsplit("_", 1)[0] == stem]
    return exact[0] if exact else None


def glob_escape(name: str) -> str:
    return re.sub(r"([\[\]*?])", r"[\1]", name)


def read_split(folder: Path, *, limit: int | None = None) -> list[GoldArticle]:
    """Articles of a PolNeAR split folder (``text/*.txt`` and ``attributions/*.ann``), sorted by name."""
    texts = sorted((folder / "text").glob("*.txt"))
    articles = []
    for path in texts:
        ann = annotation_file(folder / "attributions", path.stem)
        if ann is None:
            continue
        text = path.read_text(encoding="utf-8")
        articles.append(GoldArticle(path.stem, text, parse_ann(ann.read_text(encoding="utf-8"))))
        if limit is not None and len(articles) >= limit:
            break
    return articles
