"""``read_text_metadata``: title, byline, dates, dateline, outlet and provenance of a page of scraped text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from newsledger.ingest.published import parse_published
from newsledger.metadata.byline import Bylines, find_bylines
from newsledger.metadata.date_lines import DateLine, find_date_lines, parse_date_text
from newsledger.metadata.dateline import Dateline, find_dateline
from newsledger.metadata.inference import infer_published
from newsledger.metadata.names import name_key, same_name
from newsledger.metadata.outlet import Cue, copyright_cues, resolve, stated_outlet, text_cues
from newsledger.metadata.page import Page
from newsledger.metadata.provenance import Provenance, find_provenance
from newsledger.metadata.registry import OutletRegistry, default_registry
from newsledger.metadata.text_metadata import BlockRole, StatedMetadata, TextMetadata
from newsledger.metadata.title import TitlePick, pick_title
from newsledger.records import PublishedDate

_GENERIC_SLOGAN = re.compile(
    r"^(?:[A-Z][a-z]+ing\b[^.!?]{0,60}\bsince\s+(?:1[89]|20)\d\d|(?:Est\.?|Established|Founded)(?:\s+in)?\s+"
    r"(?:1[89]|20)\d\d)$"
)
_FOOTER_BLOCKS = 12
_MAX_SLOGAN_WORDS = 15
_MIN_BODY_WORDS = 8


def read_text_metadata(
    blocks: Sequence[str], *, stated: StatedMetadata | None = None, registry: OutletRegistry | None = None
) -> TextMetadata:
    """Metadata of a page given as its text lines in order (Markdown remnants allowed).

    ``stated`` is what the input itself declared; it wins over what the text shows, but the blocks that
    repeat it (a title line, a date line) are still found so that the cleaner can take them out of the body.
    ``registry`` defaults to the packaged outlet registry plus ``NEWSLEDGER_OUTLETS``.
    """
    stated = stated or StatedMetadata()
    registry = registry if registry is not None else default_registry()
    page = Page(blocks)
    cues: list[Cue] = []

    slogans = _slogans(page, registry=registry, cues=cues)
    date_lines = find_date_lines(page)
    date_indices = {d.index for d in date_lines} | {i for d in date_lines for i in d.extra}
    bylines = find_bylines(page, registry=registry)
    pick = pick_title(
        page,
        taken=set(slogans) | date_indices | set(bylines.blocks),
        meta_next=date_indices | set(bylines.blocks),
        registry=registry,
        stated=stated.title,
    )
    provenance = find_provenance(page, registry=registry)
    authors = tuple(a.strip() for a in stated.authors if a.strip()) or bylines.authors
    roles = _roles(pick, bylines, date_indices, slogans, provenance)
    dateline = _dateline(page, roles, after=pick.index)
    agency = registry.by_name(dateline.agency) if dateline is not None and dateline.agency else None

    if pick.outlet is not None:
        cues.append(Cue(pick.outlet.name, 3, f'headline suffix "{pick.outlet.name}"'))
    for line in date_lines:
        known = registry.by_name(line.name) if line.name else None
        if known is not None:
            cues.append(Cue(known.name, 2, f'date line "{line.text}"'))
    credits = [*bylines.credits, *([agency.name] if agency is not None else [])]
    cues.extend(Cue(name, 1, f"credited in the byline or dateline: {name}", weak=True) for name in credits)
    exclude = (*authors, *([provenance.original_source] if provenance.original_source else []))
    cues.extend(copyright_cues(provenance.copyright_holders, exclude=exclude, registry=registry))
    cues.extend(text_cues(page, registry=registry))
    declared = stated_outlet(stated.outlet, stated.url, registry=registry)
    outlet, outlet_evidence = declared if declared is not None else resolve(cues)

    # A wire credited in the byline or dateline wrote the text, unless it is also the publisher.
    original = provenance.original_source or next(
        (c for c in credits if outlet is None or not same_name(c, outlet)), None
    )
    published = _published(
        stated.published, date_lines, outlet=outlet, title_block=pick.index, page=page, roles=roles
    )
    return TextMetadata(
        title=pick.title,
        title_block=pick.index,
        authors=authors,
        byline_blocks=bylines.blocks,
        dateline=dateline.place if dateline is not None else None,
        published=published,
        date_blocks=tuple(sorted(date_indices)),
        outlet=outlet,
        outlet_evidence=outlet_evidence,
        original_source=original,
        metadata_blocks=dict(sorted(roles.items())),
    )


def _roles(
    pick: TitlePick, bylines: Bylines, dates: set[int], slogans: list[int], provenance: Provenance
) -> dict[int, BlockRole]:
    """Each metadata block's role; where a block plays two (a byline with a date), the first listed wins."""
    roles: dict[int, BlockRole] = {}
    ranked: tuple[tuple[BlockRole, Sequence[int]], ...] = (
        ("title", (*([pick.index] if pick.index is not None else []), *pick.copies)),
        ("byline", bylines.blocks),
        ("date", sorted(dates)),
        ("tagline", slogans),
        ("source", provenance.source_blocks),
        ("copyright", provenance.copyright_blocks),
    )
    for role, indices in ranked:
        for index in indices:
            roles.setdefault(index, role)
    return roles


