"""Make a corpus of any size from a few real articles, for benchmarks and resume tests.

Each synthetic article takes a template article's title and paragraphs, reorders them and mixes in
paragraphs from other articles with a seeded random generator, so articles are distinct (distinct ids)
yet read like news. A third are written as HTML pages to exercise the HTML path.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from html import escape
from pathlib import Path

from newsledger.extraction import extract_records


def load_templates(paths: Iterable[str]) -> list[tuple[str, list[str]]]:
    templates = []
    for rec in extract_records(paths):
        if "text" in rec:
            paragraphs = [p for p in rec["text"].split("\n\n") if len(p.split()) >= 8]
            if paragraphs:
                templates.append((rec["title"] or "Untitled", paragraphs))
    return templates


def write_synthetic_corpus(
    templates: list[tuple[str, list[str]]], out: Path, *, count: int, seed: int = 7
) -> Path:
    if not templates:
        raise ValueError("no template articles with body text")
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    pool = [p for _, paragraphs in templates for p in paragraphs]
    for i in range(count):
        title, paragraphs = templates[i % len(templates)]
        body = paragraphs[:]
        rng.shuffle(body)
        body = body[: max(3, len(body) - rng.randrange(3))] + rng.sample(pool, k=min(2, len(pool)))
        headline = f"{title} ({i})"
        if i % 3 == 2:
            page = (
                f"<!doctype html><html><head><title>{escape(headline)}</title></head><body>"
                "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article>"
                f"<h1>{escape(headline)}</h1>" + "".join(f"<p>{escape(p)}</p>" for p in body) + "</article>"
                "<footer>Copyright newsledger synthetic corpus</footer></body></html>"
            )
            (out / f"{i:07d}.html").write_text(page, encoding="utf-8")
        else:
            (out / f"{i:07d}.txt").write_text(headline + "\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
    return out
