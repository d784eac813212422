"""Read the ECB+ corpus layout (tokenised XML) into plain articles with gold story labels.

Each topic folder ``N/`` holds ``N_Mecb.xml`` files about one real-world event and ``N_Mecbplus.xml``
files about another event of the same kind. The gold story of a file is ``(topic, ecb|ecbplus)``.
ECB+ files keep the page's URL as their first "sentence" and its headline as the next; we turn the
URL into the article's URL, the first remaining sentence into its title and the rest into its body,
so the articles reach the pipeline as a scraper would hand them over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_TOKEN = re.compile(r'<token t_id="\d+" sentence="(\d+)" number="\d+">([^<]*)</token>')
_FILE = re.compile(r"^(\d+)_(\d+)(ecb|ecbplus)\.xml$")
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_LINE = re.compile(
    rf"^(?=.*(\b(19|20)\d\d\b|\b{_MONTH}\s+\d|\d\s+{_MONTH}))(?!.*\b\w{{5,}}\b.*\b\w{{5,}}\b.*\b\w{{5,}}\b.*\b\w{{5,}}\b)",
    re.IGNORECASE,
)
"""A line that is only a date or a time stamp ("Friday, November 11, 2011", "21 July 2013 Last updated at
11: 11 GMT"): a page's date line, not its headline."""
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'"}


@dataclass(frozen=True)
class EcbDocument:
    name: str
    topic: int
    gold: str
    url: str | None
    title: str
    text: str


def detokenise(tokens: list[str]) -> str:
    """Join ECB+ tokens into readable text: no space before closing punctuation or clitics."""
    text = " ".join(tokens)
    for code, char in _ENTITIES.items():
        text = text.replace(code, char)
    text = re.sub(r"\s+([.,;:!?%)\]}]|'s\b|'re\b|n't\b|'ll\b|'ve\b|'d\b|'m\b)", r"\1", text)
    text = re.sub(r"([(\[{$])\s+", r"\1", text)
    text = re.sub(r"``\s*|\s*''", '"', text)
    return text.strip()


def _is_date_line(line: str) -> bool:
    return len(line.split()) <= 12 and _DATE_LINE.match(line) is not None


def read_document(path: Path) -> EcbDocument:
    match = _FILE.match(path.name)
    if match is None:
        raise ValueError(f"not an ECB+ file name: {path.name}")
    sentences: dict[int, list[str]] = {}
    for number, word in _TOKEN.findall(path.read_text(encoding="utf-8")):
        sentences.setdefault(int(number), []).append(word)
    lines = [detokenise(sentences[k]) for k in sorted(sentences)]
    url = None
    if lines and lines[0].replace(" ", "").startswith("http"):
        url = lines.pop(0).replace(" ", "")
    heading = next((k for k, line in enumerate(lines) if not _is_date_line(line)), 0)
    title = lines[heading] if lines else ""
    rest = lines[:heading] + lines[heading + 1 :]
    body = "\n\n".join(rest) if rest else title
    return EcbDocument(path.name, int(match.group(1)), f"{match.group(1)}/{match.group(3)}", url, title, body)


def read_corpus(data: Path) -> list[EcbDocument]:
    """Every ECB+ file under ``data`` (topic folders), sorted by topic and file name."""
    files = [p for p in data.glob("*/*.xml") if _FILE.match(p.name)]
    docs = [read_document(p) for p in files]
    return sorted(docs, key=lambda d: (d.topic, d.name))
