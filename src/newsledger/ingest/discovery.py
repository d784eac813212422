"""Turn command-line PATHs (files, folders, globs) into a stream of input units.

Discovery runs in the main process: it stats, reads and splits files. Size limits are checked before
reading so a huge file costs nothing. Inputs that hold many articles are split here, one unit each, so
that one broken part is one skip and every other part goes on: JSON Lines (one unit a line), WARC
archives (one a saved HTML page, streamed; see ``warc``), RSS and Atom feeds (one an entry; see
``feeds``) and URL lists (one a fetched page; see ``fetch``). Their units are ``json_record`` units,
so metadata the container states (a URL, a title, a date) reaches the article.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsledger.errors import InputNotFoundError, SkipCode
from newsledger.ingest.feeds import feed_units
from newsledger.ingest.fetch import Fetcher
from newsledger.ingest.formats import (
    WARC_HEAD_BYTES,
    looks_like_feed,
    looks_like_json_records,
    looks_like_warc,
    url_list,
)
from newsledger.ingest.units import InputUnit, Rejected
from newsledger.ingest.warc import warc_units
from newsledger.records import Skip

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""Largest single input read (20 MiB). News pages are rarely over 2 MiB; larger files are dumps or
mistakes, and reading them whole would make memory grow with the corpus."""

MAX_JSON_LINE_BYTES = 20 * 1024 * 1024


def expand_paths(paths: Iterable[str]) -> list[Path]:
    """Files named by ``paths``: a file, a folder (recursive, hidden entries skipped) or a glob; sorted."""
    found: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found.extend(_walk(p))
        elif p.is_file():
            found.append(p)
        elif any(ch in raw for ch in "*?["):
            matches = sorted(glob.glob(raw, recursive=True))
            for m in matches:
                mp = Path(m)
                found.extend(_walk(mp) if mp.is_dir() else [mp] if mp.is_file() else [])
            if not matches:
                raise InputNotFoundError(f"the pattern {raw!r} matches no file.", hint="check the quoting")
        else:
            raise InputNotFoundError(f"no file or folder at {raw!r}.")
    seen: set[Path] = set()
    unique = []
    for f in found:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def _walk(folder: Path) -> list[Path]:
    files: list[Path] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files.extend(Path(root) / n for n in sorted(names) if not n.startswith("."))
    return files


