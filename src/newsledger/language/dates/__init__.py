"""Dates and relative time expressions, resolved against the article's publication date.

``resolve_time_expressions`` turns a spaCy parse into ``TimeExpression`` records; see ``resolve`` for
the conventions (weekdays, month-days without a year, intervals, unknown anchors).
"""

from newsledger.language.dates.resolve import resolve_time_expressions

__all__ = ["resolve_time_expressions"]
