"""A decoded input before cleaning: the text clean offsets map back to, plus metadata the input stated."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class HtmlHints:
    """What the HTML said about each line of ``raw_text`` (one rendered block a line), for the block model."""

    link_chars: tuple[int, ...]
    trafilatura_share: tuple[float, ...]
    """Share of each block that trafilatura kept: its verdict, which the model may overrule."""
    contexts: tuple[tuple[str, ...], ...]
    resiliparse_share: tuple[float, ...] = ()
    """Share of each block that Resiliparse's main-content extraction kept: a second verdict."""


@dataclass(frozen=True, slots=True)
class Document:
    """One would-be article as read.

    ``raw_text`` is what the clean text's offset map points into: the decoded file for text input, the
    ``text`` field of a JSON record, or the main text extracted from HTML. Metadata fields hold only
    what the input itself states (HTML metadata, JSON fields); inference happens in later stages.
    """

    source: str
    fmt: str  # "text", "markdown", "html", "json_record"
    raw_text: str
    encoding: str = "utf-8"
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    language: str | None = None
    title_in_text: bool = field(default=False)
    """True when ``raw_text`` still starts with the title line (plain text input)."""
    html_hints: HtmlHints | None = None
    """Set when ``raw_text`` is an HTML page rendered one block a line."""
    from_html: bool = field(default=False)
    """True when ``raw_text`` was extracted from HTML: any ``<tag>`` left in it is text the page escaped
    on purpose (an article about markup), not residue to strip."""
