"""One error shape for every failure the web app answers: ``{"error": {"code", "message"}}``.

Not found, validation, authentication, size limits and unexpected errors all answer with it (validation
errors add ``details``: where and what, never the input itself). API clients always get JSON; a browser
asking for a page gets the same code and message as an HTML page.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsledger.report.markup import join, tag
from newsledger.report.style import foot, head

log = logging.getLogger("newsledger.web")

CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    500: "internal_error",
    502: "fetch_failed",
}


class ApiError(StarletteHTTPException):
    """An error with a code of its own (e.g. a skip code for an article that could not be read)."""

    def __init__(
        self, status: int, code: str, message: str, *, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(status_code=status, detail=message, headers=headers)
        self.code = code


def error_body(code: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, **extra}}


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def error_response(
    request: Request,
    status: int,
    code: str,
    message: str,
    *,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> Response:
    if _wants_html(request):
        page = join(
            [
                head(f"{status} {code}"),
                tag("h1", None, f"{status} {HTTPStatus(status).phrase}"),
                tag("p", None, message),
                tag("p", {"class": "muted"}, f"error code: {code}"),
                tag("p", None, tag("a", {"href": "/"}, "back to the ledger")),
                foot(),
            ]
        )
        return HTMLResponse(page, status_code=status, headers=headers)
    return JSONResponse(error_body(code, message, **extra), status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        code = getattr(exc, "code", None) or CODES.get(exc.status_code, f"http_{exc.status_code}")
        message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        return error_response(request, exc.status_code, code, message, headers=getattr(exc, "headers", None))

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        details = [
            {"where": ".".join(str(p) for p in e.get("loc", ())), "problem": str(e.get("msg", ""))}
            for e in exc.errors()
        ][:20]
        first = details[0] if details else {"where": "request", "problem": "invalid"}
        message = f"{first['where']}: {first['problem']}"
        return error_response(request, 422, "invalid_request", message, details=details)

    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path, exc_info=exc)
        return error_response(
            request, 500, "internal_error", "an unexpected error; the server log has the details"
        )

    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, unexpected)
