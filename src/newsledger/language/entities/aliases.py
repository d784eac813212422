"""The alias table: what newsledger knows about the names of the actors of international news.

Names that no spelling rule can join (Daesh = ISIS, FDS = SDF, "the Kremlin" for Russia's government) need
knowledge. It ships as ``data/aliases.tsv`` and users extend or correct it with files of the same format
named in ``NEWSLEDGER_ALIASES`` (several paths separated by the OS path separator); their rows are read
after the packaged ones, so they add entities and aliases, and an alias they list wins over the packaged
mapping of the same spelling. A row whose canonical name and type match an earlier row adds to it.

File format: UTF-8, tab-separated ``canonical name, type, aliases, metonyms``; ``type`` is one of
``person``, ``organization``, ``place``, ``group``, ``other``; list cells separated by ``|``; the last two
cells may be empty or missing; lines starting with ``#`` and blank lines ignored.

Matching goes through ``keys.name_key``, so a table lists one spelling of each transliteration family and
the rest fold onto it. An alias written in capitals ("IS", "US", "FDS") is an acronym: it matches only
text written in capitals, so the verb "is" and the pronoun "us" never name anything.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from newsledger.language.entities.keys import ARTICLES, edit_distance, fold, join_key, name_key, name_parts

ENV_VAR = "NEWSLEDGER_ALIASES"
ENTITY_TYPES = frozenset({"person", "organization", "place", "group", "other"})
FUZZY_MIN_LENGTH = 8
SHORT_NAME = 7
"""Names shorter than this (folded) match only as written, case and accents aside: "Rosie" is not "Russie"."""
_PLAIN_WORDS = re.compile(r"[^\W_]+")
"""Keys shorter than this never match by edit distance: "Iran"/"Iraq", "Niger"/"Nigeria" are different."""


@dataclass(frozen=True, slots=True)
class KnownEntity:
    """One row of the table: a canonical name, its type, its other names, and places that stand for it."""

    name: str
    type: str
    aliases: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AliasEntry:
    """One spelling that names a known entity, with what the text must look like for it to match."""

    entity: KnownEntity
    form: str
    metonym: bool
    acronym: bool
    """Written in capitals in the table: the text must be in capitals too (dots ignored)."""
    last_capital: bool
    """The table's last word is capitalised: so must the text's be ("Foreign Policy", not "foreign policy")."""
    surname: bool
    """A person's bare surname ("Trump"): an article's own full name with that surname comes first."""
    plain: str
    """The form folded for case and accents only, articles dropped: what a short name must equal."""

    def accepts(self, text: str) -> bool:
        """Whether ``text`` (a stretch of an article with this entry's key) is written as this entry requires."""
        if self.acronym:
            return _compact(text) == _compact(self.form)
        if len(self.plain) < SHORT_NAME and plain_form(text) != self.plain:
            return False  # transliteration folding joins "Rosie" and "Russie": short names match as written
        words = [w for w in text.replace("-", " ").split() if any(ch.isalnum() for ch in w)]
        content = [w for w in words if fold(w) not in ("al", "el", "the")]
        if not content:
            return False
        first = content[0].lstrip("\"'“‘(")
        if not (first[:1].isupper() or first[:1].isdigit()):
            return False
        return not self.last_capital or content[-1][:1].isupper() or content[-1][:1].isdigit()


def plain_form(text: str) -> str:
    """Case, accents, punctuation and articles folded, spelling kept: "al-Qaida" → "qaida"."""
    return "".join(w for w in _PLAIN_WORDS.findall(fold(text)) if w not in ARTICLES)


def _compact(text: str) -> str:
    return text.replace(".", "").replace(" ", "").replace("\u00a0", "")


def _is_acronym(form: str) -> bool:
    letters = [ch for ch in form if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters) and " " not in form.strip()


class AliasTable:
    """Look-ups from a spelling (through its key) to the known entities it can name.

    Built once per process (see ``default_aliases``); a look-up is a dictionary access. ``prefixes`` holds
    every key a name can start with, so a scan over a document's tokens stops a phrase as soon as no
    name can continue it.
    """

    def __init__(self, rows: Iterable[KnownEntity]) -> None:
        merged: dict[tuple[str, str], KnownEntity] = {}
        order: list[tuple[str, str]] = []
        for row in rows:
            ident = (row.type, name_key(row.name))
            old = merged.get(ident)
            if old is None:
                order.append(ident)
            else:
                row = KnownEntity(
                    old.name,
                    old.type,
                    _union(old.aliases, row.aliases),
                    _union(old.metonyms, row.metonyms),
                )
            merged[ident] = row
        self._entities = tuple(merged[i] for i in order)
        self._by_key: dict[str, list[AliasEntry]] = {}
        self.prefixes: set[str] = set()
        self.max_words = 1
        # Later rows win: each spelling's entries are kept newest first, canonical names before aliases.
        for entity in self._entities:
            surname = entity.name.split()[-1] if entity.type == "person" and " " in entity.name else None
            for alias in entity.aliases:
                self._add(entity, alias, metonym=False, surname=alias == surname)
            for metonym in entity.metonyms:
                self._add(entity, metonym, metonym=True, surname=False)
        for entity in self._entities:
            self._add(entity, entity.name, metonym=False, surname=False)
        self._deletions: dict[str, set[str]] = {}
        for key in self._by_key:
            if len(key) >= FUZZY_MIN_LENGTH:
                for variant in _deletions(key):
                    self._deletions.setdefault(variant, set()).add(key)

    def _add(self, entity: KnownEntity, form: str, *, metonym: bool, surname: bool) -> None:
        parts = name_parts(form)
        if not parts:
            return
        key = join_key(parts)
        words = [w for w in form.replace("-", " ").split() if any(ch.isalnum() for ch in w)]
        entry = AliasEntry(
            entity=entity,
            form=form,
            metonym=metonym,
            acronym=_is_acronym(form),
            last_capital=bool(words) and words[-1][:1].isupper(),
            surname=surname,
            plain=plain_form(form),
        )
        self._by_key.setdefault(key, []).insert(0, entry)
        self.max_words = max(self.max_words, len(parts))
        for n in range(1, len(parts) + 1):
            self.prefixes.add(join_key(parts[:n]))

    def __len__(self) -> int:
        return len(self._entities)

    @property
    def entities(self) -> tuple[KnownEntity, ...]:
        return self._entities

    def entries(self, key: str) -> list[AliasEntry]:
        """Every spelling with this key, newest row first (empty when none)."""
        return self._by_key.get(key, [])

    def lookup(self, text: str, *, key: str | None = None) -> tuple[AliasEntry | None, AliasEntry | None]:
        """The entry ``text`` names as a name, and the one it names as a metonym (either may be None)."""
        entries = [e for e in self._by_key.get(name_key(text) if key is None else key, []) if e.accepts(text)]
        if len(entries) > 1:
            # Two spellings can share a key ("Romani", "Roumanie"): the one written as in the text comes first.
            written = fold(text)
            entries.sort(key=lambda e: fold(e.form) != written)
        alias = next((e for e in entries if not e.metonym), None)
        metonym = next((e for e in entries if e.metonym), None)
        return alias, metonym

    def resolve(self, text: str) -> KnownEntity | None:
        """The known entity ``text`` names, reading a metonym as the entity it stands for."""
        alias, metonym = self.lookup(text)
        chosen = metonym or alias
        return chosen.entity if chosen is not None else None

    def fuzzy(self, key: str) -> list[AliasEntry]:
        """Name entries whose key is one edit from ``key`` (long keys only), for spellings no rule folds."""
        if len(key) < FUZZY_MIN_LENGTH:
            return []
        found: list[AliasEntry] = []
        seen: set[str] = set()
        for variant in (key, *_deletions(key)):
            for candidate in self._deletions.get(variant, ()):
                if candidate in seen or candidate == key:
                    continue
                seen.add(candidate)
                if edit_distance(key, candidate, limit=1) <= 1:
                    found.extend(e for e in self._by_key[candidate] if not e.metonym and not e.acronym)
        return found


def _deletions(key: str) -> set[str]:
    return {key[:i] + key[i + 1 :] for i in range(len(key))}


def _union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*a, *b)))


