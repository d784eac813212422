"""``POST /api/articles``: one article, through the same pipeline and store as ``newsledger analyze``.

The posted JSON becomes a ``json_record`` unit, exactly what a line of a JSON Lines file becomes, so the
read, clean and language stages treat it the same way; a URL alone is fetched first (politely, with the
size limit) when fetching is on, as a URL list would be. The unit is processed in this process (the
pipeline is built once and kept) and written with the store's own transaction, then the corpus stages run
over whatever they have not seen yet. One lock serialises ingests, so the database has one writer.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from newsledger.corpus import default_corpus_stages, run_corpus_stages
from newsledger.ingest.discovery import DEFAULT_MAX_BYTES
from newsledger.ingest.feeds import record_unit
from newsledger.ingest.fetch import Fetcher
from newsledger.ingest.units import InputUnit, Rejected
from newsledger.pipeline.default import default_pipeline, pipeline_version
from newsledger.pipeline.policy import ErrorPolicy
from newsledger.pipeline.process import process_unit
from newsledger.pipeline.stage import Pipeline
from newsledger.records import Skip
from newsledger.store import Store

RECORD_KEYS = ("text", "html", "url", "title", "outlet", "published", "authors", "language")


@dataclass(frozen=True)
class Ingested:
    article_id: str | None
    skip: Skip | None
    source: str
    already_stored: bool


class Ingestor:
    """Processes posted articles one at a time into ``store``."""

    def __init__(self, store: Store, *, fetch: bool, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.store = store
        self.fetch = fetch
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._pipeline: Pipeline | None = None
        self._fetcher = Fetcher()

    def units(self, record: dict[str, Any]) -> list[InputUnit | Rejected]:
        """The unit(s) of a posted record; a URL alone is fetched (or refused when fetching is off)."""
        kept = {k: record[k] for k in RECORD_KEYS if record.get(k)}
        if kept.get("text") or kept.get("html"):
            digest = hashlib.sha256(json.dumps(kept, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
            return [record_unit(f"api:{digest[:32]}", kept)]
        url = str(kept.get("url") or "")
        if urlsplit(url).scheme.lower() not in ("http", "https"):
            raise ValueError("give 'text' or 'html', or an http(s) 'url' to fetch")
        if not self.fetch:
            raise PermissionError("fetching is off on this server (NEWSLEDGER_FETCH); post 'text' or 'html'")
        return list(self._fetcher.units([url], max_bytes=self.max_bytes))

    def ingest(self, units: list[InputUnit | Rejected]) -> list[Ingested]:
        with self._lock:
            if self._pipeline is None:
                self._pipeline = default_pipeline()
            results = []
            for unit in units:
                if isinstance(unit, Rejected):
                    results.append(Ingested(None, unit.skip, unit.skip.source, False))
                    continue
                if self.store.is_done(unit.source, unit.input_hash, pipeline_version()):
                    results.append(
                        Ingested(self.store.stored_article_of(unit.source), None, unit.source, True)
                    )
                    continue
                outcome = process_unit(unit, self._pipeline, policy=ErrorPolicy.BATCH)
                self.store.write_outcome(outcome, version=pipeline_version())
                article_id = outcome.bundle.article.id if outcome.bundle else None
                results.append(Ingested(article_id, outcome.skip, unit.source, False))
            run_corpus_stages(self.store, default_corpus_stages())
            return results
