"""Numbers that are not quantities: dates, times, years, ordinals, identifiers, addresses, scores.

"in 2015", "1:33 pm", "on December 19", "Resolution 2254", "B-52", "the 96th minute", "575 Wilbraham
Road", "a 2-0 win", "Senard, 65," count nothing, and a ledger that put them on a timeline would bury the
real claims. Text-level patterns (dates, times, phone numbers, list markers) are found once per article
as spans; word-level clues (a proper noun before the number, a named entity the number belongs to) are
read from the tokens next to each candidate only.
"""

from __future__ import annotations

import re
from typing import Any

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE_RE = re.compile(
    rf"""
    \b{_MONTH}\s+{_DAY}(?:\s*,?\s*\d{{4}})?(?![\d,.]*\d)
    |\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:\s*,?\s*\d{{4}})?\b
    |\b{_MONTH}\s*,?\s+\d{{4}}\b
    |\b\d{{1,2}}[/.]\d{{1,2}}[/.](?:\d{{4}}|\d{{2}})\b
    |\b\d{{4}}-\d{{2}}-\d{{2}}\b
    |\b(?:1[5-9]|20)\d{{2}}s\b
    |'\d0s\b
    |\b(?:mid|early|late|pre|post)-(?:1[5-9]|20)\d{{2}}\b
    |\b\d{{1,2}}/\d{{1,2}}\b(?=\s*(?:attacks?|anniversary|era|commission|memorial)\b)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_TIME_RE = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.m\.|[ap]m\b|[ap]\.m\b)|\b\d{1,2}:\d{2}(?::\d{2})?\b(?!\s*%)"
    r"|\b(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+o[’']clock\b",
    re.IGNORECASE,
)
_PHONE_RE = re.compile(
    r"(?<![\d,.])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?\d{3,4}[\s.-]?\d{3,4}|\d{3}[.-]\d{3}[.-]\d{4}|\d{2,4}\s\d{3,4}\s\d{3,4}(?:\s\d{2,4})?)(?![\d,])"
)
_LIST_MARKER_RE = re.compile(r"(?m)^[ \t]*\(?\d{1,2}[.)](?=\s)|\(\d{1,2}\)(?=\s*[A-Za-z])")
_LINK_RE = re.compile(
    r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+|\b\w+\.(?:com|org|net|gov|edu|io)/\S*"
)
_ADDRESS_RE = re.compile(
    r"\b\d{1,5}(?:-\d{1,5})?[A-Za-z]?\s+(?:[NSEW]\.?\s+)?(?:\d{1,3}(?:st|nd|rd|th)\s+|[A-Z][\w'.-]*\s+){1,3}"
    r"(?:Road|Rd|Street|St|Avenue|Ave|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Place|Pl|Square|Sq|Court|Ct|"
    r"Terrace|Highway|Hwy|Parkway|Pkwy|Crescent|Close|Row|Plaza|Alley)\b\.?"
)


_PATTERNS = (
    (_DATE_RE, "date"),
    (_TIME_RE, "time"),
    (_PHONE_RE, "phone number"),
    (_ADDRESS_RE, "address"),
    (_LIST_MARKER_RE, "list marker"),
    (_LINK_RE, "link"),
)
MARGIN = 48
"""How far from a number these patterns can start or end (a month name before a year, a street name
after a house number, a long URL)."""


def excluded_spans(text: str, around: list[tuple[int, int]] | None = None) -> list[tuple[int, int, str]]:
    """Spans of dates, times, phone numbers, addresses, links and list markers, each with its reason.

    With ``around`` (number spans), only windows of ``MARGIN`` characters around them are searched,
    which keeps the cost proportional to the numbers in an article rather than to its length.
    """
    windows: list[tuple[int, int]] = []
    if around is None:
        windows = [(0, len(text))]
    else:
        for a, b in sorted(around):
            lo, hi = max(0, a - MARGIN), min(len(text), b + MARGIN)
            if windows and lo <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(windows[-1][1], hi))
            else:
                windows.append((lo, hi))
    spans: list[tuple[int, int, str]] = []
    for rx, reason in _PATTERNS:
        for lo, hi in windows:
            spans.extend((m.start(), m.end(), reason) for m in rx.finditer(text, lo, hi))
    spans.sort()
    return spans


ID_NOUNS = frozenset(
    [
        "resolution",
        "section",
        "sec",
        "article",
        "art",
        "chapter",
        "chap",
        "paragraph",
        "para",
        "clause",
        "amendment",
        "rule",
        "item",
        "channel",
        "game",
        "round",
        "group",
        "category",
        "cat",
        "class",
        "grade",
        "level",
        "tier",
        "phase",
        "stage",
        "step",
        "episode",
        "ep",
        "volume",
        "vol",
        "issue",
        "page",
        "pp",
        "figure",
        "fig",
        "table",
        "no",
        "nos",
        "number",
        "unit",
        "room",
        "flight",
        "gate",
        "platform",
        "terminal",
        "route",
        "highway",
        "interstate",
        "exit",
        "district",
        "ward",
        "zone",
        "lot",
        "block",
        "box",
        "apartment",
        "apt",
        "suite",
        "version",
        "ver",
        "v",
        "model",
        "type",
        "mark",
        "mk",
        "series",
        "line",
        "track",
        "row",
        "seat",
        "bus",
        "train",
        "division",
        "squad",
        "code",
        "act",
        "bill",
        "law",
        "hb",
        "sb",
        "covid",
        "windows",
        "ios",
        "android",
        "iphone",
        "galaxy",
        "pixel",
        "note",
        "day",
        "week",
        "matchday",
        "year",
        "pillar",
        "schedule",
        "annex",
        "appendix",
        "part",
        "title",
        "form",
        "precinct",
        "tranche",
        "batch",
        "spot",
        "slot",
        "position",
        "pick",
        "no.",
        "#",
        "star",
    ]
)
"""Nouns that name a thing by a number ("Resolution 2254", "Game 7", "Day 3", "category 4")."""

_STRONG_ID = [
    "resolution",
    "section",
    "sec",
    "article",
    "art",
    "chapter",
    "chap",
    "paragraph",
    "para",
    "clause",
    "amendment",
    "channel",
    "category",
    "cat",
    "episode",
    "ep",
    "volume",
    "vol",
    "page",
    "pp",
    "fig",
    "no",
    "nos",
    "room",
    "flight",
    "gate",
    "platform",
    "terminal",
    "route",
    "highway",
    "interstate",
    "exit",
    "apartment",
    "apt",
    "suite",
    "version",
    "ver",
    "schedule",
    "annex",
    "appendix",
    "precinct",
    "tranche",
    "batch",
    "matchday",
    "covid",
]
_WEAK_ID = [
    "Game",
    "Round",
    "Group",
    "Class",
    "Grade",
    "Level",
    "Tier",
    "Phase",
    "Stage",
    "Step",
    "Unit",
    "Zone",
    "Sector",
    "District",
    "Ward",
    "Lot",
    "Block",
    "Box",
    "Model",
    "Type",
    "Mark",
    "Series",
    "Line",
    "Track",
    "Row",
    "Seat",
    "Bus",
    "Train",
    "Division",
    "Squad",
    "Code",
    "Act",
    "Bill",
    "Law",
    "Day",
    "Week",
    "Year",
    "Pillar",
    "Part",
    "Title",
    "Form",
    "Pick",
    "Spot",
    "Slot",
    "Position",
    "Star",
    "Note",
    "Galaxy",
    "Pixel",
    "Windows",
    "Figure",
    "Table",
    "Item",
    "Rule",
]
_NUMBERED_NAME_RE = re.compile(
    r"(?<![A-Za-z])(?:(?i:"
    + "|".join(sorted(_STRONG_ID, key=len, reverse=True))
    + r")|"
    + "|".join(sorted(_WEAK_ID, key=len, reverse=True))
    + r")\.?\s*(?:(?i:no)\.?\s*)?\Z|(?:#|№)\s*\Z"
)
"""Nouns that name a thing by the number after them. The strong ones do so in any case ("resolution
2254", "no. 1"); the weak ones only capitalised ("Game 7", but "the law 10 years ago")."""


def numbered_name(text: str, start: int) -> bool:
    """ "Resolution 2254", "no. 1", "Game 7", "category 4", "#1": a number that names, written after its noun."""
    return _NUMBERED_NAME_RE.search(text, max(0, start - 16), start) is not None


_OK_HYPHEN_PREFIX = frozenset(
    [
        "minus",
        "sub",
        "now",
        "over",
        "under",
        "around",
        "about",
        "some",
        "nearly",
        "almost",
        "roughly",
        "record",
        "all",
        "just",
        "top",
        "more",
        "less",
        "than",
        "to",
    ]
)
"""Words that may hang on a number by a hyphen without making it part of a name ("minus-5", "sub-7")."""

_MONTHS = frozenset(
    [
        "jan",
        "january",
        "feb",
        "february",
        "mar",
        "march",
        "apr",
        "april",
        "may",
        "jun",
        "june",
        "jul",
        "july",
        "aug",
        "august",
        "sep",
        "sept",
        "september",
        "oct",
        "october",
        "nov",
        "november",
        "dec",
        "december",
    ]
)


def glued_identifier(text: str, start: int, end: int) -> bool:
    """A number written into a name or code: "B-52", "M21", "9AB8", "COVID-19", "V10", "last-32"."""
    before = text[start - 1] if start > 0 else " "
    if before.isalpha():
        return True
    if before in "-‐–" and start > 1 and text[start - 2].isalpha():
        i = start - 2
        while i > 0 and text[i - 1].isalpha():
            i -= 1
        word = text[i : start - 1].lower()
        return word not in _OK_HYPHEN_PREFIX
    # "COVID -19"
    return before == "-" and start > 2 and text[start - 2] == " " and text[start - 3].isupper()


def ordinal_suffix(text: str, end: int) -> bool:
    return re.match(r"(?:st|nd|rd|th)\b", text[end : end + 3], re.IGNORECASE) is not None


def version_like(text: str, end: int) -> bool:
    """ "2.0.1", "192.168.1.1": a dotted code, not a decimal number."""
    return end + 1 < len(text) and text[end] == "." and text[end + 1].isdigit()


def year_shaped(atom_text: str, value: float | None) -> bool:
    return value is not None and re.fullmatch(r"\d{4}", atom_text) is not None and 1500 <= value <= 2200


_YEAR_PREPS = frozenset(
    [
        "in",
        "since",
        "from",
        "until",
        "till",
        "by",
        "of",
        "during",
        "after",
        "before",
        "to",
        "between",
        "and",
        "through",
        "circa",
        "around",
        "early",
        "late",
        "mid",
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
        "season",
        "fiscal",
        "fy",
        "year",
        "class",
    ]
)


def year_context(doc: Any, tok: Any) -> bool:
    """A year-shaped number that reads as a year: tagged DATE, after "in"/"since"/a month, before "'s"."""
    prev = doc[tok.i - 1] if tok.i > 0 else None
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and nxt.text in {"'s", "’s", "s"}:
        return True
    if prev is not None and (prev.lower_ in _YEAR_PREPS or prev.lower_.rstrip(".") in _MONTHS):
        return True
    return bool(tok.ent_type_ == "DATE")


def proper_name_before(doc: Any, tok: Any) -> bool:
    """ "Resolution 2254", "Game 7", "Lang 20", "S&P 500": a number named by the word before it."""
    if tok.i == 0:
        return False
    prev = doc[tok.i - 1]
    if prev.idx + len(prev.text) != tok.idx and prev.whitespace_ != " ":
        return False
    low = prev.lower_.rstrip(".")
    if low in ID_NOUNS or prev.text == "#":
        return True
    if prev.tag_ in {"NNP", "NNPS"} and prev.ent_type_ not in {"GPE", "NORP", "DATE", "MONEY"}:
        return low not in _MONTHS and not prev.is_sent_start
    return False


def proper_name_after(doc: Any, tok: Any) -> bool:
    """ "787 Dreamliner", "90049 ZIP Code", "737 Max jets": a number that is the first word of a name."""
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is None or nxt.tag_ != "NNP" or nxt.ent_type_ in {"NORP", "GPE", "MONEY", "QUANTITY", "PERCENT"}:
        return False
    if nxt.lower_.rstrip(".") in _MONTHS:
        return False
    after = doc[nxt.i + 1] if nxt.i + 1 < len(doc) else None
    # "40 Bloomberg reporters": the name modifies a plural noun that the number counts
    return not (after is not None and after.tag_ == "NNS" and tok.dep_ == "nummod")


def age_apposition(doc: Any, tok: Any) -> bool:
    """ "Senard, 65, now faces", "Jamie Armstrong, 25, said": an age given beside a name."""
    if tok.i < 2 or tok.i + 1 >= len(doc):
        return False
    prev, before = doc[tok.i - 1], doc[tok.i - 2]
    nxt = doc[tok.i + 1]
    return (
        prev.text in {",", "("}
        and before.tag_ in {"NNP", "NNPS"}
        and nxt.text in {",", ")", "―", "—", "–", ";"}
    )


def named_by_child(tok: Any) -> bool:
    """ "the sp 500", "Fortune 100": a number with a noun compound right before it is a name."""
    if tok.i == 0:
        return False
    prev = tok.doc[tok.i - 1]
    return bool(prev.head.i == tok.i and prev.dep_ == "compound" and prev.tag_ in {"NN", "NNP", "NNPS"})


_DATE_WORDS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tomorrow",
        "season",
        "fiscal",
        "quarter",
        "q1",
        "q2",
        "q3",
        "q4",
        "am",
        "pm",
        "a.m.",
        "p.m.",
        "noon",
        "midnight",
        "gmt",
        "utc",
        "bst",
        "est",
        "edt",
        "cet",
    ]
)


def in_date_entity(tok: Any) -> bool:
    """A number inside a DATE/TIME entity that names a calendar point ("Friday 13", "the 2018-19 season"),
    not a bare count the model happens to tag as DATE ("aged 18")."""
    if tok.ent_type_ not in {"DATE", "TIME"}:
        return False
    doc = tok.doc
    i = tok.i
    while i > 0 and doc[i].ent_iob_ == "I":
        i -= 1
    j = tok.i + 1
    while j < len(doc) and doc[j].ent_iob_ == "I":
        j += 1
    return any(t.lower_.rstrip(".") in _DATE_WORDS for t in doc[i:j])


def title_case_name(doc: Any, tok: Any) -> bool:
    """ "the Big 12", "the Fortune 500": a number closing a capitalised name that starts with "the"."""
    if tok.i < 2:
        return False
    prev = doc[tok.i - 1]
    if not prev.text[:1].isupper() or prev.is_sent_start or prev.lower_.rstrip(".") in _MONTHS:
        return False
    i = tok.i - 1
    while i > 0 and doc[i].text[:1].isupper() and not doc[i].is_sent_start:
        i -= 1
    return bool(doc[i].lower_ == "the" and i < tok.i - 1)
