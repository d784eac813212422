"""Language layer: language identification, sentences (and, later, entities, dates and quantities)."""
