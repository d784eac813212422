"""Entities that know their aliases: who and what an article names, one id per actor across articles.

``entities_in_doc`` turns a spaCy parse into ``Entity`` and ``Mention`` records. The id of an entity is a
hash of its type and canonical name's key, so the same actor gets the same id in every article without a
pass over the corpus; the alias table (``data/aliases.tsv``, extended by ``NEWSLEDGER_ALIASES``) carries
the knowledge no spelling rule can derive. See ``linker`` for the rules and the metonym policy.
"""

from newsledger.language.entities.aliases import (
    ENV_VAR,
    AliasTable,
    KnownEntity,
    default_aliases,
    load_aliases,
    parse_aliases,
)
from newsledger.language.entities.keys import name_key
from newsledger.language.entities.linker import LABEL_TYPES, entities_in_doc

__all__ = [
    "ENV_VAR",
    "LABEL_TYPES",
    "AliasTable",
    "KnownEntity",
    "default_aliases",
    "entities_in_doc",
    "load_aliases",
    "name_key",
    "parse_aliases",
]
