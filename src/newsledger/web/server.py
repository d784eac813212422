"""Build the web app for a ledger database, and serve it (``newsledger serve``).

``serve`` refuses to listen on anything but a loopback address without a token: the API can add
articles (and fetch URLs), which must not be open to a network. Settings: ``NEWSLEDGER_FETCH`` (``0``,
``false``, ``no`` or ``off`` turn fetching off for posted URLs, as ``--no-fetch`` does for ``analyze``).
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from newsledger import __version__
from newsledger.errors import ServeRefusedError
from newsledger.store import Store
from newsledger.web import api, pages
from newsledger.web.errors import install_error_handlers
from newsledger.web.ingest import Ingestor
from newsledger.web.limits import DEFAULT_MAX_BODY, BodyLimit
from newsledger.web.search import SearchIndex
from newsledger.web.state import WebState


def fetch_enabled() -> bool:
    return os.environ.get("NEWSLEDGER_FETCH", "1").strip().lower() not in ("0", "false", "no", "off")


def create_app(
    db: str, *, token: str | None = None, fetch: bool | None = None, max_body: int = DEFAULT_MAX_BODY
) -> FastAPI:
    """The app over the ledger in ``db`` (a path or a database URL); ``token`` guards writes."""
    store = Store.open(db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="newsledger",
        version=__version__,
        description="The ledger of news stories: articles, claims, numbers, stories. See docs/web.md.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.newsledger = WebState(
        store=store,
        search=SearchIndex(store.engine),
        ingestor=Ingestor(store, fetch=fetch_enabled() if fetch is None else fetch),
        token=token or None,
    )
    install_error_handlers(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_middleware(BodyLimit, max_body=max_body)

    return app


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(db: str, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    """Serve the ledger in ``db`` on ``host:port`` until interrupted."""
    if not token and not is_loopback(host):
        raise ServeRefusedError(
            f"refusing to serve on {host}, which is not a loopback address, without a token.",
            hint="pass --token (or set NEWSLEDGER_TOKEN), or serve on 127.0.0.1",
        )
    import uvicorn

    uvicorn.run(create_app(db, token=token), host=host, port=port, log_level="info")
