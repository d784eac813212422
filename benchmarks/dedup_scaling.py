"""Per-article cost of the near-duplicate stage as the corpus grows: it must stay flat.

    .venv/bin/python benchmarks/dedup_scaling.py                      # 1k and 10k articles
    .venv/bin/python benchmarks/dedup_scaling.py --sizes 1000 10000 50000 --json out.json
    .venv/bin/python benchmarks/dedup_scaling.py --recipe synthetic   # newsledger.demo.synthetic's corpus

For each size N the script stores N articles (straight into a fresh SQLite store, without the per-article
stages, so only the corpus stage is timed), runs the stage over all of them (``bulk``: ms per article
when a whole corpus arrives at once), then ``--rounds`` times stores ``--new`` more articles and runs it
again (``incremental``: the median ms per new article on top of a corpus of N). The incremental figure
is the one that must not grow with N: a new article's candidates come from indexed band-key lookups,
never a scan. Timings move with the machine's load; the candidates (articles sharing a band key) and
exact verifications per new article are counts of the work itself, and show why the time is flat.

Recipes (text from the seed articles and the demo corpus, as in ``newsledger.demo.synthetic``):

- ``mixed`` (default): each article is 12 to 20 sentences drawn at random from all template sentences,
  with one word in five swapped for another, so articles share topics, names and some phrases but are
  not copies; one in twenty is a repost of an earlier article with a header and a footer line added and
  a few words changed, which the stage must link.
- ``synthetic``: the corpus of ``newsledger.demo.synthetic`` (what ``throughput.py --synthetic`` and the
  resume test use). It reshuffles the paragraphs of a handful of templates, so most of its articles are
  genuine near-duplicates of hundreds of others: the stage's worst case, where an article's cost grows
  with the number of stored near-copies it has (not with the corpus as such).
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsledger.corpus.near_duplicates import NearDuplicates
from newsledger.corpus.stage import run_corpus_stages
from newsledger.demo.synthetic import load_templates, write_synthetic_corpus
from newsledger.extraction import extract_records
from newsledger.ids import article_id
from newsledger.pipeline.outcome import ArticleBundle, Outcome
from newsledger.records import Article, PublishedDate
from newsledger.store import Store

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
_SENTENCE_END = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z“\"])")


def template_sentences(templates: list[tuple[str, list[str]]]) -> list[str]:
    return [s for _, paragraphs in templates for p in paragraphs for s in _SENTENCE_END.split(p) if s]


def mixed_texts(sentences: list[str], *, start: int, count: int, seed: int) -> Iterator[tuple[str, str]]:
    """(source, text) of articles ``start`` to ``start + count`` of the ``mixed`` recipe.

    Article ``i`` depends on ``i`` and ``seed`` only, so the articles added after a corpus of N are the
    same whatever N was measured before; a repost copies an article from before it.
    """
    for i in range(start, start + count):
        if i % 20 == 19:
            rng = random.Random(f"{seed}-repost-{i}")
            original = rng.randrange(i)
            if original % 20 == 19:
                original -= 1  # a repost of an article, not of another repost
            words = _mixed_body(sentences, original, seed).split(" ")
            for _ in range(3):
                words[rng.randrange(len(words))] = rng.choice(["reportedly", "officials", "Tuesday"])
            body = " ".join(words)
            text = f"Republished from a partner site (copy {i}).\n\n{body}\n\nShare this story with friends."
        else:
            text = _mixed_body(sentences, i, seed)
        yield f"mixed/{i:07d}", text


def _mixed_body(sentences: list[str], i: int, seed: int) -> str:
    """12 to 20 template sentences, one word in five swapped for another template word: articles on the
    same stories, each in its own words (without the swaps, a pool of a few hundred sentences would make
    every article of a large corpus share whole sentences with hundreds of others, as no real one does)."""
    rng = random.Random(f"{seed}-article-{i}")
    picked = [s.split(" ") for s in rng.sample(sentences, k=rng.randint(12, 20))]
    vocabulary = _vocabulary(sentences)
    for words in picked:
        for position in range(len(words)):
            if rng.random() < 0.2:
                words[position] = rng.choice(vocabulary)
    lines = [" ".join(words) for words in picked]
    return "\n\n".join(" ".join(lines[j : j + 3]) for j in range(0, len(lines), 3))


@functools.cache
def _vocabulary_of(sentences: tuple[str, ...]) -> list[str]:
    return sorted({w for s in sentences for w in s.split(" ") if w.isalpha()})


def _vocabulary(sentences: list[str]) -> list[str]:
    return _vocabulary_of(tuple(sentences))


def synthetic_texts(
    templates: list[tuple[str, list[str]]], *, start: int, count: int, seed: int
) -> Iterator[tuple[str, str]]:
    """(source, text) of articles ``start`` to ``start + count`` of ``newsledger.demo.synthetic``."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_synthetic_corpus(templates, Path(tmp) / "corpus", count=start + count, seed=seed)
        files = sorted(folder.iterdir())[start:]
        for record in extract_records([str(f) for f in files]):
            if "text" in record:
                yield record["source"], record["text"]


