"""Evaluation: one command per stage, scored on public data in ``../shared/eval`` with its official metric."""
