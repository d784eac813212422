"""The outlet registry: which names, web domains, aliases and slogans belong to which news outlet.

Scraped text rarely says "published by X" outright; it shows a domain in a footer, an alias ("Rudaw
English"), or a masthead slogan. The registry turns those into one canonical outlet name. It ships as
``data/outlets.tsv`` and users extend or correct it with their own files of the same format, named in
``NEWSLEDGER_OUTLETS`` (several paths separated by the OS path separator); their rows are read after the
packaged ones, so they add outlets, and a domain, alias or slogan they list wins over the packaged mapping.

File format: UTF-8, tab-separated ``name, domains, aliases, taglines``; list cells separated by ``|``;
empty cells allowed; lines starting with ``#`` and blank lines ignored.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from newsledger.metadata.names import name_key

ENV_VAR = "NEWSLEDGER_OUTLETS"
_MIN_CONTAINED_TAGLINE_WORDS = 4


@dataclass(frozen=True, slots=True)
class Outlet:
    """One outlet: its canonical name and the domains, aliases and slogans that identify it."""

    name: str
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    taglines: tuple[str, ...] = ()


class OutletRegistry:
    """Look-ups from a domain, a name or alias, or a slogan to the canonical outlet.

    Built once per process (see ``default_registry``); every look-up is a dictionary access.
    """

    def __init__(self, outlets: Iterable[Outlet]) -> None:
        merged: dict[str, Outlet] = {}
        for outlet in outlets:
            key = name_key(outlet.name)
            old = merged.get(key)
            if old is not None:
                outlet = Outlet(
                    old.name,
                    _union(old.domains, outlet.domains),
                    _union(old.aliases, outlet.aliases),
                    _union(old.taglines, outlet.taglines),
                )
            merged[key] = outlet
        self._outlets = tuple(merged.values())
        self._by_domain: dict[str, Outlet] = {}
        self._by_name: dict[str, Outlet] = {}
        self._by_tagline: dict[str, Outlet] = {}
        # Canonical names are indexed last so that no alias of another outlet can shadow one.
        for outlet in self._outlets:
            for domain in outlet.domains:
                self._by_domain[_host(domain)] = outlet
            for alias in (*outlet.aliases, *outlet.domains):
                if key := _index_key(alias):
                    self._by_name[key] = outlet
            for tagline in outlet.taglines:
                if key := name_key(tagline):
                    self._by_tagline[key] = outlet
        for outlet in self._outlets:
            self._by_name[_index_key(outlet.name)] = outlet
        self._long_taglines = tuple(
            (key, outlet)
            for key, outlet in self._by_tagline.items()
            if len(key.split()) >= _MIN_CONTAINED_TAGLINE_WORDS
        )

    def __len__(self) -> int:
        return len(self._outlets)

    @property
    def outlets(self) -> tuple[Outlet, ...]:
        return self._outlets

    def by_domain(self, host: str) -> Outlet | None:
        """The outlet a host belongs to, trying parent domains ("english.alarabiya.net" → alarabiya.net)."""
        host = _host(host)
        while host.count(".") >= 1:
            found = self._by_domain.get(host)
            if found is not None:
                return found
            host = host.split(".", 1)[1]
        return None

    def by_name(self, text: str, *, key: str | None = None) -> Outlet | None:
        """The outlet whose name, alias or domain is exactly ``text`` (case, accents, punctuation folded).

        ``key`` is ``name_key(text)`` when the caller has it already (then "The X" is looked up as "X").
        """
        if key is None:
            strict = name_key(text, keep_the=True)
            found = self._by_name.get(strict) if strict.startswith("the ") else None
            return found if found is not None else self._by_name.get(name_key(text))
        return self._by_name.get(key)

    def by_name_prefix(self, text: str) -> tuple[Outlet, str] | None:
        """The outlet named by the longest leading run of words of ``text``, with those words.

        "Global Research Articles" → Global Research; "Rudaw English on Nov" → Rudaw (alias "Rudaw English").
        """
        words = text.split()
        for n in range(len(words), 0, -1):
            phrase = " ".join(words[:n])
            found = self._by_name.get(name_key(phrase))
            if found is not None:
                return found, phrase
        return None

    def by_tagline(self, text: str, *, key: str | None = None) -> Outlet | None:
        """The outlet whose slogan is ``text``, or is contained in it when the slogan has 4+ words.

        ``key`` is ``name_key(text)`` when the caller has it already.
        """
        key = name_key(text) if key is None else key
        found = self._by_tagline.get(key)
        if found is not None or not key:
            return found
        padded = f" {key} "
        for tagline, outlet in self._long_taglines:
            if f" {tagline} " in padded:
                return outlet
        return None


def _index_key(name: str) -> str:
    """The key a name is indexed under: ``name_key``, but "The Local" keeps its "the" ("local" is a word).

    A one-word name after "The" is as often an ordinary word on a page ("Local", "National", "Times"), so such
    names match only when written with "The"; aliases listed without it ("Guardian") match as listed.
    """
    key = name_key(name)
    if " " not in key and name_key(name, keep_the=True).startswith("the "):
        return "the " + key
    return key


def _union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*a, *b)))


def _host(domain: str) -> str:
    host = domain.strip().lower()
    for prefix in ("https://", "http://"):
        host = host.removeprefix(prefix)
    host = host.split("/", 1)[0].split(":", 1)[0].rstrip(".")
    return host.removeprefix("www.")


def _cells(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def parse_registry(text: str, *, source: str) -> list[Outlet]:
    """Rows of a registry file; a malformed row raises ``ValueError`` naming the file and line."""
    outlets: list[Outlet] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.rstrip("\r\n").split("\t")
        if len(cells) > 4 or not cells[0].strip():
            raise ValueError(
                f"{source}:{number}: expected 'name<TAB>domains<TAB>aliases<TAB>taglines', got {line!r}"
            )
        cells += [""] * (4 - len(cells))
        outlets.append(
            Outlet(cells[0].strip(), _cells(cells[1]), _cells(cells[2]), _cells(cells[3])),
        )
    return outlets


def packaged_rows() -> list[Outlet]:
    """The registry shipped with newsledger."""
    data = resources.files("newsledger.metadata").joinpath("data/outlets.tsv")
    return parse_registry(data.read_text(encoding="utf-8"), source="newsledger/metadata/data/outlets.tsv")


def load_registry(*, extra_paths: Sequence[Path] = (), packaged: bool = True) -> OutletRegistry:
    """A registry from the packaged file (unless ``packaged`` is false) and ``extra_paths``, in that order."""
    rows = packaged_rows() if packaged else []
    for path in extra_paths:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ValueError(f"cannot read the outlet registry {path}: {exc.strerror or exc}") from exc
        rows.extend(parse_registry(text, source=str(path)))
    return OutletRegistry(rows)


def default_registry() -> OutletRegistry:
    """The packaged registry plus the files in ``NEWSLEDGER_OUTLETS``; loaded once per process and setting."""
    return _cached_registry(os.environ.get(ENV_VAR, ""))


@cache
def _cached_registry(setting: str) -> OutletRegistry:
    paths = [Path(p) for p in setting.split(os.pathsep) if p.strip()]
    return load_registry(extra_paths=paths)
