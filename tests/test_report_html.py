"""The self-contained HTML report, on the analysed seeds and hostile page, and on ledgers whose later
stages (stories, claim groups, contradictions, citations, stances, framing) are written by the test."""

from __future__ import annotations

import json
import re
from html import escape, unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sqlalchemy import insert

from newsledger.errors import UnknownStoryError
from newsledger.report.highlight import highlighted_text
from newsledger.report.html_report import render_report, write_report
from newsledger.report.ledger import load_ledger
from newsledger.report.markup import checked_href, tag
from newsledger.store import Store, schema
from test_report_corpus import HOSTILE_OUTLET, analysed_corpus, copy_db, live_markup

__all__ = ["analysed_corpus"]

_VOID = {"meta", "input", "br", "hr", "img", "link"}


class _Balance(HTMLParser):
    """Checks every element is closed in order: the highlighting must stay well-formed."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, name: str, attrs: list[tuple[str, str | None]]) -> None:
        if name not in _VOID:
            self.stack.append(name)

    def handle_endtag(self, name: str) -> None:
        if not self.stack or self.stack.pop() != name:
            self.errors.append(name)


def _balanced(markup: str) -> bool:
    p = _Balance()
    p.feed(markup)
    return not p.errors and not p.stack


def test_analyze_writes_a_self_contained_report_with_the_troop_count_and_hostile_markup_escaped(
    analysed_corpus: dict[str, Path],
) -> None:
    page = analysed_corpus["html"].read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    assert not re.search(r"""(src|href|xlink:href)\s*=\s*["']?\s*(https?:)?//""", page)
    assert "<link" not in page and "@import" not in page and "url(" not in page
    assert live_markup(page) == []
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(&quot;banner&quot;)&lt;/script&gt;" in page
    shown = unescape(re.sub(r"<[^>]+>", "", page))  # what a reader sees, whatever spans cut the text
    assert "<img src=x onerror=alert(2)> for an hour" in shown
    assert "Harbour &lt;script&gt;alert(7)&lt;/script&gt; Times" in page
    # The troop count on the timeline: a chart point of 4000 that links to its highlighted number.
    svg = re.search(r"<svg class=\"timeline\".*?</svg>", page, re.S)
    assert svg is not None
    point = re.search(r'<a href="#(q-[0-9a-z]+)" class="point" data-value="4000">', page)
    assert point is not None
    assert f'id="{point.group(1)}"' in page
    assert "4,000 soldiers" in page
    assert _balanced(page[page.index("<body>") : page.rindex("</html>")])


