"""The one exception extractors raise for a document that cannot be read."""


class DocumentError(Exception):
    """A document could not be read. The message is one clear line recorded against the document,
    e.g. "encrypted PDF", "PDF has 12 pages but no extractable text (image-only)", "timed out after 60 s"."""
