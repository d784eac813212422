"""The REST API: JSON views of the ledger, paginated, and ``POST /api/articles`` to add one.

Lists take ``limit`` (1 to ``MAX_LIMIT``, default ``DEFAULT_LIMIT``) and ``offset`` and answer
``{"items", "total", "limit", "offset", "next_offset"}``; ``next_offset`` is null on the last page.
Records have the shapes of the JSON ledger (docs/ledger-format.md).
"""

from __future__ import annotations

import hmac
import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from newsledger.web import queries
from newsledger.web.errors import ApiError
from newsledger.web.search import MARK_CLOSE, MARK_OPEN
from newsledger.web.state import WebState, web_state

router = APIRouter(prefix="/api", tags=["api"])

Limit = Annotated[int, Query(ge=1, le=queries.MAX_LIMIT, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="Items to skip.")]
State = Annotated[WebState, Depends(web_state)]


def page(items: list[Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    following = offset + limit
    return {
        "items": items,
        "total": total,
        "limit": limit,
        "offset": offset,
        "next_offset": following if following < total else None,
    }


@router.get("/articles", summary="Articles, newest first (without their text)")
def api_articles(
    state: State, limit: Limit = queries.DEFAULT_LIMIT, offset: Offset = 0, outlet: str | None = None
) -> dict[str, Any]:
    with state.store.engine.connect() as conn:
        items, total = queries.list_articles(conn, limit=limit, offset=offset, outlet=outlet)
    return page(items, total, limit, offset)


@router.get("/articles/{article_id}", summary="One article with its text and every record found in it")
def api_article(state: State, article_id: str) -> dict[str, Any]:
    with state.store.engine.connect() as conn:
        article = queries.get_article(conn, article_id)
        if article is None:
            raise ApiError(404, "not_found", f"no article {article_id!r} in this ledger")
        records = queries.records_of(conn, [article_id])
        article["stories"] = queries.stories_of_article(conn, article_id)
    return {**article, **records}


@router.get("/stories", summary="Stories, largest first; the implicit story 'all' until stories are grouped")
def api_stories(state: State, limit: Limit = queries.DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    with state.store.engine.connect() as conn:
        items, total = queries.list_stories(conn, limit=limit, offset=offset)
    return page(items, total, limit, offset)


@router.get("/stories/{story_id}", summary="One story and a page of its articles")
def api_story(
    state: State, story_id: str, limit: Limit = queries.DEFAULT_LIMIT, offset: Offset = 0
) -> dict[str, Any]:
    with state.store.engine.connect() as conn:
        meta = queries.story_meta(conn, story_id)
        if meta is None:
            raise ApiError(404, "not_found", f"no story {story_id!r} in this ledger")
        ids, total = queries.story_article_ids(conn, story_id, limit=limit, offset=offset)
        summaries = queries.article_summaries(conn, ids)
    return {**meta, "articles": page([summaries[i] for i in ids if i in summaries], total, limit, offset)}


@router.get("/claims", summary="Claims, most check-worthy first")
def api_claims(
    state: State,
    limit: Limit = queries.DEFAULT_LIMIT,
    offset: Offset = 0,
    article_id: str | None = None,
    min_checkworthiness: Annotated[float, Query(ge=0.0, le=1.0)] = 0.0,
) -> dict[str, Any]:
    with state.store.engine.connect() as conn:
        items, total = queries.list_claims(
            conn, limit=limit, offset=offset, article_id=article_id, min_checkworthiness=min_checkworthiness
        )
    return page(items, total, limit, offset)


@router.get("/quantities", summary="Numbers, by article and position")
def api_quantities(
    state: State,
    limit: Limit = queries.DEFAULT_LIMIT,
    offset: Offset = 0,
    article_id: str | None = None,
    counted: str | None = None,
) -> dict[str, Any]:
    with state.store.engine.connect() as conn:
        items, total = queries.list_quantities(
            conn, limit=limit, offset=offset, article_id=article_id, counted=counted
        )
    return page(items, total, limit, offset)


@router.get("/search", summary="Full-text search over articles and claims")
def api_search(
    state: State,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    limit: Limit = queries.DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    hits = state.search.search(q, limit=limit + 1, offset=offset)
    items = [
        {
            "kind": h.kind,
            "id": h.ref,
            "article_id": h.article_id,
            "title": h.title,
            "snippet": h.snippet.replace(MARK_OPEN, "").replace(MARK_CLOSE, ""),
        }
        for h in hits[:limit]
    ]
    more = len(hits) > limit
    return {"items": items, "limit": limit, "offset": offset, "next_offset": offset + limit if more else None}


class ArticleIn(BaseModel):
    """An article to add: its ``text`` or ``html``, or only a ``url`` to fetch; metadata optional."""

    model_config = ConfigDict(extra="forbid")
    text: str | None = None
    html: str | None = None
    url: str | None = Field(default=None, max_length=2048)
    title: str | None = Field(default=None, max_length=1000)
    outlet: str | None = Field(default=None, max_length=300)
    published: str | None = Field(default=None, max_length=64)
    authors: list[str] = Field(default_factory=list, max_length=50)
    language: str | None = Field(default=None, max_length=16)


def require_token(request: Request, state: State) -> None:
    """Writes need ``Authorization: Bearer TOKEN`` when the server has a token (compared in constant time)."""
    if state.token is None:
        return
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise ApiError(
            401,
            "unauthorized",
            "this server needs 'Authorization: Bearer <token>' to add articles",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not hmac.compare_digest(given.strip().encode(), state.token.encode()):
        raise ApiError(403, "forbidden", "the token is not valid for this server")


@router.post(
    "/articles",
    status_code=201,
    summary="Add an article (text, HTML or a URL to fetch) through the analysis pipeline",
    dependencies=[Depends(require_token)],
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": ArticleIn.model_json_schema()}},
        }
    },
)
async def api_add_article(request: Request, state: State) -> JSONResponse:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media != "application/json":
        raise ApiError(
            415, "unsupported_media_type", "send the article as JSON (Content-Type: application/json)"
        )
    body = await request.body()
    try:
        record = ArticleIn.model_validate(json.loads(body))
    except json.JSONDecodeError as exc:
        raise ApiError(400, "malformed_json", f"the body is not valid JSON: {exc.msg}") from None
    except ValidationError as exc:
        raise RequestValidationError(exc.errors(include_input=False)) from None
    try:
        units = await run_in_threadpool(state.ingestor.units, record.model_dump())
    except ValueError as exc:
        raise ApiError(422, "invalid_request", str(exc)) from None
    except PermissionError as exc:
        raise ApiError(422, "fetch_disabled", str(exc)) from None
    results = await run_in_threadpool(state.ingestor.ingest, units)
    stored = [r for r in results if r.article_id]
    if not stored:
        skip = next((r.skip for r in results if r.skip), None)
        code, reason = (skip.code, skip.reason) if skip else ("no_text", "nothing to analyse")
        raise ApiError(502 if code == "fetch_failed" else 422, code, reason)
    state.search.ensure(force=True)
    with state.store.engine.connect() as conn:
        summaries = queries.article_summaries(conn, [r.article_id for r in stored if r.article_id])
        counts = queries.records_of(conn, [r.article_id for r in stored if r.article_id])
    items = [
        {
            "source": r.source,
            "status": "already_stored" if r.already_stored else "stored" if r.article_id else "skipped",
            "article": summaries.get(r.article_id) if r.article_id else None,
            "skip": {"code": r.skip.code, "reason": r.skip.reason} if r.skip else None,
        }
        for r in results
    ]
    status = 200 if all(r.already_stored for r in stored) else 201
    return JSONResponse(
        {"items": items, "claims": len(counts["claims"]), "quantities": len(counts["quantities"])},
        status_code=status,
    )
