"""Ingest: find inputs, read bytes, detect their format and decode them into documents."""
