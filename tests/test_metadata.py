"""Metadata read from scraped text: the seeds, and small pages of other outlets and formats written here."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from newsledger.clean.blocks import split_blocks
from newsledger.metadata import (
    StatedMetadata,
    TextMetadata,
    default_registry,
    load_registry,
    read_text_metadata,
)
from newsledger.metadata.dates import find_dates, find_time, find_years
from newsledger.metadata.registry import ENV_VAR, parse_registry


def _blocks(text: str) -> list[str]:
    return [b.text for b in split_blocks(text)]


def _read(text: str, *, stated: StatedMetadata | None = None) -> TextMetadata:
    return read_text_metadata(_blocks(text), stated=stated)


@pytest.fixture(scope="module")
def seeds(seed_files: list[Path]) -> dict[str, TextMetadata]:
    return {f.name[:3]: _read(f.read_text(encoding="utf-8")) for f in seed_files}


# --- the seed articles -------------------------------------------------------------------------------------


def test_seed_titles(seeds: dict[str, TextMetadata]) -> None:
    assert seeds["000"].title == "US Coalition Out of Syria Now!"
    assert seeds["001"].title == "Syria wants US troops to leave"
    assert seeds["002"].title == "Foreign Policy: US is ‘planning to withdraw from Syria’"
    assert seeds["003"].title == "Syrian and Russian Chiefs of Staff call for US military to leave"
    assert seeds["004"].title == "Russia and Syria Demand Removal of US Troops from Syria"
    assert seeds["002"].title_block == 2  # not the menu word "clear" nor the slogan above it


def test_seed_stated_dates(seeds: dict[str, TextMetadata]) -> None:
    gr = seeds["000"].published
    assert (gr.date, gr.precision, gr.inferred) == ("2017-12-26", "day", False)
    assert gr.evidence is not None and "Global Research" in gr.evidence
    memo = seeds["002"].published
    assert (memo.date, memo.precision, memo.inferred) == ("2024-01-25T13:33", "minute", False)
    assert memo.evidence == "January 25, 2024 at 1:33 pm"


def test_seed_undated_articles_say_what_they_rest_on(seeds: dict[str, TextMetadata]) -> None:
    for key in ("001", "003", "004"):
        published = seeds[key].published
        assert published.date is None and not published.inferred, key
        assert published.evidence and published.evidence.startswith("not stated"), key
    assert "Nov. 6 without a year" in (seeds["001"].published.evidence or "")
    assert "2015 or later" in (seeds["001"].published.evidence or "")
    assert "December 19 without a year" in (seeds["003"].published.evidence or "")
    assert "since then" in (seeds["003"].published.evidence or "")


def test_seed_outlets(seeds: dict[str, TextMetadata]) -> None:
    assert seeds["000"].outlet == "Global Research"
    assert seeds["001"].outlet == "Rudaw"
    assert "Rudaw English" in seeds["001"].outlet_evidence
    assert seeds["002"].outlet == "Middle East Monitor"
    assert "slogan" in seeds["002"].outlet_evidence
    # 003 cites al-Mayadeen and 002 cites Foreign Policy and Sputnik: sources, not publishers
    assert seeds["003"].outlet is None
    assert seeds["004"].outlet is None


def test_seed_authors_and_provenance(seeds: dict[str, TextMetadata]) -> None:
    gr = seeds["000"]
    assert gr.authors == ("Syria Solidarity Movement",)
    assert gr.original_source == "Syria Solidarity Movement"
    assert len(gr.byline_blocks) == 2  # "By ..." under the title and "Articles by: ..." at the foot
    assert all(not seeds[k].authors for k in ("001", "002", "003", "004"))


def test_seed_dateline_and_metadata_blocks(seeds: dict[str, TextMetadata]) -> None:
    assert seeds["001"].dateline == "ERBIL, Kurdistan Region"
    assert seeds["000"].dateline is None
    roles = seeds["000"].metadata_blocks
    assert roles[0] == "title" and roles[1] == "byline"
    # the date lines, including the "2017" that a Markdown line break split off "22 December"
    assert [roles[i] for i in seeds["000"].date_blocks] == ["date"] * 3
    assert sorted(set(roles.values())) == ["byline", "copyright", "date", "source", "title"]
    assert seeds["002"].metadata_blocks == {1: "tagline", 2: "title", 3: "date"}
    assert seeds["001"].metadata_blocks == {0: "title"}  # the dateline opens the body and stays there


# --- other outlets and formats -----------------------------------------------------------------------------

WIRE = """\
Turkey says it will not extend the grain corridor deal | Reuters
By Jane Doe and John Roe
ANKARA, March 3 (Reuters) - Turkey will not extend the corridor agreement beyond its current term, two
officials said on Tuesday, raising the prospect of renewed disruption to shipments.
The officials spoke on condition of anonymity because they were not authorised to discuss the matter.
Reporting by Jane Doe; Editing by Mark Smith
"""


def test_wire_story_with_headline_suffix_byline_and_dateline() -> None:
    meta = _read(WIRE)
    assert meta.title == "Turkey says it will not extend the grain corridor deal"
    assert meta.outlet == "Reuters"
    assert meta.authors == ("Jane Doe", "John Roe")
    assert meta.dateline == "ANKARA"
    assert meta.original_source is None  # the wire is the publisher here
    assert meta.published.date is None and "March 3 without a year" in (meta.published.evidence or "")
    assert meta.metadata_blocks[0] == "title" and meta.metadata_blocks[1] == "byline"


LABELLED = """\
Menu
Skip to content
# Floods displace thousands in northern province
Published: 14 August 2023 09:15 GMT | Updated: 15 August 2023
Author: Maria Lopez
Heavy rain has forced more than 12,000 people from their homes in the northern province, the regional
disaster agency said, as rivers burst their banks for the second time this month.
By the end of the week, officials expect the water to recede in most districts.
© 2023 Al Jazeera Media Network. All rights reserved.
"""


def test_published_label_time_author_label_and_copyright_outlet() -> None:
    meta = _read(LABELLED)
    assert meta.title == "Floods displace thousands in northern province"
    assert (meta.published.date, meta.published.precision) == ("2023-08-14T09:15", "minute")
    assert meta.published.evidence is not None and meta.published.evidence.startswith("Published:")
    assert meta.authors == ("Maria Lopez",)  # and "By the end of the week" is no byline
    assert meta.outlet == "Al Jazeera"
    assert "copyright" in meta.outlet_evidence
    assert meta.metadata_blocks[3] == "date" and meta.metadata_blocks[4] == "byline"
    assert meta.metadata_blocks[len(_blocks(LABELLED)) - 1] == "copyright"


def test_stated_metadata_wins_and_the_title_block_is_still_found() -> None:
    text = (
        "Iraq's parliament votes on troop exit\nBAGHDAD — Lawmakers voted on Sunday to ask troops to leave.\n"
    )
    stated = StatedMetadata(
        title="Iraq's parliament votes on troop exit - Al Jazeera",
        url="https://www.aljazeera.com/news/2020/1/5/iraq-vote",
        published="2020-01-05T16:40:00Z",
        authors=("Staff",),
    )
    meta = _read(text, stated=stated)
    assert meta.title == "Iraq's parliament votes on troop exit"
    assert meta.title_block == 0
    assert meta.outlet == "Al Jazeera" and meta.outlet_evidence == "URL domain aljazeera.com"
    assert (meta.published.date, meta.published.inferred) == ("2020-01-05T16:40", False)
    assert meta.authors == ("Staff",)
    assert meta.dateline == "BAGHDAD"


def test_stated_outlet_is_canonicalised_through_aliases() -> None:
    meta = _read(
        "Some headline words here\nBody text goes on.\n", stated=StatedMetadata(outlet="al-Mayadeen")
    )
    assert meta.outlet == "Al Mayadeen"


def test_republishing_note_and_footer_domain() -> None:
    text = """\
