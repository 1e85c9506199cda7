"""web/marking.py: marks on crawled text are placed where the archive says, nest or are dropped, and every piece
of text is escaped (pure functions, no server)."""
from __future__ import annotations

from web.marking import Mark, locate_marks, render_marked, render_snippet, safe_href

TEXT = "Dear Ann,\n\nWe will publish <b>the note</b> by March 2024. Ann Lee agreed.\n\nYours, Bo Ng"
PARAS = TEXT.split("\n\n")


def test_marks_are_escaped_and_nested():
    quote = "We will publish <b>the note</b> by March 2024."
    commitments = [{"id": "c1-1", "quote": quote, "paragraph": 1, "kind": "commitment", "actor_name": "Bo Ng",
                    "due_text": "March 2024", "status": "open"}]
    dates = [{"text": "March 2024", "paragraph": 1, "char_start": 35, "char_end": 45, "start": "2024-03-01",
              "end": "2024-03-31", "granularity": "month"}]
    parties = [{"name_text": "Ann Lee", "role": "recipient", "party_id": "person:ann-lee"},
               {"name_text": "Bo Ng", "role": "sender", "party_id": "person:bo-ng"}]
    marks = locate_marks(TEXT, PARAS, commitments, dates, parties, lambda pid: f"/archive/parties/{pid}")
    html = str(render_marked(TEXT, marks))
    assert "<b>" not in html and "&lt;b&gt;the note&lt;/b&gt;" in html
    assert '<mark class="m-commitment" title="commitment · Bo Ng · due March 2024 · open" id="c1-1">We will' in html
    assert '<mark class="m-date" title="2024-03-01 to 2024-03-31 (month)">March 2024</mark>.</mark>' in html
    assert '<a href="/archive/parties/person:ann-lee" class="m-party"' in html
    assert html.count("<mark") == html.count("</mark>") == 2


def test_crossing_marks_are_dropped_and_wrong_offsets_fall_back_to_the_text():
    marks = [Mark(0, 10, "date", "a"), Mark(5, 15, "date", "b"), Mark(2, 4, "party", "c", href="/x")]
    html = str(render_marked("0123456789abcdefghij", marks))
    assert html == '<mark class="m-date" title="a">01<a href="/x" class="m-party" title="c">23</a>456789</mark>abcdefghij'
    dates = [{"text": "Yours", "paragraph": 2, "char_start": 40, "char_end": 45, "start": "x", "end": "x",
              "granularity": "day"}]
    (mark,) = locate_marks(TEXT, PARAS, [], dates, [], str)
    assert TEXT[mark.start:mark.end] == "Yours"


def test_snippets_and_links_from_crawled_text():
    assert str(render_snippet("a ⟦<i>x</i>⟧ ⟦b")) == 'a <mark class="m-hit">&lt;i&gt;x&lt;/i&gt;</mark> ⟦b'
    assert safe_href("https://ons.gov.uk/x") == "https://ons.gov.uk/x"
    assert safe_href("javascript:alert(1)") is None and safe_href(" data:text/html,x") is None
    assert safe_href(None) is None
