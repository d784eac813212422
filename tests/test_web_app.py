"""The web app in-process on the analysed seeds and hostile page: pages, REST API, errors, auth, search."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from newsledger.cli import main
from newsledger.errors import ServeRefusedError
from newsledger.web import queries
from newsledger.web.server import create_app, is_loopback, serve
from test_report_corpus import HOSTILE_OUTLET, analysed_corpus, copy_db, live_markup

__all__ = ["analysed_corpus"]

TOKEN = "s3cret-token"


@pytest.fixture
def client(analysed_corpus: dict[str, Path], tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(str(copy_db(analysed_corpus, tmp_path)), token=TOKEN, fetch=False, max_body=64 * 1024)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def _error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == code and body["error"]["message"]
    return dict(body["error"])


def test_the_main_pages_and_api_answer(client: TestClient) -> None:
    for path in ("/", "/api/stories", "/api/articles", "/openapi.json", "/claims", "/stories/all"):
        assert client.get(path).status_code == 200, path
    spec = client.get("/openapi.json").json()
    assert {
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/stories",
        "/api/claims",
        "/api/search",
    } <= set(spec["paths"])
    assert "post" in spec["paths"]["/api/articles"]


def test_the_first_story_page_shows_the_troop_counts(client: TestClient) -> None:
    stories = client.get("/api/stories").json()
    first = stories["items"][0]
    if first["implicit"]:  # before the stories stage: one story of every article
        assert first["id"] == "all" and first["articles"] == 6 and stories["total"] == 1
    page = client.get(f"/stories/{first['id']}").text
    for value in ("4000", "500"):
        assert f'class="point" data-value="{value}"' in page
    assert "4,000 soldiers" in page and "500 soldiers" in page
    every = client.get("/stories/all").text
    assert 'class="point" data-value="900"' in every and "~900 troops" in every
    assert '<table class="matrix">' in page
    # A chart point links to the article page, where that number is an anchored, highlighted span.
    href = re.search(r'<a href="(/articles/[^"#]+)#(q-[0-9a-z]+)" class="point" data-value="4000">', page)
    assert href is not None
    article = client.get(href.group(1)).text
    assert (
        f'<mark class="quantity" title="counts US soldiers | Syria" id="{href.group(2)}">4000 soldiers'
        in article
    )


def test_no_page_carries_the_hostile_markup_unescaped(client: TestClient) -> None:
    arts = client.get("/api/articles", params={"limit": 200}).json()["items"]
    hostile = next(a for a in arts if a["outlet"] == HOSTILE_OUTLET)
    paths = [
        "/",
        "/stories/all",
        "/claims",
        f"/articles/{hostile['id']}",
        f"/sources/{HOSTILE_OUTLET}",
        "/search?q=banner",
        "/search?q=" + "<script>alert(1)</script>",
        "/articles/<script>alert(9)</script>",
    ]
    for path in paths:
        r = client.get(path, headers={"accept": "text/html"})
        assert r.status_code in (200, 404), path
        assert live_markup(r.text) == [], path
        assert "default-src 'none'" in r.headers.get("content-security-policy", "") or r.status_code == 404
    page = client.get(f"/articles/{hostile['id']}").text
    assert "&lt;script&gt;alert(&quot;banner&quot;)&lt;/script&gt;" in page
    assert "Harbour &lt;script&gt;alert(7)&lt;/script&gt; Times" in page
    search = client.get("/search", params={"q": "banner"}).text
    assert "<mark>banner</mark>" in search


def test_every_error_path_has_one_json_shape(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    _error(client.get("/api/articles/nope"), 404, "not_found")
    _error(client.get("/api/stories/nope"), 404, "not_found")
    _error(client.get("/api/no/such/route"), 404, "not_found")
    details = _error(client.get("/api/articles", params={"limit": 10_000}), 422, "invalid_request")["details"]
    assert details[0]["where"] == "query.limit"
    _error(client.get("/api/search"), 422, "invalid_request")
    _error(client.post("/api/articles", json={"text": "x"}), 401, "unauthorized")
    bad = {"Authorization": "Bearer wrong"}
    _error(client.post("/api/articles", json={"text": "x"}, headers=bad), 403, "forbidden")
    ok = {"Authorization": f"Bearer {TOKEN}"}
    _error(client.post("/api/articles", json={"text": "x" * 100_000}, headers=ok), 413, "too_large")
    _error(
        client.post("/api/articles", content=b"text=x", headers={**ok, "content-type": "text/plain"}),
        415,
        "unsupported_media_type",
    )
    _error(client.post("/api/articles", json={"body": "x"}, headers=ok), 422, "invalid_request")
    _error(
        client.post("/api/articles", json={"url": "https://example.org/a"}, headers=ok), 422, "fetch_disabled"
    )

    def boom(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(queries, "list_claims", boom)
    err = _error(client.get("/api/claims"), 500, "internal_error")
    assert "disk on fire" not in err["message"]
    html = client.get("/articles/nope", headers={"accept": "text/html"})
    assert (
        html.status_code == 404
        and "not_found" in html.text
        and html.headers["content-type"].startswith("text/html")
    )


def test_lists_are_paginated_with_a_maximum(client: TestClient) -> None:
    first = client.get("/api/articles", params={"limit": 4}).json()
    assert first["total"] == 6 and len(first["items"]) == 4 and first["next_offset"] == 4
    second = client.get("/api/articles", params={"limit": 4, "offset": 4}).json()
    assert len(second["items"]) == 2 and second["next_offset"] is None
    assert {a["id"] for a in first["items"]}.isdisjoint(a["id"] for a in second["items"])
    claims = client.get("/api/claims", params={"limit": queries.MAX_LIMIT}).json()
    assert claims["total"] > 20 and len(claims["items"]) == min(claims["total"], queries.MAX_LIMIT)
    numbers = client.get("/api/quantities", params={"counted": "US soldiers | Syria"}).json()["items"]
    assert {q["value"] for q in numbers} >= {4000.0, 500.0}


def test_search_finds_articles_and_claims_and_ignores_query_syntax(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "Rukban camp"}).json()["items"]
    assert hits and any(h["kind"] == "claim" and "Rukban" in h["snippet"] for h in hits)
    assert client.get("/api/search", params={"q": 'troops" OR NEAR(*'}).status_code == 200
    assert client.get("/api/search", params={"q": "zzqqxxnotaword"}).json()["items"] == []


def test_posting_an_article_with_the_token_runs_the_pipeline_and_updates_search(client: TestClient) -> None:
    article = {
        "title": "Ferry service resumes",
        "outlet": "Island Post",
        "published": "2024-05-02",
        "text": "The ferry between the islands resumed on Thursday after a strike of nine days, the operator said. "
        "About 1,200 passengers crossed on the first day, according to the port authority.",
    }
    ok = {"Authorization": f"Bearer {TOKEN}"}
    r = client.post("/api/articles", json=article, headers=ok)
    assert r.status_code == 201, r.text
    body = r.json()
    stored = body["items"][0]["article"]
    assert stored["outlet"] == "Island Post" and body["claims"] >= 1
    again = client.post("/api/articles", json=article, headers=ok)
    assert again.status_code == 200 and again.json()["items"][0]["status"] == "already_stored"
    full = client.get(f"/api/articles/{stored['id']}").json()
    assert any(q["value"] == 1200.0 for q in full["quantities"])
    hits = client.get("/api/search", params={"q": "ferry strike"}).json()["items"]
    assert any(h["article_id"] == stored["id"] for h in hits)
    assert client.get("/api/articles").json()["total"] == 7


def test_serve_refuses_a_public_address_without_a_token(analysed_corpus: dict[str, Path]) -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")
    with pytest.raises(ServeRefusedError):
        serve(str(analysed_corpus["db"]), host="0.0.0.0", port=0)
    result = CliRunner().invoke(
        main, ["serve", "--db", str(analysed_corpus["db"]), "--host", "0.0.0.0"], env={"NEWSLEDGER_TOKEN": ""}
    )
    assert result.exit_code == 2 and "token" in result.output
