"""Refuse request bodies over a size limit before they are read whole (HTTP 413, the one error shape).

A declared ``Content-Length`` over the limit is refused at once; a body sent without one (chunked) is
counted as it streams and refused as soon as it passes the limit, so memory never holds more than it.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsledger.web.errors import error_body

DEFAULT_MAX_BODY = 5 * 1024 * 1024
"""5 MiB: a news page's HTML is rarely over 2 MiB."""


class BodyTooLarge(HTTPException):
    """Raised while the body streams in; the app's error handlers answer it with a 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            status_code=413, detail=f"the request body is over the {limit / 1_048_576:g} MiB limit"
        )


class BodyLimit:
    def __init__(self, app: ASGIApp, *, max_body: int = DEFAULT_MAX_BODY) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.max_body
            except ValueError:
                too_big = False
            if too_big:
                await self._refuse(send)
                return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge(self.max_body)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, tracking_send)
        except BodyTooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        limit = f"{self.max_body / 1_048_576:g} MiB"
        body: Any = error_body("too_large", f"the request body is over the {limit} limit")
        data = json.dumps(body).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(data)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": data})
