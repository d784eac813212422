"""``extract``: ingest and clean only, one JSON object per input, for users who want clean text alone."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from newsledger.clean.article_builder import build_article
from newsledger.errors import SkipInput
from newsledger.ingest.discovery import DEFAULT_MAX_BYTES, iter_units
from newsledger.ingest.reading import read_unit
from newsledger.ingest.units import Rejected
from newsledger.report.ledger import article_json


def extract_records(
    paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES, fetch: bool = True
) -> Iterator[dict[str, Any]]:
    """One dict per input: the clean article, or ``{"source", "skipped": {"code", "reason"}}``."""
    for item in iter_units(paths, max_bytes=max_bytes, fetch=fetch):
        if isinstance(item, Rejected):
            yield {
                "source": item.skip.source,
                "skipped": {"code": item.skip.code, "reason": item.skip.reason},
            }
            continue
        try:
            article = build_article(read_unit(item))
        except SkipInput as skip:
            yield {"source": item.source, "skipped": {"code": skip.code.value, "reason": skip.reason}}
            continue
        yield article_json(article)


def dumps_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=False)