def _cells(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def parse_aliases(text: str, *, source: str) -> list[KnownEntity]:
    """Rows of an alias file; a malformed row raises ``ValueError`` naming the file and line."""
    rows: list[KnownEntity] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = line.rstrip("\r\n").split("\t")
        if not 2 <= len(cells) <= 4 or not cells[0].strip():
            raise ValueError(
                f"{source}:{number}: expected 'name<TAB>type<TAB>aliases<TAB>metonyms', got {line!r}"
            )
        kind = cells[1].strip()
        if kind not in ENTITY_TYPES:
            raise ValueError(
                f"{source}:{number}: type {kind!r} is not one of {', '.join(sorted(ENTITY_TYPES))}"
            )
        cells += [""] * (4 - len(cells))
        rows.append(KnownEntity(cells[0].strip(), kind, _cells(cells[2]), _cells(cells[3])))
    return rows


def packaged_rows() -> list[KnownEntity]:
    """The alias table shipped with newsledger."""
    data = resources.files("newsledger.language.entities").joinpath("data/aliases.tsv")
    return parse_aliases(
        data.read_text(encoding="utf-8"), source="newsledger/language/entities/data/aliases.tsv"
    )


def load_aliases(*, extra_paths: Sequence[Path] = (), packaged: bool = True) -> AliasTable:
    """A table from the packaged file (unless ``packaged`` is false) and ``extra_paths``, in that order."""
    rows = packaged_rows() if packaged else []
    for path in extra_paths:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ValueError(f"cannot read the alias table {path}: {exc.strerror or exc}") from exc
        rows.extend(parse_aliases(text, source=str(path)))
    return AliasTable(rows)


def default_aliases() -> AliasTable:
    """The packaged table plus the files in ``NEWSLEDGER_ALIASES``; loaded once per process and setting."""
    return _cached_aliases(os.environ.get(ENV_VAR, ""))


@cache
def _cached_aliases(setting: str) -> AliasTable:
    paths = [Path(p) for p in setting.split(os.pathsep) if p.strip()]
    return load_aliases(extra_paths=paths)
