"""Temporal expressions: find them in paragraphs and normalise each to an interval."""
