"""Claims: the statements an article makes or reports (and, later, who made them)."""
