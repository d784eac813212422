"""Throughput and peak memory of the analyse pipeline: per stage and end to end.

    .venv/bin/python benchmarks/throughput.py --corpus DIR [--workers N]
    .venv/bin/python benchmarks/throughput.py --synthetic 2000 5000   # memory must stay flat

``--synthetic N`` writes N articles made from the seeds and the demo corpus (see
``newsledger.demo.synthetic``). Peak memory is the largest sum of resident memory over the main process
and its workers, sampled every 50 ms. Results print as a table and, with ``--json FILE``, as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil

from newsledger.analysis import analyze
from newsledger.demo import demo_corpus
from newsledger.demo.synthetic import load_templates, write_synthetic_corpus
from newsledger.pipeline.runner import default_workers
from newsledger.store import Store

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"


class PeakMemory:
    """Largest RSS of this process plus all its children, sampled in a background thread."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    continue
            self.peak = max(self.peak, total)
            time.sleep(self.interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run_once(corpus: Path, *, workers: int, db: Path) -> dict[str, Any]:
    store = Store.open(db)
    with PeakMemory() as mem:
        report = analyze([str(corpus)], store, workers=workers, progress=False)
    store.close()
    t = report.times
    stages = {
        name: {
            "seconds": round(secs, 3),
            "articles_per_s": round(t.articles / secs, 1) if secs else None,
            "words_per_s": round(t.words / secs) if secs else None,
        }
        for name, secs in t.seconds.items()
    }
    return {
        "articles": t.articles,
        "skipped": len(report.new_skips),
        "words": t.words,
        "workers": workers,
        "wall_seconds": round(report.wall_seconds, 2),
        "articles_per_s": round(t.articles / report.wall_seconds, 1),
        "words_per_s": round(t.words / report.wall_seconds),
        "peak_rss_mb": round(mem.peak / 1_048_576),
        "stages": stages,
        "table": t.table(wall=report.wall_seconds),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--corpus", type=Path, help="a folder (or file) of articles to analyse")
    source.add_argument("--synthetic", type=int, nargs="+", metavar="N", help="synthetic corpus sizes to run")
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    os.environ.setdefault("NEWSLEDGER_NO_PROGRESS", "1")

    results = []
    with tempfile.TemporaryDirectory(prefix="newsledger-bench-") as tmp:
        work = Path(tmp)
        if args.corpus:
            runs = [(args.corpus, "corpus")]
        else:
            with demo_corpus() as demo:
                templates = load_templates([str(SEEDS), str(demo)] if SEEDS.exists() else [str(demo)])
            runs = [
                (write_synthetic_corpus(templates, work / f"synthetic-{n}", count=n), f"synthetic {n}")
                for n in args.synthetic
            ]
        for i, (corpus, label) in enumerate(runs):
            result = run_once(corpus, workers=args.workers, db=work / f"bench-{i}.db")
            result["label"] = label
            results.append(result)
            print(
                f"\n== {label}: {result['articles']} articles, {result['words']:,} words, "
                f"{result['workers']} workers, peak RSS {result['peak_rss_mb']} MB"
            )
            print(result["table"])
    if args.json:
        args.json.write_text(
            json.dumps([{k: v for k, v in r.items() if k != "table"} for r in results], indent=1)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