def iter_units(
    paths: Iterable[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetcher: Fetcher | None = None,
    fetch: bool = True,
) -> Iterator[InputUnit | Rejected]:
    """Yield one unit per would-be article, or a ``Rejected`` carrying the reason it cannot be one.

    ``fetcher`` fetches the pages of URL lists; one is made for the run when none is given, so its
    per-host delay spans every list of the run.
    """
    fetcher = fetcher or Fetcher()
    for path in expand_paths(paths):
        yield from units_from_file(path, max_bytes=max_bytes, fetcher=fetcher, fetch=fetch)


def units_from_file(
    path: Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fetcher: Fetcher | None = None,
    fetch: bool = True,
) -> Iterator[InputUnit | Rejected]:
    """The units of one file, its format told by its content: WARC, feed, URL list, JSON records, or
    one unit for the read stage to detect (text, Markdown, HTML, or a binary file to skip). A
    gzip-compressed file that is not a WARC is inflated (within ``max_bytes``) and read the same way.

    A WARC is checked for first, on the file's first bytes, because it is streamed whatever its size
    and because a ``.warc.gz`` would otherwise look like gzip data, a ``binary`` skip.
    """
    source = str(path)
    try:
        size = path.stat().st_size
        data = path.read_bytes() if size <= max_bytes else _head(path)
    except OSError as exc:
        yield _reject(source, SkipCode.UNREADABLE, f"cannot read the file: {exc.strerror or exc}", "oserror")
        return
    if looks_like_warc(data[:WARC_HEAD_BYTES]):
        yield from warc_units(path, max_bytes=max_bytes)
    elif size > max_bytes:
        reason = (
            f"{size / 1_048_576:.1f} MiB is over the {max_bytes / 1_048_576:.0f} MiB limit for one "
            "input; split it, or raise --max-bytes"
        )
        yield _reject(source, SkipCode.TOO_LARGE, reason, f"size:{size}")
    elif data.startswith(GZIP_MAGIC):
        # One compressed document (``page.html.gz``, as benchmarks and mirrors store pages): read what
        # it holds as if it were the file itself.
        inner = _gunzip(source, data, max_bytes)
        if isinstance(inner, Rejected):
            yield inner
        else:
            yield from _units_from_bytes(source, inner, max_bytes=max_bytes, fetcher=fetcher, fetch=fetch)
    else:
        yield from _units_from_bytes(source, data, max_bytes=max_bytes, fetcher=fetcher, fetch=fetch)


def _units_from_bytes(
    source: str, data: bytes, *, max_bytes: int, fetcher: Fetcher | None, fetch: bool
) -> Iterator[InputUnit | Rejected]:
    """The units of a file's whole content, once it is known not to be a WARC."""
    if looks_like_feed(data):
        yield from feed_units(source, data)
    elif (urls := url_list(data)) is not None:
        if fetch:
            yield from (fetcher or Fetcher()).units(urls, max_bytes=max_bytes)
        else:
            for url in urls:
                reason = f"listed in {source}, and fetching is off (--no-fetch)"
                yield _reject(url, SkipCode.FETCH_DISABLED, reason, _hash(url.encode()))
    elif looks_like_json_records(data):
        yield from _json_record_units(source, data)
    else:
        yield InputUnit(source=source, data=data)


GZIP_MAGIC = b"\x1f\x8b"


def _gunzip(source: str, data: bytes, max_bytes: int) -> bytes | Rejected:
    """The content of a gzip-compressed file, or why it cannot be read; never more than ``max_bytes``,
    so a small file that inflates to gigabytes (a "zip bomb") is refused, not unpacked."""
    inflater = zlib.decompressobj(wbits=31)
    try:
        content = inflater.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        return _reject(
            source, SkipCode.UNREADABLE, f"gzip-compressed, but the data is corrupt: {exc}", _hash(data)
        )
    if len(content) > max_bytes:
        reason = (
            f"gzip-compressed, and it inflates to over the {max_bytes / 1_048_576:.0f} MiB limit for one "
            "input; split it, or raise --max-bytes"
        )
        return _reject(source, SkipCode.TOO_LARGE, reason, _hash(data))
    if not inflater.eof:
        return _reject(
            source,
            SkipCode.UNREADABLE,
            "gzip-compressed, but the data ends early: the file is truncated",
            _hash(data),
        )
    return content


def _head(path: Path) -> bytes:
    """The first bytes of a file too large to read whole: enough to tell whether it is a WARC."""
    with path.open("rb") as fh:
        return fh.read(WARC_HEAD_BYTES)


def _json_record_units(source: str, data: bytes) -> Iterator[InputUnit | Rejected]:
    """A JSON array of article objects, one object, or JSON Lines: one unit per article object."""
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    if body.lstrip().startswith(b"["):
        try:
            items = json.loads(body)
        except (ValueError, UnicodeDecodeError) as exc:
            yield _reject(source, SkipCode.MALFORMED_JSON, f"not valid JSON: {exc}", _hash(data))
            return
        if not isinstance(items, list):
            yield _reject(source, SkipCode.MALFORMED_JSON, "expected a list of article objects", _hash(data))
            return
        for i, item in enumerate(items, start=1):
            yield InputUnit(source=f"{source}:{i}", data=json.dumps(item).encode(), fmt="json_record")
        return
    for lineno, line in enumerate(body.splitlines(), start=1):
        if not line.strip():
            continue
        if len(line) > MAX_JSON_LINE_BYTES:
            yield _reject(
                f"{source}:{lineno}", SkipCode.TOO_LARGE, "JSON line over the size limit", _hash(line)
            )
            continue
        yield InputUnit(source=f"{source}:{lineno}", data=line, fmt="json_record")


def _reject(source: str, code: SkipCode, reason: str, key: str) -> Rejected:
    return Rejected(skip=Skip(source=source, code=code.value, reason=reason), data_hash=key)


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]