Why the ceasefire keeps failing
Written by: Sam Carter
The ceasefire announced last month has been broken dozens of times, according to monitors on both sides.
This article originally appeared on Common Dreams.
For media inquiries: press@antiwar.com
"""
    meta = _read(text)
    assert meta.original_source == "Common Dreams"
    assert meta.outlet == "Antiwar.com"
    assert "contact address" in meta.outlet_evidence
    assert meta.authors == ("Sam Carter",)
    assert meta.metadata_blocks[3] == "source"


def test_unknown_outlet_learns_but_a_country_does_not() -> None:
    base = "Talks stall over border crossing\n{0} has learned that the talks broke down over the crossing.\n"
    assert _read(base.format("The Kurdistan Chronicle")).outlet == "The Kurdistan Chronicle"
    assert _read(base.format("Syria")).outlet is None


def test_a_cited_outlet_is_not_the_publisher() -> None:
    text = """\
Officials deny report on troop cuts
The Pentagon denied a report by The Washington Post, which said that half of the troops would leave.
Officials told CNN the plan was never discussed.
"""
    meta = _read(text)
    assert meta.outlet is None  # one "told CNN" is too little; a citation is no evidence at all
    assert "weak hint: CNN" in meta.outlet_evidence


def test_generic_slogan_relative_date_and_caption_are_not_the_title() -> None:
    text = """\
