"""Pure extractors: bytes and text in, typed records out. No Scrapy, no database."""
from extract.records import (  # noqa: F401
    Commitment,
    DateMention,
    Extraction,
    FromTo,
    LinkRef,
    Paragraph,
    ParsedDocument,
    PartyMention,
)

# Bump when any extractor's output changes: `make extract` re-extracts documents whose version differs.
EXTRACTOR_VERSION = "0.3.0"


def extract_document(content, **kwargs):
    """Run every extractor on one document's raw bytes (see extract/pipeline.py)."""
    from extract.pipeline import extract_document as _extract_document

    return _extract_document(content, **kwargs)
