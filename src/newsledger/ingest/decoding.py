"""Bytes to text with the encoding detected, not assumed.

Order of evidence: a byte-order mark, then strict UTF-8 (by far the commonest, and it almost never
decodes text that is not UTF-8), then an HTML ``charset`` declaration, then statistical detection.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from newsledger.errors import SkipCode, SkipInput

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes) -> tuple[str, str]:
    """Return the text and the name of the encoding it was read with."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "ignore").lower()
        try:
            return data.decode(name), name
        except (LookupError, UnicodeDecodeError):
            pass
    western = _western_8bit(data)
    if western is not None:
        return western, "cp1252"
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding), best.encoding
        except (LookupError, UnicodeDecodeError):
            pass
    # Latin-1 maps every byte, so it is the honest last resort for 8-bit Western text; but if the bytes
    # are mostly outside printable Latin-1 the input is not text we can read.
    printable = sum(1 for b in data if b >= 0xA0 or 32 <= b < 127 or b in (9, 10, 13))
    if printable / max(len(data), 1) > 0.95:
        return data.decode("latin-1"), "latin-1"
    raise SkipInput(
        SkipCode.UNDECODABLE, "no text encoding fits these bytes (tried UTF-8, declared, detected)"
    )


def _western_8bit(data: bytes) -> str | None:
    """Windows-1252 text, when the bytes look like it: mostly ASCII words with scattered accents and
    typographic quotes. Statistical detectors misjudge such short texts; scripts written wholly in high
    bytes (Cyrillic, Greek, Arabic code pages) fail the ratio test and go to the detector instead."""
    sample = data[:200_000]
    high = sum(1 for b in sample if b >= 0x80)
    letters = sum(1 for b in sample if 65 <= b <= 90 or 97 <= b <= 122)
    if not high or high > 0.15 * max(letters, 1):
        return None
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None