Bringing you the news since 1998
2 hours ago
(Photo: AFP) Smoke rises over the city
City council approves new housing plan
The council voted 7-2 on Thursday to approve the plan, which adds 4,000 homes over ten years.
"""
    meta = _read(text)
    assert meta.title == "City council approves new housing plan"
    assert meta.metadata_blocks[0] == "tagline" and meta.metadata_blocks[1] == "date"
    assert meta.published.date is None


def test_numeric_and_outlet_date_lines() -> None:
    meta = _read(
        "Headline about a vote in parliament\n12/26/2017\nThe vote took place late on Tuesday night.\n"
    )
    assert (meta.published.date, meta.published.evidence) == ("2017-12-26", "12/26/2017")
    meta = _read(
        "Headline about a vote in parliament\nDaily Sabah, 3 March 2019\nThe vote took place on Tuesday.\n"
    )
    assert meta.published.date == "2019-03-03" and meta.outlet == "Daily Sabah"


def test_a_date_tied_to_a_weekday_dates_the_news() -> None:
    text = """\
Candidate courts factory workers
The candidate spoke in Warren, Michigan on Thursday, Aug. 11, 2016, promising new jobs. The plant closed
in March 2009, and it reopened on June 1, 2012, under new owners.
"""
    published = _read(text).published
    assert (published.date, published.precision, published.inferred) == ("2016-08", "month", True)
    assert published.evidence is not None and "on or after 2016-08-11" in published.evidence


def test_a_full_date_without_a_weekday_is_only_a_lower_bound() -> None:
    text = """\
Defence secretary resigns
On December 17, 2018, officials met to discuss the plan. On December 19, the president announced the
withdrawal, and the defence secretary resigned the next day. Since then, no troops have left.
"""
    published = _read(text).published
    assert (published.date, published.inferred) == (None, False)
    # the year of "December 17, 2018" carries to "December 19"
    assert "the latest dated event it mentions is 2018-12-19" in (published.evidence or "")
    assert "since then" in (published.evidence or "")


def test_years_are_only_a_lower_bound_and_plans_are_skipped() -> None:
    text = """\
Reconstruction plan presented to donors
The war began in 2011 and the city was retaken in 2017. Elections are scheduled for March 2030 and the
plan runs until 2035, officials said.
"""
    published = _read(text).published
    assert (published.date, published.inferred) == (None, False)
    assert "the latest year it names is 2017" in (published.evidence or "")
    assert "2030" not in (published.evidence or "") and "2035" not in (published.evidence or "")


def test_no_date_at_all() -> None:
    published = _read("A short headline here\nSomething happened and people talked about it.\n").published
    assert published.date is None and not published.inferred
    assert published.evidence == "not stated; the text names no date or year"


def test_not_datelines() -> None:
    meta = _read("Alliance holds summit\nNATO – the alliance said its members would meet again to decide.\n")
    assert meta.dateline is None
    meta = _read("Alliance holds summit\nBRUSSELS (AFP) - The alliance said its members would meet again.\n")
    assert meta.dateline == "BRUSSELS" and meta.original_source == "Agence France-Presse"


def test_markdown_heading_beats_navigation_and_labels() -> None:
    text = """\
