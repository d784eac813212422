"""The block model and the clean stage on real text: the seeds' page furniture goes, their body stays."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from newsledger.clean.article_builder import build_article, echoes_title
from newsledger.clean.block_model import shipped_block_model, viterbi
from newsledger.clean.render import render_blocks
from newsledger.demo import demo_corpus
from newsledger.ingest.reading import read_unit
from newsledger.ingest.units import InputUnit
from newsledger.records import Article

# What ../shared/seeds/GOLD.md lists as noise that must not reach the clean text (one phrase each).
GOLD_NOISE = {
    "000": [
        "Region:",
        "Theme:",
        "In-depth Report:",
        "Featured image is from",
        "The original source of this",
        "Copyright ©",
        "Comment on Global Research",
        "Become a Member",
        "Articles by:",
        "Disclaimer",
        "For media inquiries",
        "](#)",
        "<sup>",
    ],
    "002": [
        "Creating new perspectives",
        "January 25, 2024 at 1:33 pm",
        "Pentagon logo is seen",
        "READ: US to send",
        "READ: US sends",
    ],
    "003": ["Leave a Reply", "Your email address will not be published"],
    "004": [
        "Show Comments",
        "comment *",
        "name *",
        "email *",
        "website *",
        "You May Also Like",
        "B-52",
        "Ballistic Missile",
        "Iranian Activists",
    ],
}
# Body text GOLD.md names as having to survive, and the last paragraph of each seed.
GOLD_BODY = {
    "000": ["the USA end its unilateral", "come to the UN peace process", "officially it claims only 500"],
    "001": ["ISIS regained control of most of the town"],
    "002": ["around 900 troops stationed in Syria", "occupation state’s genocidal war"],
    "003": ["cannot be ruled out"],
    "004": ["believed to be over half a million"],
}


def _clean(path: Path) -> Article:
    return build_article(read_unit(InputUnit(source=str(path), data=path.read_bytes())))


@pytest.fixture(scope="module")
def seed_articles(seed_files: list[Path]) -> dict[str, Article]:
    return {p.name[:3]: _clean(p) for p in seed_files}


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ")


def test_the_gold_noise_of_every_seed_is_removed(seed_articles: dict[str, Article]) -> None:
    for key, phrases in GOLD_NOISE.items():
        text = _plain(seed_articles[key].text)
        left = [p for p in phrases if p in text]
        assert not left, f"seed {key} still holds {left}"


def test_the_body_of_every_seed_survives(seed_articles: dict[str, Article], seed_files: list[Path]) -> None:
    for key, phrases in GOLD_BODY.items():
        text = _plain(seed_articles[key].text)
        assert all(p in text for p in phrases), key
    # Every long prose line of a seed is kept, unless GOLD lists it as noise.
    for path in seed_files:
        text = _plain(seed_articles[path.name[:3]].text)
        noise = GOLD_NOISE.get(path.name[:3], [])
        for line in path.read_text(encoding="utf-8").splitlines():
            plain = _plain(line).strip().strip("*").lstrip("-• ")  # emphasis stars and list bullets go
            markup = "<sup>" in plain or "](" in plain or "**" in plain
            if len(plain.split()) >= 20 and not markup and not any(n in plain for n in noise):
                assert plain in text, f"{path.name} lost: {plain[:80]}"


def test_removed_blocks_say_why(seed_articles: dict[str, Article]) -> None:
    reasons = {r.reason for a in seed_articles.values() for r in a.removed}
    assert {"comment form", "promo link", "title (kept as metadata)", "repeated within the page"} <= reasons
    by_text = {r.text: r.reason for r in seed_articles["004"].removed}
    assert by_text["You May Also Like"] == "related-stories list"
    # the headline image's caption, a fragment of the title, goes; the body starts with prose
    assert by_text["US troops"] == "image caption (echoes the title)"
    assert seed_articles["004"].text.startswith("The US troops have been asked to leave Syria")


def test_a_short_line_made_of_title_words_is_a_caption() -> None:
    title = "Flood barriers fail as river rises in the old town"
    assert echoes_title("River rises", title)
    assert echoes_title("flood barriers", title)
    assert not echoes_title("Flood barriers fail.", title)  # a sentence of its own
    assert not echoes_title("Storm warning", title)  # a kicker with words of its own
    assert not echoes_title("River rises", None)


def test_the_seeds_metadata(seed_articles: dict[str, Article]) -> None:
    titles = {k: a.title for k, a in seed_articles.items()}
    assert titles == {
        "000": "US Coalition Out of Syria Now!",
        "001": "Syria wants US troops to leave",
        "002": "Foreign Policy: US is ‘planning to withdraw from Syria’",
        "003": "Syrian and Russian Chiefs of Staff call for US military to leave",
        "004": "Russia and Syria Demand Removal of US Troops from Syria",
    }
    assert seed_articles["000"].published.date in ("2017-12-26", "2017-12-22")
    assert seed_articles["002"].published.date == "2024-01-25T13:33"
    assert not seed_articles["002"].published.inferred
    assert {k: seed_articles[k].outlet for k in ("000", "001", "002")} == {
        "000": "Global Research",
        "001": "Rudaw",
        "002": "Middle East Monitor",
    }
    for key in ("001", "003", "004"):
        published = seed_articles[key].published
        assert published.date is None or published.inferred, key  # never a guess presented as fact


def test_the_shipped_models_load_with_their_cross_validated_figures() -> None:
    for mode in ("text", "html"):
        model = shipped_block_model(mode)
        assert np.count_nonzero(model.weights) > 10_000
        cv = model.info["cross_validated"]
        assert isinstance(cv, dict) and cv["newsledger.cleaneval_wordbag_f1"] > 0.8


def test_smoothing_keeps_a_weak_article_line_but_the_floor_drops_a_sure_promo() -> None:
    log_t = np.log(np.array([[0.9, 0.1], [0.1, 0.9]]))
    assert viterbi([0.9, 0.45, 0.9], log_t, threshold=0.5) == [True, True, True]
    assert viterbi([0.1, 0.55, 0.1], log_t, threshold=0.5) == [False, False, False]
    model = shipped_block_model("text")
    assert model.floor > 0 and not math.isnan(model.threshold)


def test_rendering_skips_code_and_keeps_link_density_and_page_labels() -> None:
    page = (
        "<html><head><style>p{}</style></head><body><nav class='site-nav'><a href='/'>Home</a></nav>"
        "<article><p>First paragraph of text.</p><script>alert(1)</script>"
        "<figure><figcaption>A caption</figcaption></figure></article></body></html>"
    )
    blocks = render_blocks(page)
    assert [b.text for b in blocks] == ["Home", "First paragraph of text.", "A caption"]
    assert blocks[0].link_chars == 4 and blocks[1].link_chars == 0
    assert {"tag:nav", "site", "nav"} <= set(blocks[0].context)
    assert "tag:figcaption" in blocks[2].context


def test_a_noisy_html_page_loses_its_furniture_and_keeps_escaped_markup_as_words() -> None:
    with demo_corpus() as corpus:
        path = corpus / "08_karsk_troops_newsheap_repost.html"
        article = _clean(path)
    assert "2,400" in article.text and "four times the figure of 600" in article.text
    assert "cookies" not in article.text.lower() and "Accept & continue" not in article.text
    assert "such as <script> tags" in article.text  # the page's own words about markup
    assert "alert(" not in article.text
    assert json.dumps(article.removed[0].reason)
