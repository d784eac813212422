"""``analyze``: the main job as a library function; the CLI only parses arguments and calls it."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from newsledger.corpus import CorpusStage, default_corpus_stages, run_corpus_stages
from newsledger.errors import SkipCode
from newsledger.ingest.discovery import DEFAULT_MAX_BYTES, iter_units
from newsledger.ingest.units import InputUnit, Rejected
from newsledger.pipeline.default import default_pipeline, pipeline_version
from newsledger.pipeline.outcome import Outcome
from newsledger.pipeline.policy import ErrorPolicy
from newsledger.pipeline.progress import progress_bar
from newsledger.pipeline.runner import PipelineFactory, Runner, default_workers
from newsledger.pipeline.timing import StageTimes
from newsledger.records import Skip
from newsledger.store import Store

TRANSIENT_CODES = frozenset({SkipCode.FETCH_FAILED.value, SkipCode.FETCH_DISABLED.value})
"""Skips that say nothing about the input itself, only about this run's access to it."""


@dataclass
class RunReport:
    """What one run did: counts for this run, and the state of the whole ledger after it."""

    processed: int = 0
    unchanged: int = 0
    new_skips: list[Skip] = field(default_factory=list)
    times: StageTimes = field(default_factory=StageTimes)
    wall_seconds: float = 0.0
    ledger_counts: dict[str, int] = field(default_factory=dict)
    ledger_skips: list[Skip] = field(default_factory=list)

    kept_after_failure: list[Skip] = field(default_factory=list)

    def summary(self) -> str:
        c = self.ledger_counts
        lines = [
            *(
                f"kept the earlier copy of {s.source}: [{s.code}] {s.reason}"
                for s in self.kept_after_failure[:10]
            ),
            f"inputs: {self.processed} analysed, {self.unchanged} unchanged since the last run",
            f"ledger: {c.get('articles', 0)} articles, {len(self.ledger_skips)} skipped, "
            f"{c.get('stories', 0)} stories, {c.get('claims', 0)} claims, "
            f"{c.get('quantities', 0)} quantities, {c.get('contradictions', 0)} contradictions, "
            f"{c.get('near_duplicates', 0)} near-duplicates",
        ]
        if self.ledger_skips:
            by_code = Counter(s.code for s in self.ledger_skips)
            lines.append("skipped: " + ", ".join(f"{n} {code}" for code, n in sorted(by_code.items())))
            for s in self.ledger_skips[:20]:
                lines.append(f"  - {s.source}: [{s.code}] {s.reason}")
            if len(self.ledger_skips) > 20:
                lines.append(f"  ... and {len(self.ledger_skips) - 20} more (see the JSON ledger)")
        return "\n".join(lines)


def analyze(
    paths: Iterable[str],
    store: Store,
    *,
    workers: int | None = None,
    policy: ErrorPolicy = ErrorPolicy.BATCH,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: bool | None = None,
    factory: PipelineFactory = default_pipeline,
    version: str | None = None,
    commit_every: int = 32,
    corpus_stages: Sequence[CorpusStage] | None = None,
    fetch: bool = True,
) -> RunReport:
    """Analyse every input under ``paths`` into ``store``; inputs already analysed are not redone.

    The per-article stages run first, in worker processes; then the corpus stages (``corpus_stages``,
    default ``default_corpus_stages()``) run here over every stored article they have not yet seen,
    including those stored by an earlier run that was killed before it reached them.
    """
    version = version or pipeline_version()
    report = RunReport()
    started = time.perf_counter()
    runner = Runner(factory, workers=workers or default_workers(), policy=policy)
    bar = progress_bar(enabled=progress)

    def pending() -> Iterator[InputUnit]:
        for item in iter_units(paths, max_bytes=max_bytes, fetch=fetch):
            if isinstance(item, Rejected):
                if item.skip.code in TRANSIENT_CODES and store.stored_article_of(item.skip.source):
                    # A page that could not be fetched this time keeps the article fetched before.
                    report.kept_after_failure.append(item.skip)
                    report.unchanged += 1
                elif not store.is_done(item.skip.source, item.data_hash, version):
                    store.record_skip(item.skip, input_hash=item.data_hash, version=version)
                    report.new_skips.append(item.skip)
                    report.processed += 1
                else:
                    report.unchanged += 1
                bar.update(1)
            elif store.is_done(item.source, item.input_hash, version):
                report.unchanged += 1
                bar.update(1)
            else:
                yield item

    batch: list[Outcome] = []

    def flush() -> None:
        if not batch:
            return
        t0 = time.perf_counter()
        store.write_outcomes(batch, version=version)
        share = (time.perf_counter() - t0) / len(batch)
        for outcome in batch:
            outcome.timings["store"] = share
            report.times.add(outcome.timings)
        bar.update(len(batch))
        batch.clear()

    try:
        for outcome in runner.run(pending()):
            batch.append(outcome)
            report.processed += 1
            if outcome.skip is not None:
                report.new_skips.append(outcome.skip)
            else:
                report.times.articles += 1
                report.times.words += outcome.words
            if len(batch) >= commit_every:
                flush()
        flush()
    finally:
        bar.close()
    stages = default_corpus_stages() if corpus_stages is None else corpus_stages
    for run in run_corpus_stages(store, stages):
        # One "call" per article processed, so --profile shows the per-article cost of the stage.
        report.times.seconds[run.name] += run.seconds
        report.times.calls[run.name] += run.articles
    report.wall_seconds = time.perf_counter() - started
    report.ledger_counts = store.table_counts()
    report.ledger_counts["near_duplicates"] = store.duplicate_count()
    report.ledger_skips = store.skips()
    return report
