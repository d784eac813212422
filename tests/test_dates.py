"""Time expressions resolved against the publication date: on the seeds, and on short texts."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from newsledger.extraction import extract_records
from newsledger.language.dates import resolve_time_expressions
from newsledger.records import PublishedDate, TimeExpression

WEDNESDAY = PublishedDate("2024-01-24", "day")


@pytest.fixture(scope="module")
def seeds(seed_files: list[Path], nlp: Any) -> dict[str, tuple[dict[str, Any], Any]]:
    records = list(extract_records([str(p) for p in seed_files], workers=1))
    docs = list(nlp.pipe([r["text"] for r in records]))
    return {Path(r["source"]).name[:3]: (r, d) for r, d in zip(records, docs, strict=True)}


def times(doc: Any, published: PublishedDate, **options: Any) -> dict[str, list[TimeExpression]]:
    found: dict[str, list[TimeExpression]] = {}
    for t in resolve_time_expressions(doc, article_id="a0", published=published, **options):
        found.setdefault(t.text, []).append(t)
    return found


def one(found: dict[str, list[TimeExpression]], text: str) -> TimeExpression:
    assert text in found, f"{text!r} not found; found {sorted(found)}"
    assert len(found[text]) == 1
    return found[text][0]


def values(found: dict[str, list[TimeExpression]], text: str) -> list[str | None]:
    return [t.value for t in found[text]]


def published(record: dict[str, Any]) -> PublishedDate:
    return PublishedDate(**record["published"])


# --- the seeds ---------------------------------------------------------------------------------------


def test_seed_with_a_stated_date_resolves_relative_expressions(seeds: Any) -> None:
    record, doc = seeds["002"]  # published 2024-01-25 13:33, a Thursday
    found = times(doc, published(record))
    yesterday = one(found, "yesterday")
    assert (yesterday.value, yesterday.precision, yesterday.relative) == ("2024-01-24", "day", True)
    last_week = one(found, "last week")  # 15-21 January
    assert (last_week.value, last_week.precision) == ("2024-01", "month")
    october = one(found, "in October")  # the most recent October before publication
    assert (october.value, october.precision, october.relative) == ("2023-10", "month", True)
    assert one(found, "Today").value == "2024-01-25"
    year = one(found, "in 2015")
    assert (year.value, year.precision, year.relative) == ("2015", "year", False)
    assert one(found, "in 2019").value == "2019"


def test_seed_full_dates_and_today(seeds: Any) -> None:
    record, doc = seeds["000"]  # published 2017-12-26
    found = times(doc, published(record))
    assert one(found, "on Sept 30, 2015").value == "2015-09-30"
    assert one(found, "on Sept 30, 2015").relative is False
    assert one(found, "Today").value == "2017-12-26"


def test_seed_without_a_date_keeps_relative_expressions_unresolved(seeds: Any) -> None:
    record, doc = seeds["001"]
    assert record["published"]["date"] is None
    found = times(doc, published(record))
    nov6 = one(found, "on Nov. 6")
    assert (nov6.value, nov6.precision, nov6.relative) == (None, None, True)
    assert values(found, "on Monday") == [None, None]
    assert one(found, "on Tuesday").relative is True
    since = one(found, "since 2011")  # absolute: resolves without an anchor
    assert (since.value, since.precision, since.relative) == ("2011", "year", False)
    assert one(found, "in 2015").value == "2015"


def test_seed_resolves_once_a_date_is_given(seeds: Any) -> None:
    _, doc = seeds["003"]
    assert one(times(doc, PublishedDate.unknown()), "on December 19").value is None
    found = times(doc, PublishedDate("2019-01-10", "day"))  # a Thursday
    assert one(found, "on December 19").value == "2018-12-19"
    assert one(found, "On Monday").value == "2019-01-07"
    assert one(found, "in recent weeks").value is None  # vague, kept


def test_a_count_is_not_a_year(seeds: Any) -> None:
    _, doc = seeds["004"]  # "around 2000 American soldiers"
    found = times(doc, PublishedDate.unknown())
    assert not any("2000" in text for text in found)
    assert one(found, "in December").relative is True


def test_records_point_at_their_words(seeds: Any) -> None:
    for record, doc in seeds.values():
        found = resolve_time_expressions(doc, article_id=record["id"], published=published(record))
        assert found == sorted(found, key=lambda t: (t.start, t.end))
        for t in found:
            assert record["text"][t.start : t.end] == t.text
            assert t.article_id == record["id"] and t.id.startswith("t")
            assert (t.value is None) == (t.precision is None)
        assert resolve_time_expressions(doc, article_id=record["id"], published=published(record)) == found


def test_cost_is_small_beside_the_parse(seeds: Any, nlp: Any) -> None:
    texts = [record["text"] for record, _ in seeds.values()]
    started = time.perf_counter()
    docs = list(nlp.pipe(texts))
    parse_time = time.perf_counter() - started
    started = time.perf_counter()
    for doc in docs:
        resolve_time_expressions(doc, article_id="a0", published=WEDNESDAY)
    assert time.perf_counter() - started < 0.5 * parse_time  # measured: about 3%


# --- conventions on short texts ------------------------------------------------------------------------


def test_weekdays_look_back_unless_the_verb_is_future(nlp: Any) -> None:
    found = times(
        nlp("The council will meet on Monday. The council met on Monday. Officials spoke on Wednesday."),
        WEDNESDAY,
    )
    assert values(found, "on Monday") == ["2024-01-29", "2024-01-22"]
    assert one(found, "on Wednesday").value == "2024-01-24"  # on or before publication: the same day
    found = times(nlp("Talks resume next Friday, and the envoy left last Friday."), WEDNESDAY)
    assert one(found, "next Friday").value == "2024-01-26"
    assert one(found, "last Friday").value == "2024-01-19"


def test_month_days_take_the_year_before_publication(nlp: Any) -> None:
    new_year = PublishedDate("2018-01-05", "day")
    assert one(times(nlp("The minister resigned on December 19."), new_year), "on December 19").value == (
        "2017-12-19"
    )
    scheduled = times(nlp("The vote is scheduled for January 30."), new_year)
    assert one(scheduled, "January 30").value == "2018-01-30"


def test_intervals_resolve_to_the_unit_that_contains_them(nlp: Any) -> None:
    found = times(
        nlp(
            "It happened two years ago. Prices rose this month and fell last month. Last year the army "
            "withdrew; 10 days ago it left; three weeks ago it returned."
        ),
        PublishedDate("2024-01-10", "day"),
    )
    assert one(found, "two years ago").value == "2022"
    assert one(found, "this month").value == "2024-01"
    assert one(found, "last month").value == "2023-12"  # across the new year
    assert one(found, "Last year").value == "2023"
    assert one(found, "10 days ago").value == "2023-12-31"
    three_weeks = one(found, "three weeks ago")  # the days around 20 December
    assert (three_weeks.value, three_weeks.precision) == ("2023-12", "month")
    spanning = times(nlp("Three weeks ago it returned."), PublishedDate("2024-01-24", "day"))
    assert one(spanning, "Three weeks ago").value is None  # the days around 3 January: two years


def test_an_imprecise_anchor_gives_imprecise_values(nlp: Any) -> None:
    doc = nlp("He said yesterday that the plan had failed.")
    found = times(doc, PublishedDate("2017-11", "month"))
    assert (one(found, "yesterday").value, one(found, "yesterday").precision) == ("2017", "year")


def test_an_inferred_date_anchors_only_when_asked(nlp: Any) -> None:
    doc = nlp("He said yesterday that the plan had failed.")
    guess = PublishedDate("2017-11-20", "day", inferred=True, evidence="weekday references")
    assert one(times(doc, guess), "yesterday").value is None
    assert one(times(doc, guess, use_inferred=True), "yesterday").value == "2017-11-19"


def test_absolute_dates_in_several_formats(nlp: Any) -> None:
    found = times(
        nlp(
            "May God help us, he said. The vote was held in March 2015, again on 15 August 2023 and on "
            "2023-08-16. The base opened in 2000. There are around 2000 soldiers. The 1990s were different."
        ),
        PublishedDate.unknown(),
    )
    assert one(found, "in March 2015").value == "2015-03"
    assert one(found, "on 15 August 2023").value == "2023-08-15"
    assert one(found, "on 2023-08-16").value == "2023-08-16"
    assert one(found, "in 2000").value == "2000"
    assert not any(text.startswith("May") for text in found)  # "May God help us"
    assert one(found, "1990s").value is None
    assert sum(len(v) for v in found.values()) == 5


def test_ages_and_frequencies_are_not_dates(nlp: Any) -> None:
    found = times(
        nlp("The 55-year-old died on Sunday. He was seen daily."), PublishedDate("2014-10-15", "day")
    )
    assert list(found) == ["on Sunday"]
    assert one(found, "on Sunday").value == "2014-10-12"


def test_a_document_without_a_parse(nlp: Any) -> None:
    found = times(
        nlp.make_doc("The army left on Monday and returned in 2015."), PublishedDate("2019-01-10", "day")
    )
    assert one(found, "on Monday").value == "2019-01-07"
    assert one(found, "in 2015").value == "2015"
