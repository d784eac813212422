"""Words per second of the whole language stage beside spaCy's own ``nlp.pipe`` on the same text.

    .venv/bin/python benchmarks/language_speed.py [--corpus DIR] [--limit N]

Both run in this one process, one after the other, on the clean text of the same articles (by default
the seeds and the demo corpus, repeated to at least 50 articles). The language stage is everything
newsledger does with the parse: the batched parse itself, sentences, entities, dates and quantities.
The bar is a ratio of 0.7 or better.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from newsledger.demo import demo_corpus
from newsledger.ingest.discovery import iter_units
from newsledger.ingest.units import InputUnit
from newsledger.models.spacy_models import load_spacy
from newsledger.pipeline.default import default_stages
from newsledger.pipeline.policy import ErrorPolicy
from newsledger.pipeline.process import process_units
from newsledger.pipeline.reading_stages import extraction_pipeline
from newsledger.pipeline.stage import ArticleState

REPO = Path(__file__).resolve().parents[1]
LANGUAGE_STAGES = ("language", "entities", "dates", "claims", "quantities")
"""Claims ride along: quantities are attached to the claim they sit in."""


def clean_states(paths: list[str], *, limit: int) -> list[ArticleState]:
    units = [u for u in iter_units(paths, fetch=False) if isinstance(u, InputUnit)]
    outcomes = process_units(units, extraction_pipeline(), policy=ErrorPolicy.BATCH)
    articles = [o.bundle.article for o in outcomes if o.bundle is not None]
    while articles and len(articles) < min(limit, 50):
        articles = articles + articles
    return [ArticleState(unit=InputUnit(source=a.source, data=b""), article=a) for a in articles[:limit]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--limit", type=int, default=200)
    args = parser.parse_args(argv)
    os.environ.setdefault("NEWSLEDGER_NO_PROGRESS", "1")
    with demo_corpus() as demo:
        paths = [str(args.corpus)] if args.corpus else [str(REPO.parent / "shared" / "seeds"), str(demo)]
        states = clean_states(paths, limit=args.limit)
    texts = [s.article.text for s in states if s.article is not None]
    words = sum(len(t.split()) for t in texts)
    nlp = load_spacy()
    list(nlp.pipe(texts[:5]))  # load and warm up outside the timings

    t0 = time.perf_counter()
    list(nlp.pipe(texts, batch_size=64))
    spacy_seconds = time.perf_counter() - t0

    stages = {s.name: s for s in default_stages()}
    wanted = [stages[name] for name in LANGUAGE_STAGES if name in stages]
    t0 = time.perf_counter()
    for i in range(0, len(states), 16):
        chunk = states[i : i + 16]
        for stage in wanted:
            if stage.run_batch is not None:
                stage.run_batch(chunk)
            else:
                for state in chunk:
                    stage.run(state)
    ours_seconds = time.perf_counter() - t0

    ours, theirs = words / ours_seconds, words / spacy_seconds
    print(f"articles {len(texts)}, words {words:,}")
    print(f"spaCy nlp.pipe                 {theirs:10,.0f} words/s")
    print(f"language stage ({'+'.join(s.name for s in wanted)}) {ours:10,.0f} words/s")
    print(f"ratio                          {ours / theirs:10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
