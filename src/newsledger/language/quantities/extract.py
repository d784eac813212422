"""Find the quantities of an article: value, bounds, hedges, unit and what is counted.

The entry point is :func:`extract_quantities` on a parsed spaCy ``Doc`` of the article's clean text. It
is built to cost little beside the parse it reuses:

1. one regular-expression scan of the text finds every number atom (digits, number words, vague
   plurals); an article without numbers costs that scan only;
2. around each atom, anchored regexes read the currency, scale, unit, bounds and hedges from the raw
   text, and join ranges ("between 10 and 20", "$3 billion to $5 billion", "15-22 miles");
3. text patterns (dates, times, phone numbers, addresses) and the tokens next to the number (a proper
   noun before it, a DATE entity, an age beside a name) drop numbers that count nothing;
4. only then is the parse read, and only near the survivors: the noun a bare number counts and the
   counted subject (``counted.py``).

A bare number with nothing of its own ("officially it claims only 500") takes the unit and subject of
the nearest quantity before it in the same sentence ("4000 soldiers in Syria"): news states rival
figures that way, and the comparison stage needs both to read "US soldiers | Syria".
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from newsledger.language.quantities import filters
from newsledger.language.quantities.counted import (
    counted_for_measure,
    counted_for_noun,
    place_of,
    unit_noun,
    unit_phrase,
)
from newsledger.language.quantities.modifiers import change_around, modifiers_after, modifiers_before
from newsledger.language.quantities.numbers import (
    ATOM_RE,
    FRACTIONS,
    SCALE_AFTER_RE,
    parse_digits,
    parse_fraction,
    parse_sci,
    parse_vague,
    parse_words,
    scale_value,
    split_words,
)
from newsledger.language.quantities.units import (
    UnitMatch,
    currency_before,
    currency_suffix,
    rate_after,
    symbol_for,
    unit_after,
)


@dataclass(frozen=True, slots=True)
class QuantityMention:
    """One quantity in an article, with character offsets into its clean text.

    ``value`` is the point value (None for a pure range); ``low``/``high`` hold ranges and bounds ("more
    than 120": low 120, value 120; "between 10 and 20": low 10, high 20, value None). ``direction`` is
    ``=``, ``>`` (lower bound), ``<`` (upper bound) or ``~`` (estimate). ``unit`` is a short symbol or
    the counted noun as written ("%", "USD", "km²", "troops"); ``normalized_unit`` its normalised name
    ("percentage", "dollar", "square kilometre", "troop"). ``counted`` is "WHAT | WHERE". ``change`` is
    "up"/"down" when the number is stated as a change ("rose 8%") rather than a level.
    """

    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    approximate: bool
    direction: str
    unit: str | None
    normalized_unit: str | None
    counted: str | None
    sentence_start: int
    sentence_end: int
    change: str | None = None
    kind: str | None = None
    """What the unit measures: ``count``, ``currency``, ``percent``, ``length``, ``area``, ``time``, ... or
    None for a bare number."""


@dataclass(frozen=True, slots=True)
class ExtractorOptions:
    """The extractor's few policy choices, each a judgement the data can test (see ``eval/quantities``,
    which cross-validates them).

    - ``bare_one``: keep a lone "one" with no noun after it ("only one did the right thing"); mostly a
      pronoun in news, so off.
    - ``vague_ranges``: read "dozens", "hundreds of", "tens of thousands" as ranges (12..120, 100..1000).
    - ``from_to_ranges``: read "from $36,040 at 10.45pm to $34,935" as one range, as NewsQuant does.
    - ``inherit_units``: a bare number takes the unit and subject of its neighbour ("4000 soldiers ...
      only 500").
    """

    bare_one: bool = False
    vague_ranges: bool = True
    from_to_ranges: bool = True
    inherit_units: bool = True


DEFAULT_OPTIONS = ExtractorOptions()


@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    num_start: int
    num_end: int
    raw: float | None
    scale: float
    value: float | None
    atom_kind: str
    atom_text: str
    has_sep: bool
    low: float | None = None
    high: float | None = None
    direction: str = "="
    approximate: bool = False
    unit: str | None = None
    norm: str | None = None
    kind: str | None = None
    currency: bool = False
    is_range: bool = False
    dead: str | None = None
    change: str | None = None
    counted: str | None = None
    open_word: str | None = None
    open_start: int | None = None
    sign: float = 1.0
    tok_i: int = -1
    modifies: bool = False
    """The bare number modifies a word ("sp 500 index"): a name part, so it takes no unit by ellipsis."""


FRACTION_WORDS = frozenset(FRACTIONS)
_MINUS_RE = re.compile(r"(?<![A-Za-z])minus[\s-]*\Z", re.IGNORECASE)
_OPEN_RE = re.compile(r"(?<![A-Za-z])(?P<w>between|from)\s+\Z", re.IGNORECASE)
_FRACTION_OF_SCALE_RE = re.compile(r"\s+of\s+an?\s+(thousand|million|billion|trillion)\b", re.IGNORECASE)
_AGED_RE = re.compile(r"(?<![A-Za-z])(?:aged|ages|age)\s+(?:of\s+)?(?:between\s+|from\s+)?\Z", re.IGNORECASE)
_OF_RE = re.compile(r"\s+of\s+", re.IGNORECASE)
_FRACTION_OF_RE = re.compile(r"\s+of\s+(?:an?\s+)?(?:(?:US|U\.S\.|imperial|metric)\s+)?", re.IGNORECASE)
_CONNECT_RE = re.compile(r"\s*(?:-|–|—|to-?|and|or|through)\s*", re.IGNORECASE)
_SMALL_WORDS = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
    ]
)
_DETERMINERS = frozenset(
    ["the", "each", "every", "this", "that", "no", "any", "which", "another", "whichever", "one's"]
)
_HALF_OK_BEFORE = re.compile(
    r"(?:about|almost|nearly|around|roughly|than|over|under|some|just|only|least|fully|and)\s+\Z",
    re.IGNORECASE,
)


def _atoms(text: str, options: ExtractorOptions = DEFAULT_OPTIONS) -> list[_Cand]:
    """Number atoms with their sign, currency, scale, unit and bounds, before any use of the parse."""
    out: list[_Cand] = []
    consumed = -1
    for m in ATOM_RE.finditer(text):
        s, e = m.span()
        if s < consumed:
            continue
        kind = m.lastgroup or "digits"
        atom_text = m.group()
        raw: float | None
        low = high = None
        if kind == "digits":
            raw = parse_digits(atom_text)
        elif kind == "frac":
            raw = parse_fraction(atom_text)
            kind = "fraction"
        elif kind == "vulgar":
            raw = parse_digits(atom_text)
            kind = "fraction"
        elif kind == "sci":
            raw = parse_sci(atom_text)
            kind = "digits"
        elif kind == "vague":
            if not options.vague_ranges:
                continue
            low, high = parse_vague(atom_text)
            raw = None
        else:
            ws = split_words(atom_text)
            raw = parse_words(ws)
            if raw is None and len(ws) > 1 and ws[0].lower() in {"a", "an"}:
                # "a five per cent rise": the article is not part of the number
                s += len(ws[0]) + 1
                while text[s].isspace():
                    s += 1
                atom_text = text[s:e]
                ws = ws[1:]
                raw = parse_words(ws)
            if raw is None:
                if [w.lower() for w in ws] != ["half"]:
                    continue
                after = text[e : e + 4].lower()
                lead = text[max(0, s - 12) : s]
                opening = not lead.strip() or lead.rstrip()[-1] in '.,;:("“'
                if not (_HALF_OK_BEFORE.search(lead) or (opening and after.startswith(" of"))):
                    continue  # "the second half of the year" is a period, not a share
                raw = 0.5
            if ws[-1].lower() in FRACTION_WORDS:
                if re.match(r"-[A-Za-z]", text[e : e + 2]):
                    continue  # "a third-party", "quarter-final", "half-time"
                sm = _FRACTION_OF_SCALE_RE.match(text, e)
                if sm is not None and raw is not None:
                    raw *= scale_value(sm.group(1)) or 1.0  # "a quarter of a million" is 250,000
                    e = sm.end()
                    atom_text = text[s:e]
                elif raw < 1:
                    kind = "fraction"
        if raw is None and kind != "vague":
            continue
        cand = _Cand(
            start=s,
            end=e,
            num_start=s,
            num_end=e,
            raw=raw,
            scale=1.0,
            value=raw,
            atom_kind=kind,
            atom_text=atom_text,
            has_sep="," in atom_text or "." in atom_text,
            low=low,
            high=high,
        )
        _read_around(text, cand)
        consumed = cand.end
        out.append(cand)
    return out


def _read_around(text: str, c: _Cand) -> None:
    """Sign, currency, scale, unit and bounds written around one atom (raw text only)."""
    s = c.num_start
    if c.atom_kind in {"digits", "fraction"}:
        if (
            s > 0
            and text[s - 1] in "-−"
            and (s == 1 or text[s - 2] in " \t\n($£€¥(")
            and not (s > 2 and text[s - 2] == " " and text[s - 3].isupper())
        ):
            c.sign = -1.0
            s -= 1
        else:
            mm = _MINUS_RE.search(text, max(0, s - 8), s)
            if mm is not None:
                c.sign = -1.0
                s = mm.start()
    cur = currency_before(text, s)
    if cur is not None:
        c.currency = True
        s = cur.start
    c.start = s
    pos = c.num_end
    if c.atom_kind in {"digits", "words"}:
        for _ in range(3):
            sm = SCALE_AFTER_RE.match(text, pos)
            if sm is None:
                break
            word = sm.group("scale")
            sep = sm.group("sep")
            if len(word) == 1:
                if sep or not _single_letter_scale(word, text, sm.end(), currency=c.currency):
                    break
            elif c.atom_kind == "words" and word.lower() in {"k", "m", "b"}:
                break
            value = scale_value(word)
            if value is None:
                break
            c.scale *= value
            pos = sm.end()
    c.num_end = pos
    if c.raw is not None:
        c.value = c.sign * c.raw * c.scale
    if c.low is not None and c.high is not None:
        c.low, c.high = c.low * c.scale, c.high * c.scale
    end = pos
    if cur is not None:
        end = currency_suffix(text, end)
        norm = cur.normalized
        rate = rate_after(text, end)
        if rate is not None:
            norm = f"{norm} per {rate[0]}"
            end = rate[1]
        _set_unit(c, norm, "currency")
    else:
        probe = end
        if c.atom_kind == "vague":
            om = _OF_RE.match(text, end)
            if om is not None:
                probe = om.end()
        elif c.atom_kind == "fraction":
            om = _FRACTION_OF_RE.match(text, end)
            if om is not None:
                probe = om.end()
        u = unit_after(text, probe)
        if u is None:
            direction, after_plus = modifiers_after(text, probe)
            if direction == ">":
                u = unit_after(text, after_plus)  # "15-plus years", "20+ countries"
                if u is not None:
                    c.direction = ">"
        if u is None and _AGED_RE.search(text, max(0, c.start - 20), c.start):
            u = UnitMatch(start=end, end=end, surface="", normalized="year of age", kind="age")
        if u is not None:
            u = _resolve_pound(u, c)
            _set_unit(c, u.normalized, u.kind)
            c.currency = u.kind == "currency"
            end = u.end
    direction, after_end = modifiers_after(text, end)
    if direction is not None:
        c.direction = direction
        c.approximate = c.approximate or direction == "~"
        if direction == "~":
            c.direction = "~"
        end = after_end
    c.end = end


def _single_letter_scale(word: str, text: str, after: int, *, currency: bool) -> bool:
    """ "$5m", "PS2.7m", "4.3M sales" are millions; "37m" and "1.8m tall" are metres."""
    nxt = text[after : after + 1]
    if nxt.isalpha():
        return False
    return currency or word in {"M", "k", "K"}


def _resolve_pound(u: UnitMatch, c: _Cand) -> UnitMatch:
    """ "208 pounds" weighs; "5 million pounds" is money."""
    if u.normalized.startswith("pound-mass") and u.surface.lower().startswith("pound") and c.scale >= 1e6:
        return UnitMatch(
            u.start, u.end, u.surface, u.normalized.replace("pound-mass", "pound sterling", 1), "currency"
        )
    return u


def _set_unit(c: _Cand, norm: str, kind: str) -> None:
    c.norm = norm
    c.unit = symbol_for(norm)
    c.kind = kind


def _apply_before(text: str, c: _Cand) -> None:
    mod = modifiers_before(text, c.start)
    if mod.direction != "=" and c.direction == "=":
        c.direction = mod.direction
    if mod.approximate:
        c.approximate = True
        if c.direction == "=":
            c.direction = "~"
    c.start = mod.start
    om = _OPEN_RE.search(text, max(0, c.start - 10), c.start)
    if om is not None:
        c.open_word = om.group("w").lower()
        c.open_start = om.start()
        outer = modifiers_before(text, om.start())
        if outer.approximate:
            c.approximate = True
            c.direction = "~"
        c.open_start = outer.start


def _in_spans(spans: list[tuple[int, int, str]], starts: list[int], a: int, b: int) -> str | None:
    i = bisect.bisect_right(starts, b) - 1
    while i >= 0:
        s, e, reason = spans[i]
        if e > a and s < b:
            return reason
        if e <= a and i > 0 and spans[i - 1][1] <= a and s < a - 200:
            break
        i -= 1
    return None


def _text_filters(text: str, cands: list[_Cand]) -> None:
    spans = filters.excluded_spans(text, [(c.num_start, c.num_end) for c in cands])
    starts = [s for s, _e, _r in spans]
    for c in cands:
        reason = _in_spans(spans, starts, c.num_start, c.num_start + len(c.atom_text))
        if reason is not None and not (c.kind is not None and reason in {"phone number"}):
            c.dead = reason
            continue
        if (
            c.atom_kind == "words"
            and c.num_start > 1
            and text[c.num_start - 1] == "-"
            and text[c.num_start - 2].isalpha()
        ):
            c.dead = "compound word"  # "high-five", "Catch-twenty"
            continue
        if c.atom_kind in {"digits", "fraction"}:
            if filters.glued_identifier(text, c.num_start, c.num_end) and not c.currency and c.sign > 0:
                c.dead = "identifier"
            elif c.unit is None and filters.ordinal_suffix(text, c.num_end):
                c.dead = "ordinal"
            elif filters.version_like(text, c.num_end) or (
                c.unit is None and c.end < len(text) and (text[c.end].isalpha() or text[c.end] == "_")
            ):
                c.dead = "code"
            elif (
                c.unit is None
                and not c.currency
                and filters.year_shaped(c.atom_text, c.raw)
                and _YEAR_BEFORE_RE.search(text, max(0, c.start - 12), c.start)
            ):
                c.dead = "year"
            elif c.unit is None and not c.currency and filters.numbered_name(text, c.start):
                c.dead = "identifier"  # "Resolution 2254", "no. 1", "category 4"


def _compatible(a: _Cand, b: _Cand) -> bool:
    """Two ends of one range: same unit, one end without unit, or one a rate of the other ("$62" and
    "$68 per share")."""
    if a.norm is None or b.norm is None or a.norm == b.norm:
        return True
    return a.norm.startswith(b.norm + " per ") or b.norm.startswith(a.norm + " per ")


def _join_range(text: str, a: _Cand, b: _Cand, *, start: int) -> _Cand:
    """Make ``a`` the range from ``a`` to ``b`` (units, currency and scale shared between the ends)."""
    if a.scale == 1.0 and b.scale != 1.0 and a.raw is not None and b.raw is not None and a.raw <= b.raw:
        a.scale = b.scale
        a.value = a.sign * a.raw * a.scale
    if a.norm is None or (b.norm is not None and len(b.norm) > len(a.norm)):
        a.norm, a.unit, a.kind, a.currency = b.norm, b.unit, b.kind, b.currency
    lo = a.value if a.value is not None else a.low
    hi = b.value if b.value is not None else b.high
    if lo is not None and hi is not None:
        a.low, a.high = min(lo, hi), max(lo, hi)
        a.value = None
    a.is_range = True
    a.start = start
    a.end = b.end
    a.num_end = b.num_end
    a.approximate = a.approximate or b.approximate
    a.direction = "~" if a.approximate else "="
    b.dead = "merged"
    return a


def _merge_ranges(text: str, cands: list[_Cand], *, from_to: bool = True) -> None:
    """Join "X-Y", "X to Y", "between X and Y", "X or Y" (small counts), "one in three", then "from X ...
    to Y" over a few words; a descending "2-0" with no unit is a score and two years a period."""
    live = [c for c in cands if c.dead is None]
    i = 0
    while i < len(live) - 1:
        a, b = live[i], live[i + 1]
        gap = text[a.end : b.start]
        if _RATIO_GAP_RE.fullmatch(gap) and _is_ratio(a, b):
            a.value = (a.value or 0.0) / (b.value or 1.0)
            a.atom_kind = "fraction"
            a.end = b.end
            b.dead = "merged"
            live.pop(i + 1)
            continue
        if not (_CONNECT_RE.fullmatch(gap) and _compatible(a, b) and not a.is_range and not b.is_range):
            i += 1
            continue
        word = gap.strip().lower()
        word = word[:-1].strip() if len(word) > 1 and word.endswith("-") else word
        years = (
            a.unit is None
            and b.unit is None
            and filters.year_shaped(a.atom_text, a.raw)
            and filters.year_shaped(b.atom_text, b.raw)
        )
        ascending = a.value is not None and b.value is not None and a.value < b.value
        if word == "and":
            ok = a.open_word == "between"
        elif word == "or":
            ok = (
                a.value is not None
                and b.value is not None
                and a.value < b.value <= 100
                and a.norm is None
                and b.atom_kind == a.atom_kind
            )
        elif a.norm is not None and b.norm is None:
            ok = a.open_word in {"from", "between"}
        else:
            ok = True
        if (
            ok
            and word in {"to", "through"}
            and a.open_word is None
            and a.norm is not None
            and _BY_BEFORE_RE.search(text, 0, a.start)
        ):
            ok = False  # "increased by $43.6 billion to $419.2 billion": a change, then a level
        if not ok:
            i += 1
            continue
        if years:
            a.dead = b.dead = "date"
            i += 2
            continue
        if (
            word in {"-", "–", "—"}
            and not ascending
            and a.unit is None
            and b.unit is None
            and a.open_word != "from"
        ):
            a.dead = b.dead = "score"
            i += 2
            continue
        start = a.open_start if a.open_word and a.open_start is not None else a.start
        _join_range(text, a, b, start=start)
        live.pop(i + 1)
    i = 0
    while from_to and i < len(live) - 1:
        a = live[i]
        if a.open_word == "from" and not a.is_range:
            _join_from_to(text, live, i)
        i += 1


def _is_ratio(a: _Cand, b: _Cand) -> bool:
    """ "one in three", "nine out of 10": a share, when both are small whole numbers without units."""
    return (
        a.unit is None
        and b.unit is None
        and not a.currency
        and a.value is not None
        and b.value is not None
        and a.value == int(a.value)
        and b.value == int(b.value)
        and 0 < a.value < b.value <= 1000
        and a.value <= 100
    )


_YEAR_BEFORE_RE = re.compile(
    r"(?<![A-Za-z])(?:in|since|until|till|during|circa|before|after|by)\s+\Z", re.IGNORECASE
)
_BY_BEFORE_RE = re.compile(r"(?<![A-Za-z])by\s+\Z", re.IGNORECASE)
_RATIO_GAP_RE = re.compile(r"\s+(?:(?:out\s+of|in)(?:\s+every)?|of\s+every)\s+", re.IGNORECASE)
_FORWARD_GAP_RE = re.compile(
    r"\s+(?:out\s+of\s+|of\s+)(?:the\s+|a\s+|an\s+)?|\s*,\s*|\s*,?\s+(?:and|or|nor)\s+", re.IGNORECASE
)
""""280 million of the 1.5 billion shekels", "27 and 29 years old", "5, 10 and 15 percent": a bare
number takes the unit of the quantity right after it."""
_TO_BEFORE_RE = re.compile(r"(?<![A-Za-z])to\s+\Z", re.IGNORECASE)


def _join_from_to(text: str, live: list[_Cand], i: int) -> bool:
    """ "from $36,040 at 10.45pm last night to $34,935": a range over a few words in between."""
    a = live[i]
    for j in range(i + 1, min(i + 3, len(live))):
        b = live[j]
        gap = text[a.end : b.start]
        if len(gap) > 60 or re.search(r"[;:!?]|\.\s|\bfrom\b", gap):
            return False
        if b.is_range or not _compatible(a, b) or not _TO_BEFORE_RE.search(gap):
            continue
        if a.unit is None and filters.year_shaped(a.atom_text, a.raw) and b.unit is not None:
            return False  # "from 1987, to HK$10.05 billion": a year, then an amount
        if j != i + 1 and any(x.dead is None for x in live[i + 1 : j]):
            return False
        start = a.open_start if a.open_start is not None else a.start
        _join_range(text, a, b, start=start)
        del live[j]
        return True
    return False


class _DocIndex:
    """Token and sentence lookup by character offset, built once per article that has numbers.

    Offsets and sentence starts are read as arrays in one call each: ``Token.sent`` walks the document
    on every call and would cost more than the rest of the extractor together.
    """

    def __init__(self, doc: Any, text: str) -> None:
        from spacy.attrs import IDX, SENT_START

        self.doc = doc
        self.text = text  # ``Doc.text`` joins every token again on each access
        self.has_parse = bool(doc.has_annotation("DEP"))
        has_sents = self.has_parse or bool(doc.has_annotation("SENT_START"))
        arr = doc.to_array([IDX, SENT_START])
        self.starts: list[int] = arr[:, 0].tolist()
        self.sent_starts: list[int] = (
            [i for i, v in enumerate(arr[:, 1].tolist()) if v == 1] if has_sents else []
        )
        if not self.sent_starts or self.sent_starts[0] != 0:
            self.sent_starts.insert(0, 0)

    def token_at(self, char: int) -> Any:
        i = bisect.bisect_right(self.starts, char) - 1
        return self.doc[max(i, 0)]

    def tokens_in(self, a: int, b: int) -> list[Any]:
        i = max(bisect.bisect_right(self.starts, a) - 1, 0)
        j = bisect.bisect_left(self.starts, b)
        return [self.doc[k] for k in range(i, max(j, i + 1))]

    def sentence(self, tok: Any, a: int, b: int) -> tuple[int, int]:
        """Character span of the sentence holding ``tok``, cut at paragraph breaks like the sentence
        records of the language stage, and trimmed."""
        text = self.text
        k = bisect.bisect_right(self.sent_starts, tok.i) - 1
        first = self.sent_starts[k]
        last = (self.sent_starts[k + 1] if k + 1 < len(self.sent_starts) else len(self.doc)) - 1
        s = self.starts[first]
        e = self.starts[last] + len(self.doc[last].text)
        cut = text.rfind("\n\n", s, a)
        if cut != -1:
            s = cut + 2
        cut = text.find("\n\n", b, e)
        if cut != -1:
            e = cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        return s, e


def _token_filters(ix: _DocIndex, text: str, c: _Cand, options: ExtractorOptions = DEFAULT_OPTIONS) -> None:
    """Drop numbers that name rather than count, and find the noun a bare number counts."""
    doc = ix.doc
    tok = ix.token_at(c.num_start)
    prev = doc[tok.i - 1] if tok.i > 0 else None
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    bare = c.unit is None and not c.currency
    if c.atom_kind == "words" and not c.is_range:
        first_word = c.atom_text.split()[0]
        if (
            first_word[:1].isupper()
            and prev is not None
            and prev.tag_ in {"NNP", "NNPS"}
            and not tok.is_sent_start
        ):
            c.dead = "name"  # "BBC One", "Formula One"
            return
        if bare and first_word.lower() in _SMALL_WORDS and tok.tag_ != "CD" and tok.pos_ != "NUM":
            c.dead = "not a numeral"
            return
    last = ix.token_at(max(c.num_end - 1, c.num_start))
    noun = None
    if bare and c.atom_kind != "fraction" and ix.has_parse:
        for num_tok in (last, tok) if c.is_range else (last,):
            # "between 10 and 20 soldiers": the parse may hang the noun on either end
            found = unit_noun(num_tok, after_char=c.num_end)
            if found is not None and found[1].idx >= c.num_end:
                noun = found
                break
    if c.atom_kind == "words" and c.atom_text.lower() == "one" and noun is None:
        after_one = nxt.lower_ if nxt is not None else ""
        if (
            not options.bare_one
            or (prev is not None and (prev.lower_ in _DETERMINERS or prev.tag_ in {"JJ", "JJR", "JJS"}))
            or after_one in {"another", "'s", "’s"}
            or (nxt is not None and nxt.like_num)
        ):
            c.dead = "pronoun"  # "each one", "the same one", "only one did": no noun, nothing counted
            return
    plain_int = c.atom_kind == "digits" and c.raw is not None and c.raw == int(c.raw) and not c.has_sep
    if bare and plain_int and not c.is_range:
        if (
            filters.proper_name_before(doc, tok)
            or filters.age_apposition(doc, tok)
            or filters.named_by_child(tok)
        ):
            c.dead = "name"
            return
        if filters.proper_name_after(doc, tok) or (noun is not None and _proper_first(noun[0])):
            c.dead = "name"  # "787 Dreamliner", "90049 ZIP Code", "737 Max jets"
            return
    year = filters.year_shaped(c.atom_text, c.raw) and bare and not c.is_range
    if year:
        hedged = c.direction != "=" or c.approximate
        plural_noun = noun is not None and noun[1].tag_ in {"NNS", "NNPS"}
        owned = prev is not None and (
            prev.tag_ in {"POS", "PRP$", "DT"} or prev.lower_ in {"the", "this", "that"}
        )
        if owned and not hedged:
            c.dead = "year"  # "Trump's 1995 tax filings", "the 2016 elections"
            return
        if not (plural_noun and (hedged or tok.ent_type_ != "DATE")) and (
            noun is None or filters.year_context(doc, tok)
        ):
            c.dead = "year"
            return
    if bare and noun is None and plain_int and not c.is_range:
        if (tok.dep_ == "compound" and tok.head.pos_ == "PROPN") or filters.title_case_name(doc, tok):
            c.dead = "name"
            return
        if filters.in_date_entity(tok) and c.direction == "=" and not c.approximate:
            c.dead = "date"
            return
    if noun is not None:
        first, head = noun
        surface, norm = unit_phrase(first, head)
        lexical = unit_after(text, head.idx - 1) if head.idx > 0 and head.text.islower() else None
        if lexical is not None and lexical.start == head.idx and lexical.kind != "currency":
            # "517 rushing yards", "50 previous years": a unit of measure behind adjectives
            c.unit, c.norm, c.kind = symbol_for(lexical.normalized), lexical.normalized, lexical.kind
            c.end = max(c.end, lexical.end)
            return
        if surface:
            c.unit, c.norm, c.kind = surface, norm, "count"
            c.end = max(c.end, head.idx + len(head.text))
            rate = rate_after(text, c.end)
            if rate is not None:
                c.norm = f"{c.norm} per {rate[0]}"
                c.unit = f"{c.unit} per {rate[0]}"
                c.end = rate[1]
            ids = frozenset(t.i for t in ix.tokens_in(c.start, c.num_end))
            c.counted = counted_for_noun(head, exclude=ids)
            return
    c.modifies = last.dep_ in {"compound", "nmod"}
    c.tok_i = last.i
    if ix.has_parse:
        span = ix.tokens_in(c.num_start, c.end)
        after_tok = ix.token_at(c.end)
        while (after_tok.idx < c.end or after_tok.is_space) and after_tok.i + 1 < len(doc):
            after_tok = doc[after_tok.i + 1]  # spaCy makes a token of a no-break space
        after = after_tok if after_tok.idx >= c.end else None
        c.counted = counted_for_measure(span, after=after)


def _proper_first(tok: Any) -> bool:
    """A count noun phrase that starts with a singular proper noun is a name ("737 Max jets")."""
    return bool(tok.tag_ == "NNP" and tok.ent_type_ not in {"NORP", "GPE"})


def _inherit(
    text: str, mentions: list[_Cand], sentence_of: dict[int, tuple[int, int]], doc: Any | None = None
) -> None:
    """A bare number takes the unit and subject of the quantity it stands beside in its sentence."""
    for k, c in enumerate(mentions):
        if c.unit is not None or c.atom_kind == "fraction" or c.modifies:
            continue
        sent = sentence_of[id(c)]
        source = None
        # "280 million of the 1.5 billion shekels": the one after, joined by "of"
        if k + 1 < len(mentions) and sentence_of[id(mentions[k + 1])] == sent:
            nxt = mentions[k + 1]
            if nxt.unit is not None and _FORWARD_GAP_RE.fullmatch(text[c.end : nxt.start]):
                source = nxt
        # "rose 8.15% to 3.65": a level after "to"/"at" is not another percentage or amount of money
        level = re.search(r"\b(?:to|at)\s*\Z", text[max(sent[0], c.start - 6) : c.start].lower()) is not None
        if source is None:
            for j in range(k - 1, -1, -1):
                prev = mentions[j]
                if sentence_of[id(prev)] != sent:
                    break
                if prev.unit is None or (level and prev.kind in {"percent", "currency"}):
                    continue
                if prev.kind == "percent" and c.value is not None and abs(c.value) > 100:
                    continue  # "15 percent over the limit of 10,000": not a percentage
                source = prev
                break
        if source is None:
            continue
        c.unit, c.norm, c.kind = source.unit, source.norm, source.kind
        if c.counted is None or source.kind == "count":
            c.counted = source.counted
            own_place = place_of(doc[c.tok_i]) if doc is not None and c.tok_i >= 0 else None
            if own_place and c.counted:
                # "about 2,500 troops in Iraq and 900 in Syria": the same subject, another place
                c.counted = f"{c.counted.split(' | ')[0]} | {own_place}"


def extract_quantities(
    doc: Any, *, article_id: str, text: str | None = None, options: ExtractorOptions = DEFAULT_OPTIONS
) -> list[QuantityMention]:
    """The quantities of one article, in text order.

    ``doc`` is the spaCy parse of the article's clean text (its character offsets are offsets into that
    text). ``article_id`` is accepted so that the signature matches the other language-stage
    extractors; the mentions carry offsets only, and the caller turns them into ledger records. Pass
    ``text`` (the same clean text) when you have it: ``Doc.text`` rebuilds the string token by token,
    which costs as much as the whole extraction of a typical article.
    """
    del article_id  # the caller attaches ids; kept for a uniform stage signature
    if text is None:
        text = str(doc.text)
    elif len(doc) and doc[-1].idx + len(doc[-1].text_with_ws) != len(text):
        raise ValueError("text is not the text the doc was parsed from")
    cands = _atoms(text, options)
    if not cands:
        return []
    for c in cands:
        _apply_before(text, c)
    _text_filters(text, cands)
    _merge_ranges(text, cands, from_to=options.from_to_ranges)
    live = [c for c in cands if c.dead is None]
    if not live:
        return []
    ix = _DocIndex(doc, text)
    for c in live:
        _token_filters(ix, text, c, options)
    live = [c for c in live if c.dead is None]
    sentence_of: dict[int, tuple[int, int]] = {}
    for c in live:
        sentence_of[id(c)] = ix.sentence(ix.token_at(c.num_start), c.start, c.end)
    if options.inherit_units:
        _inherit(text, live, sentence_of, doc if ix.has_parse else None)
    out = []
    for c in live:
        if c.value is None and c.low is None and c.high is None:
            continue
        low, high = c.low, c.high
        if not c.is_range and c.value is not None:
            if c.direction == ">":
                low, high = c.value, None
            elif c.direction == "<":
                low, high = None, c.value
        sent = sentence_of[id(c)]
        change = change_around(text, c.start, c.end)
        end = c.end
        if (
            end < len(text)
            and text[end] in "”\"’'»"
            and text.count("“", c.start, end) + text.count('"', c.start, end) % 2
        ):
            end += 1  # "some 20,000 Syrian “rebels”": keep the quote that closes inside the span
        out.append(
            QuantityMention(
                start=c.start,
                end=end,
                text=text[c.start : end],
                value=c.value,
                low=low,
                high=high,
                approximate=c.approximate,
                direction=c.direction,
                unit=c.unit,
                normalized_unit=c.norm,
                counted=c.counted,
                sentence_start=sent[0],
                sentence_end=sent[1],
                change=change,
                kind=c.kind,
            )
        )
    return out


def quantities_in_text(
    nlp: Any, text: str, *, options: ExtractorOptions = DEFAULT_OPTIONS
) -> list[QuantityMention]:
    """Parse ``text`` with ``nlp`` and extract its quantities: the plain-text API used by evaluation."""
    return extract_quantities(nlp(text), article_id="", text=text, options=options)
