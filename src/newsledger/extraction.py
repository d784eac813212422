"""``extract``: ingest and clean only, one JSON object per input, for users who want clean text alone.

Runs the ``read`` and ``clean`` stages through the same runner as ``analyze`` (worker processes, error
policy, crash isolation), and writes records in input order whatever order the workers finish in.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator
from typing import Any

from newsledger.ingest.discovery import DEFAULT_MAX_BYTES, iter_units
from newsledger.ingest.units import InputUnit, Rejected
from newsledger.pipeline.policy import ErrorPolicy
from newsledger.pipeline.reading_stages import extraction_pipeline
from newsledger.pipeline.runner import Runner
from newsledger.records import Skip
from newsledger.report.ledger import article_json


def extract_records(
    paths: Iterable[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetch: bool = True,
    workers: int = 1,
    policy: ErrorPolicy = ErrorPolicy.BATCH,
) -> Iterator[dict[str, Any]]:
    """One dict per input, in input order: the clean article, or ``{"source", "skipped": {...}}``."""
    numbers = itertools.count()
    position: dict[str, list[int]] = {}
    ready: dict[int, dict[str, Any]] = {}

    def units() -> Iterator[InputUnit]:
        for item in iter_units(paths, max_bytes=max_bytes, fetch=fetch):
            n = next(numbers)
            if isinstance(item, Rejected):
                ready[n] = _skipped(item.skip)
            else:
                position.setdefault(item.source, []).append(n)
                yield item

    next_out = 0
    for outcome in Runner(extraction_pipeline, workers=workers, policy=policy).run(units()):
        n = position[outcome.source].pop(0)
        if outcome.bundle is not None:
            ready[n] = article_json(outcome.bundle.article)
        else:
            assert outcome.skip is not None
            ready[n] = _skipped(outcome.skip)
        while next_out in ready:
            yield ready.pop(next_out)
            next_out += 1
    for n in sorted(ready):
        yield ready.pop(n)


def _skipped(skip: Skip) -> dict[str, Any]:
    return {"source": skip.source, "skipped": {"code": skip.code, "reason": skip.reason}}


def dumps_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=False)
