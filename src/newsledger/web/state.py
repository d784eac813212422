"""What every request handler shares: the store, the search index, the ingestor and the settings."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from newsledger.store import Store
from newsledger.web.ingest import Ingestor
from newsledger.web.search import SearchIndex


@dataclass
class WebState:
    store: Store
    search: SearchIndex
    ingestor: Ingestor
    token: str | None


def web_state(request: Request) -> WebState:
    state = request.app.state.newsledger
    assert isinstance(state, WebState)
    return state
