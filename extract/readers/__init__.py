"""Document readers: bytes in, a ParsedDocument out (HTML, PDF, DOCX) and the text helpers they share."""
