"""Tables of the ledger, in SQLAlchemy Core so SQLite and PostgreSQL share one definition.

Lists and nested values (authors, aliases, chains, removed blocks, offset maps) are JSON text: they are
always read and written whole with their row, never queried inside.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

meta = Table(
    "meta", metadata, Column("key", String(64), primary_key=True), Column("value", Text, nullable=False)
)

inputs = Table(
    "inputs",
    metadata,
    Column("source", Text, primary_key=True),
    Column("input_hash", String(64), nullable=False),
    Column("pipeline_version", String(32), nullable=False),
    Column("article_id", String(32), nullable=True),
    Column("skip_code", String(32), nullable=True),
    Column("skip_reason", Text, nullable=True),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("outlet", Text),
    Column("outlet_domain", Text),
    Column("authors", Text, nullable=False),
    Column("published_date", String(32)),
    Column("published_precision", String(16)),
    Column("published_inferred", Boolean, nullable=False),
    Column("published_evidence", Text),
    Column("language", String(16)),
    Column("text", Text, nullable=False),
    Column("removed", Text, nullable=False),
    Column("raw_map", Text, nullable=False),
    Column("duplicate_of", String(32)),
    Column("dateline", Text),
    Column("original_source", Text),
    Column("analysis_version", String(32), nullable=False),
    # Schema v2: repointing a duplicate group to a new canonical copy looks its members up by this.
    Index("ix_articles_duplicate_of", "duplicate_of"),
)


def _child(name: str, *columns: Column[object]) -> Table:
    return Table(
        name,
        metadata,
        Column("id", String(32), primary_key=True),
        Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        *columns,
        Index(f"ix_{name}_article", "article_id"),
    )


sentences = _child(
    "sentences", Column("start", Integer, nullable=False), Column("end", Integer, nullable=False)
)

mentions = _child(
    "mentions",
    Column("entity_id", String(32), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

claims = _child(
    "claims",
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("checkworthiness", Float, nullable=False),
    Column("speaker", Text),
    Column("speaker_entity", String(32)),
    Column("cue", Text),
    Column("mode", String(32), nullable=False),
    Column("chain", Text, nullable=False),
    Column("certainty", String(32)),
    Column("polarity", String(16), nullable=False),
    Column("negated", Boolean, nullable=False),
    # Schema v6: the speaker is an anonymous source ("an unnamed source in the Foreign Ministry").
    Column("anonymous", Boolean),
)

quantities = _child(
    "quantities",
    Column("claim_id", String(32)),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("value", Float),
    Column("low", Float),
    Column("high", Float),
    Column("approximate", Boolean, nullable=False),
    Column("unit", Text),
    Column("counted", Text),
    Column("as_of", String(32)),
    Column("according_to", Text),
    Column("direction", String(4)),
    Column("normalized_unit", Text),
    Column("change", String(8)),
)

framing = _child(
    "framing",
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("technique", String(64), nullable=False),
    Column("score", Float, nullable=False),
)

time_expressions = _child(
    "time_expressions",
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("value", String(32)),
    Column("precision", String(16)),
    Column("relative", Boolean, nullable=False),
)

citations = _child("citations", Column("cited", Text, nullable=False), Column("via", Text))

stances = _child(
    "stances",
    Column("target", Text, nullable=False),
    Column("label", String(32), nullable=False),
    Column("score", Float, nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(32), nullable=False),
    Column("aliases", Text, nullable=False),
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("label", Text, nullable=False),
)

story_articles = Table(
    "story_articles",
    metadata,
    Column("story_id", String(32), ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", String(32), primary_key=True),
)

claim_groups = Table(
    "claim_groups",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("corroboration", Integer, nullable=False),
)

claim_group_members = Table(
    "claim_group_members",
    metadata,
    Column("group_id", String(32), ForeignKey("claim_groups.id", ondelete="CASCADE"), primary_key=True),
    Column("claim_id", String(32), primary_key=True),
)

contradictions = Table(
    "contradictions",
    metadata,
    Column("a", String(32), primary_key=True),
    Column("b", String(32), primary_key=True),
    Column("kind", String(32), primary_key=True),
    Column("why", Text, nullable=False),
)

corpus_progress = Table(
    "corpus_progress",
    metadata,
    Column("stage", String(64), primary_key=True),
    Column("article_id", String(32), primary_key=True),
    Column("version", String(32), nullable=False),
)

DUPLICATES_STAGE = "near_duplicates"
"""The corpus stage that owns ``articles.duplicate_of``; the store names it to re-queue a duplicate group
when one of its members is removed or rewritten (see ``Store._forget_corpus_results``)."""

# Schema v2: the near-duplicate index. Band keys are looked up by key (the primary key's first column),
# so finding a new article's candidates costs a few index probes however large the corpus is.
near_duplicate_bands = Table(
    "near_duplicate_bands",
    metadata,
    Column("band_key", BigInteger, primary_key=True),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_near_duplicate_bands_article", "article_id"),
)

near_duplicate_signatures = Table(
    "near_duplicate_signatures",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("shingles", Integer, nullable=False),
    Column("signature", LargeBinary, nullable=False),
)

# Schema v6: the compare stage's indexes. Figures are looked up by (counted subject, period), claims
# by rare term; both cost a few index probes per new article whatever the corpus size.
compare_quantities = Table(
    "compare_quantities",
    metadata,
    Column("quantity_id", String(32), primary_key=True),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("subject_key", Text, nullable=False),
    Column("period_start", String(10), nullable=False),
    Column("period_end", String(10), nullable=False),
    Index("ix_compare_quantities_subject", "subject_key", "period_start"),
    Index("ix_compare_quantities_article", "article_id"),
)

compare_claim_terms = Table(
    "compare_claim_terms",
    metadata,
    Column("term", String(64), primary_key=True),
    Column("claim_id", String(32), primary_key=True),
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Index("ix_compare_claim_terms_claim", "claim_id"),
    Index("ix_compare_claim_terms_article", "article_id"),
)

compare_term_df = Table(
    "compare_term_df",
    metadata,
    Column("term", String(64), primary_key=True),
    Column("n", Integer, nullable=False),
)

COMPARE_STAGE = "compare"

STORIES_STAGE = "stories"

# Schema v7: what story clustering keeps per article, so a later run rebuilds its nearest-neighbour
# index and entity statistics from the store (vectors in the order they were added: ``position``).
story_vectors = Table(
    "story_vectors",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("position", BigInteger, nullable=False, unique=True),
    Column("model", Text, nullable=False),
    Column("vector", LargeBinary, nullable=False),
    Column("features", Text, nullable=False),
)

ARTICLE_CHILDREN = (sentences, mentions, claims, quantities, framing, citations, stances, time_expressions)

CORPUS_ARTICLE_STATE = (near_duplicate_bands, near_duplicate_signatures, story_vectors)
"""Per-article working state of corpus stages: it describes the article's text, so it goes when the
article is removed or rewritten, and the stage rebuilds it when it sees the article again."""