def store_articles(store: Store, texts: Iterator[tuple[str, str]], *, seed: int) -> int:
    """Write articles straight to the store (one in three with a stated date, to exercise the canonical
    key); returns how many distinct articles there are now."""
    rng = random.Random(seed)
    batch: list[Outcome] = []
    for source, text in texts:
        date = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if rng.random() < 1 / 3 else None
        published = PublishedDate(date, "day", False, "stated") if date else PublishedDate.unknown()
        article = Article(
            id=article_id(text),
            source=source,
            title=None,
            outlet=None,
            outlet_domain=None,
            authors=(),
            published=published,
            language="en",
            text=text,
        )
        batch.append(Outcome(source=source, input_hash=article.id, bundle=ArticleBundle(article)))
        if len(batch) == 256:
            store.write_outcomes(batch, version="bench")
            batch.clear()
    store.write_outcomes(batch, version="bench")
    return store.count("articles")


def measure(size: int, *, recipe: str, new: int, rounds: int, seed: int, workdir: Path) -> dict[str, Any]:
    templates = load_templates([str(SEEDS), str(REPO / "src" / "newsledger" / "demo" / "corpus")])
    sentences = template_sentences(templates)

    def texts(start: int, count: int) -> Iterator[tuple[str, str]]:
        if recipe == "mixed":
            return mixed_texts(sentences, start=start, count=count, seed=seed)
        return synthetic_texts(templates, start=start, count=count, seed=seed)

    store = Store.open(workdir / f"dedup-{recipe}-{size}.db")
    try:
        stored = store_articles(store, texts(0, size), seed=seed)
        (bulk,) = run_corpus_stages(store, [NearDuplicates()])
        per_round, stage = [], NearDuplicates()
        for i in range(rounds):
            store_articles(store, texts(size + i * new, new), seed=seed + 1 + i)
            (incremental,) = run_corpus_stages(store, [stage])
            per_round.append(1000 * incremental.seconds / max(incremental.articles, 1))
        added = max(stage.counts["articles"], 1)
        return {
            "recipe": recipe,
            "articles": stored,
            "bulk_ms_per_article": round(1000 * bulk.seconds / max(bulk.articles, 1), 3),
            "new_articles": stage.counts["articles"],
            "incremental_ms_per_article": round(statistics.median(per_round), 3),
            "candidates_per_new_article": round(stage.counts["candidates"] / added, 2),
            "verified_per_new_article": round(stage.counts["verified"] / added, 2),
            "near_duplicates": store.duplicate_count(),
        }
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--recipe", choices=["mixed", "synthetic"], default="mixed")
    parser.add_argument("--new", type=int, default=200, help="articles added per round after the corpus of N")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of new articles (the median is shown)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    args = parser.parse_args(argv)
    if not SEEDS.is_dir():
        print(f"the seed articles are expected in {SEEDS}", file=sys.stderr)
        return 2
    results = []
    print(
        f"{'recipe':<10}{'articles':>10}{'bulk ms/art':>13}{'new':>6}{'new ms/art':>12}"
        f"{'cand/new':>10}{'verif/new':>11}{'near-dups':>11}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            started = time.perf_counter()
            r = measure(
                size, recipe=args.recipe, new=args.new, rounds=args.rounds, seed=args.seed, workdir=Path(tmp)
            )
            results.append(r)
            print(
                f"{r['recipe']:<10}{r['articles']:>10}{r['bulk_ms_per_article']:>13.2f}{r['new_articles']:>6}"
                f"{r['incremental_ms_per_article']:>12.2f}{r['candidates_per_new_article']:>10.2f}"
                f"{r['verified_per_new_article']:>11.2f}{r['near_duplicates']:>11}"
                f"   ({time.perf_counter() - started:.0f} s)",
                flush=True,
            )
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
