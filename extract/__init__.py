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

# The release of the extractors, bumped by hand when their output changes on purpose.
EXTRACTOR_RELEASE = "0.4.1"


def _code_digest() -> str:
    """A digest of everything extraction depends on (the extract/ code and tables, the parties register), so that
    any change re-extracts on the next `make extract` even when nobody remembered to bump the release."""
    import hashlib
    from pathlib import Path

    here = Path(__file__).resolve().parent
    files = sorted([*here.rglob("*.py"), *here.rglob("*.yml"), *here.parent.joinpath("register").glob("*.yml")])
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(here.parent)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


# Recorded on every document (documents.extractor_version) and part of the extraction cache key.
EXTRACTOR_VERSION = f"{EXTRACTOR_RELEASE}+{_code_digest()}"


def extract_document(content, **kwargs):
    """Run every extractor on one document's raw bytes (see extract/pipeline.py)."""
    from extract.pipeline import extract_document as _extract_document

    return _extract_document(content, **kwargs)
