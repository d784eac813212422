"""Clean: turn a decoded document into an article's clean text, recording every removal and its reason."""
