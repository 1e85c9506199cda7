"""Citation finding reads a hostile letter in linear time (issue 14: after the extraction fixes a letter of
repeated dates reached the derive step, where the title pattern read the rest of the text from every position:
60 KB took 40 s, a 1.5 MB letter hours). The texts are generated here; the suite's per-test timeout catches a
return of the quadratic, and the bench (`python -m bench hostile`) times the whole build."""
from __future__ import annotations

import pytest

from archive.derive.citations import MAX_TITLE_WORDS, find_mentions


@pytest.mark.parametrize("text", [
    "1 January 2019 " * 40_000,                                            # 600 KB of capitalised tokens
    "We Will Publish The Revised Series By 30 June 2025 And Write To You. " * 8_000,
])
def test_a_long_run_of_capitalised_words_without_a_document_word_finds_nothing(text):
    assert find_mentions(text) == []


@pytest.mark.parametrize("text, name", [
    ("As set out in our Joining Up Data for Better Statistics report, we", "Joining Up Data for Better Statistics report"),
    ("the Code of Practice for Statistics Compliance Check on Migration Statistics was",
     "Code of Practice for Statistics Compliance Check on Migration Statistics"),
    ("see the Systemic Review of Housing and Planning Statistics in England and Wales published",
     "Systemic Review of Housing and Planning Statistics in England and Wales"),
])
def test_real_length_titles_are_still_found_whole(text, name):
    assert [m[1] for m in find_mentions(text)] == [name]


def test_a_title_run_longer_than_the_bound_is_cut_to_its_last_words_not_lost():
    words = " ".join(f"Word{i}" for i in range(MAX_TITLE_WORDS + 10))
    (mention,) = find_mentions(f"in the {words} Review we")
    assert mention[1].endswith("Review") and mention[1].split()[0] != "Word0"
