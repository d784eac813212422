"""Sentence boundaries on news text."""

from __future__ import annotations

from newsledger.language.sentences import split_sentences


def _texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, "a0")]


def test_abbreviations_and_dates_do_not_end_sentences() -> None:
    text = (
        "Figures were provided to Rudaw English on Nov. 6. U.S. President Donald Trump spoke. "
        "Maj.-Gen. Jarrard said 4,000. Dr. Smith agreed."
    )
    assert _texts(text) == [
        "Figures were provided to Rudaw English on Nov. 6.",
        "U.S. President Donald Trump spoke.",
        "Maj.-Gen. Jarrard said 4,000.",
        "Dr. Smith agreed.",
    ]


def test_quotes_closing_after_the_full_stop_stay_with_their_sentence() -> None:
    text = '"We weren\'t sure they had taken it." He said so on Monday. “It is over.” They left.'
    assert _texts(text) == [
        '"We weren\'t sure they had taken it."',
        "He said so on Monday.",
        "“It is over.”",
        "They left.",
    ]


def test_paragraph_breaks_split_but_not_inside_a_broken_sentence() -> None:
    text = "Headline without stop\n\nThe convoys of\n\ntransport trucks went on. Next one."
    assert _texts(text) == [
        "Headline without stop",
        "The convoys of\n\ntransport trucks went on.",
        "Next one.",
    ]
