"""Negation: is the main statement of a claim negated ("troops did not leave", "there are no US bases")?

Regex over the claim text, cheap enough to run on every claim. Only *syntactic* negation counts:
"not"/"n't", "never", "no" before a noun, "none", "nobody", "nothing", "neither ... nor", "no longer",
"has yet to", "failed to". Lexical opposition ("denied that", "rejected the report") is not negation
of the statement but the speaker's polarity towards it, which ``certainty.certainty_of`` reports.

The main statement is approximated by removing, before searching, the parts of the sentence that are
not it: parenthetical asides (between brackets or dashes), and relative or adverbial clauses that open
with a comma and "who"/"which"/"whose"/"although"/"while"/"if"/"unless"/"because"/"when" and run to the
next comma or the end. Fixed phrases where "not"/"no" does not negate anything ("not only", "no doubt",
"no matter", "whether or not", "not to mention", "if not", "not clear whether": the last questions the
statement rather than negating it) are removed too. Negations that remain
anywhere else count, so a clause introduced by "that" after a reporting verb ("said that they would not
leave") counts: in a claim it is the content, i.e. the main statement.
"""

from __future__ import annotations

import re

_ASIDES = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\s[—–]\s[^—–]*\s[—–]\s|\s--\s[^-]*\s--\s")
_SUBORDINATE = re.compile(
    r",\s*(?:who|whom|whose|which|although|though|while|whereas|if|unless|because|since|when|after|before)\b"
    r"[^,;]*(?=[,;]|$)",
    re.I,
)
_FRONTED = re.compile(
    r"^\s*(?:although|though|while|whereas|if|unless|because|since|when|after|before)\b[^,;]*[,;]", re.I
)
_FIXED = re.compile(
    r"\b(?:not only|not just|not least|not to mention|whether or not|if not|no doubt|no matter|"
    r"no wonder|not surprisingly|nothing but|none other than|no less than|no fewer than|no more than|"
    r"not until|not a few|not (?:yet )?(?:clear|known|certain|sure) (?:whether|if|why|how|when|what))\b",
    re.I,
)
_NEGATION = re.compile(
    r"\b(?:not|never|none|nobody|nothing|nowhere|neither|nor|cannot|no longer|has yet to|have yet to|"
    r"failed to|fails to|fail to)\b|n['’]t\b|\bno\s+(?!one\b)[a-z]",
    re.I,
)
_NO_ONE = re.compile(r"\bno[- ]one\b", re.I)


def main_clause(text: str) -> str:
    """The text with asides and fronted or trailing subordinate clauses removed (see module docstring)."""
    stripped = _ASIDES.sub(" ", text)
    stripped = _FRONTED.sub("", stripped)
    stripped = _SUBORDINATE.sub("", stripped)
    return _FIXED.sub(" ", stripped)


def is_negated(text: str) -> bool:
    """True when the claim's main statement carries a syntactic negation."""
    core = main_clause(text)
    return bool(_NEGATION.search(core) or _NO_ONE.search(core))
