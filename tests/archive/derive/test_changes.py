"""What an incremental derive takes as changed in a reloaded document (archive/derive/changes.py: seen_words), and
the per-document memo it keeps between builds (archive/derive/memo.py). Invented sentences."""
from __future__ import annotations

import datetime as dt

import pytest
import sqlite_utils

from archive.derive.changes import Version, seen_words
from archive.derive.memo import Memo, digest

SHAPE = (dt.date(2021, 3, 1), "Widget statistics", ["o:org:a"], ["o:org:b"], [], "t1", None, True)
OPENING = [("1 March 2021", set()), ("Dear Sam,", {"sam"}), ("Thank you for your letter.", {"letter"}),
           ("We met the widget team.", {"widget", "team"})]
BODY = [("The gadget survey is late.", {"gadget", "survey", "late"}),
        ("We will publish the sprocket tables in May.", {"sprocket", "tabl"})]


def version(sentences, shape=SHAPE, promises=()) -> Version:
    return Version(1, shape=shape, sentences=list(sentences), promises=set(promises))


@pytest.mark.parametrize("after, words, opening", [
    (OPENING + BODY, set(), set()),  # nothing changed
    (OPENING + BODY + [("The cog index has been revised.", {"cog", "index", "revis"})], {"cog", "index", "revis"},
     set()),  # a sentence added at the end
    (OPENING + BODY[:1], {"sprocket", "tabl"}, set()),  # a sentence removed
    ([OPENING[0], ("Dear reader, the flange review is done.", {"flange", "review"})] + OPENING[1:] + BODY,
     {"flange", "review"}, {"sam", "letter", "widget", "team", "flange", "review"}),  # a new opening sentence
])
def test_the_words_of_what_changed(after, words, opening):
    assert seen_words(version(OPENING + BODY), version(after)) == (words, opening)


@pytest.mark.parametrize("after", [
    version(OPENING + BODY[::-1]),  # the same sentences in another order: whatever came first may answer first
    version(OPENING + BODY, shape=(dt.date(2021, 4, 1),) + SHAPE[1:]),  # a new date
    version(OPENING + BODY, shape=SHAPE[:5] + ("t9",) + SHAPE[6:]),  # another thread
])
def test_more_than_words_changed(after):
    assert seen_words(version(OPENING + BODY), after) is None


def test_a_changed_commitment_counts_its_object_words():
    kept = (("c1-1", "We will publish the gadget survey."), "", frozenset({"gadget", "survey"}))
    changed = (("c1-2", "We will review the cog index."), "", frozenset({"cog", "index"}))
    moved = (("c1-2", "We will review the cog index by June."), "", frozenset({"cog", "index"}))
    assert seen_words(version(OPENING, promises=[kept, changed]),
                      version(OPENING, promises=[kept, moved])) == ({"cog", "index"}, set())


def test_the_memo_gives_a_value_back_only_for_the_same_inputs(tmp_path):
    db = sqlite_utils.Database(tmp_path / "memo.db")
    memo = Memo(db, "step")
    memo.put(7, digest("text", dt.date(2021, 3, 1)), {"words": ["a", "b"]})
    memo.save()
    again = Memo(db, "step")
    assert again.get(7, digest("text", dt.date(2021, 3, 1))) == {"words": ["a", "b"]}
    assert again.get(7, digest("text changed", dt.date(2021, 3, 1))) is None
    assert again.get(7, digest("text", dt.date(2021, 3, 2))) is None
    assert Memo(db, "another step").get(7, digest("text", dt.date(2021, 3, 1))) is None
