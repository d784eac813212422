"""newsledger: a checkable ledger of contested news stories.

Feed it scraped articles; it keeps clean article records and, for every claim, number and
attribution it finds, character offsets back into the article's clean text.
"""

__version__ = "0.1.0"
