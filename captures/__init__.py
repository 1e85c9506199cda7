"""The evidence store and its contract: WARC files, captures.db, canonical URLs, the sources registry."""