World News
Region: [Europe](#)
## Parliament passes budget after all-night session
**By** [Ana Silva](#), *Lisbon correspondent*
Lawmakers passed the budget at dawn after a session that lasted more than fourteen hours in total.
"""
    meta = _read(text)
    assert meta.title == "Parliament passes budget after all-night session"
    assert meta.authors == ("Ana Silva",)


def test_one_generic_word_is_not_an_outlet_but_the_full_name_is() -> None:
    text = (
        "Local\nNational\nCouncil delays vote on new bridge\nThe council delayed the vote, officials said.\n"
    )
    assert _read(text).outlet is None  # menu words, not "The Local" or "The National"
    registry = default_registry()
    assert registry.by_name("Local") is None
    assert (o := registry.by_name("The Local")) is not None and o.name == "The Local"


def test_links_name_the_site_only_when_most_links_go_there() -> None:
    own = "".join(f"[Section {i}](https://www.rudaw.net/english/{i})\n" for i in range(4))
    body = "Parliament meets on budget\nParliament met on Sunday to discuss the budget for the coming year.\n"
    assert _read(own + body).outlet == "Rudaw"
    cited = "See [the report](https://foreignpolicy.com/a) and [more](https://foreignpolicy.com/b).\n"
    assert _read(body + cited).outlet is None  # two links to a cited outlet are citations


def test_unreadable_stated_date_and_empty_input_are_reported() -> None:
    meta = _read("A headline of some words\nBody text here.\n", stated=StatedMetadata(published="soon-ish"))
    assert meta.published.date is None and "soon-ish" in (meta.published.evidence or "")
    empty = read_text_metadata([])
    assert empty.title is None and empty.outlet is None and empty.metadata_blocks == {}


# --- dates -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Global Research, December 26, 2017", "2017-12-26"),
        ("22 December 2017", "2017-12-22"),
        ("Sept. 30th, 2015", "2015-09-30"),
        ("3rd of March, 2019", "2019-03-03"),
        ("2017-12-26T13:33", "2017-12-26"),
        ("26/12/2017", "2017-12-26"),
        ("26.12.2017", "2017-12-26"),
        ("in December 2018", "2018-12"),
        ("on Nov. 6", None),
    ],
)
def test_find_dates(text: str, iso: str | None) -> None:
    (mention,) = find_dates(text)
    assert mention.iso() == iso


def test_find_dates_rejects_ambiguous_and_lower_case() -> None:
    assert find_dates("05/06/2017") == []
    assert find_dates("you may 5 times") == []
    assert find_dates("February 30, 2019") == []


def test_find_time_and_years() -> None:
    assert (t := find_time("January 25, 2024 at 1:33 pm")) is not None and (t.hour, t.minute) == (13, 33)
    assert (t := find_time("12:05 a.m.")) is not None and (t.hour, t.minute) == (0, 5)
    years = find_years("passed in 2015 and since 2011, with around 2000 troops")
    assert [y.year for y in years] == [2015, 2011]


# --- the registry ------------------------------------------------------------------------------------------


def test_registry_is_broad_and_consistent() -> None:
    registry = default_registry()
    assert len(registry) >= 250
    domains = [d for o in registry.outlets for d in o.domains]
    assert len(domains) == len(set(domains))
    assert all(o.domains for o in registry.outlets)
    found = registry.by_domain("english.alarabiya.net")
    assert found is not None and found.name == "Al Arabiya"
    assert (o := registry.by_name("the people's daily")) is not None and o.name == "People's Daily"
    assert (
        o := registry.by_tagline("Democracy dies in darkness")
    ) is not None and o.name == "The Washington Post"


def test_registry_extension_through_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "outlets.tsv"
    extra.write_text("# mine\nNorthwire\tnorthwire.example\tNW Wire\tNews from the north\n", encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(extra))
    registry = default_registry()
    assert len(registry) == len(load_registry()) + 1
    meta = _read(
        "News from the north\nDam gives way after week of rain\nThe dam gave way after heavy rain.\n"
    )
    assert meta.outlet == "Northwire" and meta.title == "Dam gives way after week of rain"


def test_registry_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"bad\.tsv:2"):
        parse_registry("A\ta.example\n\tmissing.example\n", source="bad.tsv")
    with pytest.raises(ValueError, match="cannot read the outlet registry"):
        load_registry(extra_paths=[tmp_path / "missing.tsv"])


# --- speed -------------------------------------------------------------------------------------------------


def test_fast_on_typical_and_huge_pages(seed_files: list[Path]) -> None:
    pages = [_blocks(f.read_text(encoding="utf-8")) for f in seed_files]
    read_text_metadata(pages[0])  # the registry loads once
    start = time.perf_counter()
    for _ in range(20):
        for page in pages:
            read_text_metadata(page)
    per_article = (time.perf_counter() - start) / (20 * len(pages))
    assert per_article < 0.005  # ~0.5 ms on a quiet machine; the bound only catches blow-ups
    huge = pages[1] * 150  # ~1 MB of text
    start = time.perf_counter()
    read_text_metadata(huge)
    assert time.perf_counter() - start < 1.0


def test_a_byline_naming_only_a_role_is_a_byline_without_authors() -> None:
    text = (
        "Troop numbers questioned\n\nBy Staff Writer\n\nMarch 3, 2023\n\n"
        "A senior general said there were about 4,000 troops in the province."
    )
    meta = _read(text)
    assert meta.authors == ()
    assert meta.metadata_blocks[1] == "byline"
    # a role word inside an opening phrase is no byline
    other = _read(
        "Troop numbers questioned\n\nBy defence officials' count, 4,000 troops remain.\n\nMore text here."
    )
    assert "byline" not in other.metadata_blocks.values()
