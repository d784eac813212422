"""Build HTML where escaping is the default, so hostile article text can only ever become text.

Every string handed to ``tag`` is escaped unless it is ``Safe`` (markup this module built), the same
rule a template engine's autoescape applies; links are checked too, so a ``javascript:`` or off-site
URL taken from an article can never become an ``href``. The report and the web pages share it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape
from typing import Union

Child = Union["Safe", str, int, float, None, Iterable["Child"]]


class Safe(str):
    """Markup built here: inserted as is, never escaped a second time."""

    __slots__ = ()


def esc(value: object) -> Safe:
    """``value`` as text in HTML (``None`` is empty); ``Safe`` markup passes unchanged."""
    if isinstance(value, Safe):
        return value
    return Safe(escape("" if value is None else str(value), quote=True))


def raw(markup: str) -> Safe:
    """Trust ``markup``: only for constants written in this package (styles, script, SVG paths)."""
    return Safe(markup)


_VOID = frozenset({"meta", "input", "br", "hr", "img", "link"})
_URL_ATTRS = frozenset({"href", "src", "action", "xlink:href", "formaction"})


def checked_href(value: str) -> str:
    """``value`` if it is a link inside this page or site (``#...``, ``/...``, ``?...``), else an error.

    The ledger's own links are all local; refusing anything else means no scheme an article smuggled in
    (``javascript:``, ``data:``, ``//evil``) and no external resource can reach an attribute.
    """
    if value.startswith(("#", "?")) or (value.startswith("/") and not value.startswith("//")):
        return value
    raise ValueError(f"refusing a link that leaves the ledger: {value[:60]!r}")


def tag(name: str, attrs: Mapping[str, object] | None = None, *children: Child) -> Safe:
    """``<name attrs>children</name>`` with every attribute value and text child escaped.

    Attributes whose value is ``None`` or ``False`` are left out, ``True`` writes the bare name.
    """
    parts = [f"<{name}"]
    for key, value in (attrs or {}).items():
        if value is None or value is False:
            continue
        if value is True:
            parts.append(f" {key}")
            continue
        text = str(value)
        if key in _URL_ATTRS:
            text = checked_href(text)
        parts.append(f' {key}="{escape(text, quote=True)}"')
    parts.append(">")
    if name in _VOID:
        return Safe("".join(parts))
    parts.append(join(children))
    parts.append(f"</{name}>")
    return Safe("".join(parts))


def join(children: Iterable[Child], sep: str = "") -> Safe:
    """Concatenate children (escaping text, flattening lists, dropping ``None``)."""
    out: list[str] = []
    for child in children:
        if child is None:
            continue
        if isinstance(child, str | int | float):
            out.append(esc(child))
        else:
            out.append(join(child))
    return Safe(esc(sep).join(out))