def test_every_view_renders_from_stages_written_into_the_store(
    analysed_corpus: dict[str, Path], tmp_path: Path
) -> None:
    store = Store.open(copy_db(analysed_corpus, tmp_path))
    try:
        ledger = load_ledger(store)
        arts = {a["outlet"]: a for a in ledger["articles"]}
        gr, mem = arts["Global Research"], arts["Middle East Monitor"]
        claims = {c["id"]: c for c in ledger["claims"]}
        gr_claim = next(c for c in ledger["claims"] if c["article_id"] == gr["id"] and "4000" in c["text"])
        mem_claim = next(c for c in ledger["claims"] if c["article_id"] == mem["id"] and "900" in c["text"])
        with store.engine.begin() as conn:
            conn.execute(insert(schema.stories).values(id="s-troops", label="US troops in Syria"))
            conn.execute(
                insert(schema.story_articles),
                [
                    {"story_id": "s-troops", "article_id": a["id"]}
                    for a in ledger["articles"]
                    if a["outlet"] != HOSTILE_OUTLET
                ],
            )
            conn.execute(insert(schema.claim_groups).values(id="g-test", corroboration=99))
            conn.execute(
                insert(schema.claim_group_members),
                [
                    {"group_id": "g-test", "claim_id": gr_claim["id"]},
                    {"group_id": "g-test", "claim_id": mem_claim["id"]},
                ],
            )
            conn.execute(
                insert(schema.contradictions).values(
                    a=gr_claim["id"],
                    b=mem_claim["id"],
                    kind="test_numeric",
                    why="4000 soldiers against about 900 troops",
                )
            )
            conn.execute(
                insert(schema.citations).values(
                    id="ci1",
                    article_id=mem["id"],
                    cited="four sources in the Defense Department",
                    via="Foreign Policy",
                )
            )
            conn.execute(
                insert(schema.stances).values(
                    id="st1",
                    article_id=gr["id"],
                    target="US troops should leave Syria",
                    label="for",
                    score=0.91,
                )
            )
            conn.execute(
                insert(schema.framing).values(
                    id="fr1",
                    article_id=gr["id"],
                    start=gr_claim["start"],
                    end=gr_claim["start"] + 12,
                    technique="loaded_language",
                    score=0.8,
                )
            )
        ledger = load_ledger(store)
    finally:
        store.close()
    out = tmp_path / "story.html"
    write_report(ledger, out, title="Troops", story="s-troops")
    page = out.read_text(encoding="utf-8")
    assert "US troops in Syria" in page
    assert HOSTILE_OUTLET not in page and "Harbour &lt;script" not in page  # not in this story
    # Claim matrix: the group (most corroborated, so the first row) has both outlets asserting, the
    # others silent, each cell linking to its sentence.
    matrix = page[page.index('<table class="matrix">') :]
    first_row = matrix.split("<tr>")[2].split("</tr>")[0]
    assert first_row.count('class="asserts"') == 2 and 'class="silent"' in first_row
    assert f'href="#claim-{gr_claim["id"]}"' in first_row and f'href="#claim-{mem_claim["id"]}"' in first_row
    # Contradiction side by side, with both claims' text.
    pair = page[page.index("4000 soldiers against about 900 troops") :][:8000]
    pair = pair[: pair.index('<div class="contradiction"')] if '<div class="contradiction"' in pair else pair
    for claim in (gr_claim, mem_claim):
        assert escape(claims[claim["id"]]["text"]) in pair
    # Citation drawn as a path, stance and framing per outlet; the framing span is anchored.
    assert re.search(
        r"Middle East Monitor</span><span class=\"arrow\">→</span><span class=\"step\">Foreign Policy", page
    )
    assert "loaded_language" in page and "US troops should leave Syria" in page
    assert re.search(r'id="f-' + gr["id"], page)
    assert _balanced(page[page.index("<body>") : page.rindex("</html>")])
    with pytest.raises(UnknownStoryError):
        render_report(ledger, story="no-such-story")


def test_without_stories_the_report_is_one_implicit_story_of_every_article(
    analysed_corpus: dict[str, Path],
) -> None:
    ledger = {**json.loads(analysed_corpus["json"].read_text(encoding="utf-8")), "stories": []}
    page = render_report(ledger, story="all")
    assert "All articles" in page and "stories stage has not run" in page
    assert page.count('<section class="article"') == len(ledger["articles"])


def test_overlapping_spans_stay_well_formed_and_every_span_gets_its_anchor() -> None:
    text = "Officials said 4,000 <b>troops</b> remain. Critics disagreed."
    claims = [
        {
            "id": "c1",
            "start": 0,
            "end": 42,
            "kind": "factual",
            "checkworthiness": 0.9,
            "attribution": {"speaker": "Officials"},
        },
        {
            "id": "c2",
            "start": 10,
            "end": 30,
            "kind": "factual",
            "checkworthiness": 0.1,
            "attribution": {"speaker": None},
        },
        {
            "id": "c3",
            "start": 43,
            "end": 61,
            "kind": "factual",
            "checkworthiness": 0.2,
            "attribution": {"speaker": None},
        },
    ]
    quantities = [{"id": "q1", "start": 15, "end": 34, "counted": "troops"}]
    framing = [{"start": 30, "end": 50, "technique": "doubt", "score": 0.7}]
    markup = highlighted_text(text, article_id="a1", claims=claims, quantities=quantities, framing=framing)
    assert _balanced(markup)
    for anchor in ("claim-c1", "claim-c2", "claim-c3", "q-q1", "f-a1-30-50-"):
        assert f'id="{anchor}' in markup
    assert "<b>" not in markup and "</b>" not in markup
    plain = re.sub(r"<[^>]+>", "", markup).replace("&lt;", "<").replace("&gt;", ">")
    assert plain == text


def test_links_that_leave_the_ledger_are_refused() -> None:
    for bad in (
        "javascript:alert(1)",
        "https://evil.example/x",
        "//evil.example",
        " javascript:x",
        "data:text/html,x",
    ):
        with pytest.raises(ValueError):
            checked_href(bad)
    assert tag("a", {"href": "#claim-c1"}, "<x>") == '<a href="#claim-c1">&lt;x&gt;</a>'