def _dateline(page: Page, roles: dict[int, BlockRole], *, after: int | None) -> Dateline | None:
    """The dateline opening the first body paragraph below the headline; a standalone one becomes a role."""
    for index in range(after + 1 if after is not None else 0, len(page)):
        if index in roles:
            continue
        found = find_dateline(page.plain[index])
        if found is not None and found.whole_block:
            roles[index] = "dateline"
            return found
        if page.word_counts[index] >= _MIN_BODY_WORDS:
            return found
    return None


def _slogans(page: Page, *, registry: OutletRegistry, cues: list[Cue]) -> list[int]:
    """Blocks that are an outlet's slogan: known ones near the top or bottom, generic ones at the top."""
    found: list[int] = []
    near = [
        *range(min(len(page), page.header_end + 2)),
        *range(max(0, len(page) - _FOOTER_BLOCKS), len(page)),
    ]
    for index in dict.fromkeys(near):
        if page.word_counts[index] > _MAX_SLOGAN_WORDS or not page.plain[index]:
            continue
        outlet = registry.by_tagline(page.plain[index], key=page.key(index))
        if outlet is not None:
            found.append(index)
            cues.append(Cue(outlet.name, 3, f'slogan "{page.plain[index]}"'))
        elif index < page.header_end and _GENERIC_SLOGAN.match(page.plain[index]):
            found.append(index)
    return found


def _published(
    stated: str | None,
    date_lines: list[DateLine],
    *,
    outlet: str | None,
    title_block: int | None,
    page: Page,
    roles: dict[int, BlockRole],
) -> PublishedDate:
    """The stated date (input metadata, then a date line), else the estimate from the body.

    Among date lines: a "Published" label first, then lines at the top (below the headline before above it,
    since a date above the headline is often the site's "today" display), a line naming the page's outlet
    before others, and an "Updated" label last.
    """
    unread = ""
    if stated and stated.strip():
        parsed = parse_published(stated)
        if parsed.date is None:
            parsed = parse_date_text(stated, evidence="stated") or parsed
        if parsed.date is not None:
            return parsed
        unread = f'the input states "{stated.strip()[:60]}", which is not a date newsledger can read; '

    dated = [d for d in date_lines if d.date is not None]
    footer = [d for d in dated if not d.in_header]
    if len({d.date.date for d in footer if d.date is not None}) > 1:
        dated = [
            d for d in dated if d.in_header
        ]  # several dated lines below the body: a list of other articles
    outlet_key = name_key(outlet) if outlet else None
    ordered = sorted(
        dated,
        key=lambda d: (
            {"published": 0, None: 1, "updated": 2}[d.label],
            not d.in_header,
            title_block is not None and d.index < title_block,
            not (outlet_key is not None and d.name is not None and name_key(d.name) == outlet_key),
            d.index,
        ),
    )
    if ordered and ordered[0].date is not None:
        return ordered[0].date
    body = "\n".join(text for i, text in enumerate(page.plain) if i not in roles)
    estimate = infer_published(body)
    if unread:
        return replace(estimate, evidence=unread + (estimate.evidence or ""))
    return estimate
