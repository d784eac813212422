"""One scraped line as plain words: Markdown and stray-markup remnants stripped.

Metadata rules look at words ("By X", "Global Research, December 26, 2017"); the link, emphasis and heading
syntax a crawler leaves around them (``By [X](#)``, ``**bold**``, ``# Title``) would otherwise hide them.
"""

from __future__ import annotations

import html
import re

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+\S")
_IMAGE = re.compile(r"!\[([^\]]{0,500})\]\((?:[^()]|\([^()]{0,500}\)){0,2000}\)")
_LINK = re.compile(r"\[([^\]]{0,500})\]\((?:[^()]|\([^()]{0,500}\)){0,2000}\)")
_REF_LINK = re.compile(r"\[([^\]]{1,500})\]\[[^\]]{0,100}\]")
_FOOTNOTE = re.compile(r"<sup>[^<]{0,20}</sup>", re.I)
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_STRONG = re.compile(r"(\*\*\*|\*\*|__)(?=\S)(.{1,400}?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])")
_EM_UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)([^_]+?)(?<=\S)_(?![\w_])")
_LEAD = re.compile(r"^\s*(?:#{1,6}\s+|(?:>\s*)+|[-*+•·▪●◦]\s+)")
_TRAIL_HASHES = re.compile(r"\s+#+\s*$")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_MARKUP = frozenset("[]*_<>#&•·▪●◦`\\")


def heading_level(line: str) -> int:
    """The Markdown heading level of ``line`` (1 for ``# X``), 0 when it is not a heading."""
    m = _HEADING.match(line)
    return len(m.group(1)) if m else 0


def plain_line(line: str) -> str:
    """``line`` without Markdown/HTML remnants and with whitespace collapsed.

    Cheap for the common case: a line with none of the markup characters is only whitespace-folded.
    """
    if _MARKUP.isdisjoint(line):
        return " ".join(line.split())
    text = _LEAD.sub("", line)
    if "#" in text:
        text = _TRAIL_HASHES.sub("", text)
    if "](" in text:
        if "![" in text:
            text = _IMAGE.sub(r"\1", text)
        text = _LINK.sub(r"\1", text)
    if "][" in text:
        text = _REF_LINK.sub(r"\1", text)
    if "<" in text:
        if "</sup>" in text or "</SUP>" in text:
            text = _FOOTNOTE.sub("", text)
        text = _TAG.sub("", text)
    if "**" in text or "__" in text:
        text = _STRONG.sub(r"\2", text)
    if "*" in text:
        text = _EM_STAR.sub(r"\1", text)
    if "_" in text:
        text = _EM_UNDERSCORE.sub(r"\1", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if "&" in text:
        text = html.unescape(text)
    return " ".join(text.replace("`", "").split())
