"""The pure parts of the links stage: cited dates, response titles, party keys, mentions, and the dict-based finders
the evaluation scorer calls (infer_reply_links, infer_followups)."""
from __future__ import annotations

import datetime as dt
import time

from archive.derive import cited as ct
from archive.derive import partynames as pn
from archive.derive import words as wd
from archive.derive.citations import find_mentions
from archive.derive.followup import infer_followups, is_done, object_tokens
from archive.derive.threads import infer_reply_links
from tests.archive.derive.test_fixture import read_fixture


def test_cited_dates_take_the_latest_year_not_after_the_letter():
    ref = dt.date(2021, 2, 10)
    cited = ct.cited_letters("Further to your letter of 20 November, I write again. My letter of 3 February 2021 "
                             "set this out.", ref)
    assert [(c.poss, c.date, c.cue) for c in cited] == [
        ("your", dt.date(2020, 11, 20), True), ("my", dt.date(2021, 2, 3), False)]


def test_cited_date_without_a_reply_cue_is_only_a_mention():
    cited = ct.cited_letters("I am writing to follow up your reply of 24 April.", dt.date(2020, 11, 5))
    assert [(c.date, c.cue) for c in cited] == [(dt.date(2020, 4, 24), False)]


def test_welsh_cited_letter():
    cited = ct.cited_letters("Diolch am eich llythyr dyddiedig 10 Chwefror 2021 ynghylch ystadegau tai.",
                             dt.date(2021, 3, 4))
    assert [(c.poss, c.date, c.cue) for c in cited] == [("your", dt.date(2021, 2, 10), True)]


def test_response_titles():
    assert ct.response_title_target("Response from Matt Hancock to Sir David Norgrove – COVID-19 testing") \
        == "Sir David Norgrove"
    assert ct.response_title_target("Response to OSR from Jeremy Pocklington") == "OSR"
    assert ct.response_title_target("Sir David Norgrove response to Daisy Cooper MP: coronavirus testing") \
        == "Daisy Cooper MP"
    assert ct.response_title_target("Response on passport eGates figures") == ""
    assert ct.response_title_target("Ed Humpherson to Jim Harra: Strengthening quality") is None


def test_party_keys_meet_across_spellings():
    assert pn.party_keys("Ed Humpherson, Office for Statistics Regulation") & pn.party_keys("Mr Ed Humpherson, OSR")
    assert "o:dwp" in pn.party_keys("Peter Schofield, Department for Work and Pensions")
    assert "o:dhsc" in pn.party_keys("Matt Hancock, Department of Health and Social Care")
    assert "f:andrew" in pn.party_keys("Andrew") and "f:andrew" in pn.party_keys("Sir Andrew Dilnot")
    # a role line after the name is not an organisation
    assert not any("regulation" in k for k in pn.party_keys("Ed Humpherson, Director General for Regulation"))


def test_stemmer_is_symmetric():
    pairs = [("labelling", "labels"), ("releases", "release"), ("published", "publishes"), ("combined", "combine"),
             ("consistently", "consistent"), ("estimates", "estimated")]
    for a, b in pairs:
        assert wd.stem(a) == wd.stem(b), (a, b)
    assert wd.stem("calling") == wd.stem("calls")


def test_mentions_of_reports_and_assessments():
    text = ("Two years on from our Joining Up Data for Better Statistics report, Assessment Report 330 still applies. "
            "As set out in our review of the quality of migration estimates, users need more. "
            "We will carry out a review of the methods. The Code of Practice for Statistics applies.")
    found = [m for _, m, _, _ in find_mentions(text)]
    assert found == ["Joining Up Data for Better Statistics report", "Assessment Report 330",
                     "review of the quality of migration estimates", "Code of Practice for Statistics"]


def test_done_is_not_promised():
    assert is_done("I am pleased to say that we have now published the revised quality statement.")
    assert is_done("ONS published the outputs and dissemination plan on 28 July.")
    assert not is_done("We will publish the outputs plan once it has been agreed with users.".replace(
        "once it has been agreed with users", "in July"))
    assert not is_done("The plan should be published by the end of March.")
    obj = object_tokens("We ask the department to correct the figure in its press release.", "Department for Education")
    assert not is_done("I have written to the Permanent Secretary, who agreed that the department will correct the "
                       "press release this week.", obj)


def _dicts(spec: dict) -> list[dict]:
    parties = {p["id"]: p for p in spec["parties"]}
    urls = {d["id"]: d["url"] for d in spec["documents"]}

    def people(ids):
        return [{"name": parties[i]["name"] if i.startswith("person:") else None,
                 "organisation": parties[parties[i]["organisation_id"]]["name"] if i.startswith("person:")
                 else parties[i]["name"]} for i in ids if i in parties and (i.startswith("person:") or len(ids) == 1)]

    return [{"url": d["url"], "date": d["date"], "title": d["title"], "text": d["text"], "doc_type": d["doc_type"],
             "sender": (people(d.get("from") or []) or [None])[0], "recipients": people(d.get("to") or []),
             "related": [urls[link["to"]] for link in d.get("links") or []]} for d in spec["documents"]]


def test_infer_reply_links_on_dicts_matches_the_answer_key():
    spec = read_fixture("archive.yml")
    urls = {d["id"]: d["url"] for d in spec["documents"]}
    found = {(a, b) for a, b, _ in infer_reply_links(_dicts(spec))}
    expected = {(urls[a], urls[b]) for a, b in spec["expected"]["reply_to"]}
    assert found == expected


def test_infer_reply_links_accepts_strings_and_changed_urls():
    docs = [
        {"url": "https://osr.statisticsauthority.gov.uk/correspondence/a-to-b-topic/", "date": "2020-01-16",
         "title": "Ed Humpherson to Iain Bell: Migration statistics", "text": "Dear Iain, I write about migration.",
         "sender": "Ed Humpherson, Office for Statistics Regulation", "recipients": ["Iain Bell, ONS"], "related": []},
        {"url": "https://uksa.statisticsauthority.gov.uk/correspondence/reply/", "date": "2020-02-20",
         "title": "Iain Bell to Ed Humpherson: Migration statistics", "text": "Dear Ed, more on migration.",
         "sender": {"name": "Iain Bell", "organisation": "Office for National Statistics"},
         "recipients": [{"name": "Ed Humpherson", "organisation": "OSR"}],
         "related": ["http://www.osr.statisticsauthority.gov.uk/correspondence/a-to-b-topic"]},
    ]
    assert [(a, b) for a, b, _ in infer_reply_links(docs)] == [(docs[1]["url"], docs[0]["url"])]


def test_infer_followups_on_dicts():
    spec = read_fixture("archive.yml")
    docs = _dicts(spec)
    url = {d["id"]: d["url"] for d in spec["documents"]}
    commitments = [{"doc": url[d["id"]], "index": n, "kind": c["kind"], "actor": c["actor_name"], "quote": c["quote"],
                    "due": {"start": c["due_start"], "end": c["due_end"]}}
                   for d in spec["documents"] for n, c in enumerate(d.get("commitments") or [])]
    found = infer_followups(docs, commitments, as_of=spec["as_of"])
    by = {}
    for (doc, n), evidence, status, _quote in found:
        by.setdefault((doc, n), []).append((status, evidence))
    assert by[(url[102], 0)] == [("restated", url[104]), ("restated", url[105]), ("met", url[106])]
    assert by[(url[201], 0)] == [("met", url[202])]
    assert by[(url[202], 0)] == [("met", url[203])]
    assert (url[301], 0) not in by


def _letters(n: int) -> list[dict]:
    docs = []
    for i in range(n):
        a, b = f"Person{i % 40} Surname{i % 40}, Org{i % 7} Office", f"Person{(i + 1) % 40} Surname{(i + 1) % 40}, Org{(i + 3) % 7} Office"
        day = dt.date(2015, 1, 1) + dt.timedelta(days=i)
        docs.append({"url": f"https://osr.statisticsauthority.gov.uk/correspondence/{i}/", "date": day.isoformat(),
                     "title": f"Topic {i % 50} statistics", "text": f"Dear colleague, about topic {i % 50} figures.",
                     "sender": a if i % 2 else b, "recipients": [b if i % 2 else a], "related": []})
    return docs


def test_reply_finder_scales_linearly():
    """Letters between 40 parties: the candidate index keeps the work in proportion to the letters (CPU time of this
    process, four times the letters: linear is x4, all pairs x16)."""
    small, large = _letters(500), _letters(2000)
    started = time.process_time()
    infer_reply_links(small)
    small_s = time.process_time() - started
    started = time.process_time()
    infer_reply_links(large)
    large_s = time.process_time() - started
    assert large_s < 9 * max(small_s, 0.05), (small_s, large_s)


def test_a_writer_returning_to_their_own_letter_follows_it_up():
    from archive.derive.threads import Letter, find_follow_ups

    first = Letter(key=1, date=dt.date(2018, 5, 10), title="Crime statistics", text="Dear Paul, ...",
                   senders={"p:e humpherson", "o:org:osr"}, recipients={"p:p ridley"})
    later = Letter(key=2, date=dt.date(2019, 6, 20), title="Police recorded crime",
                   text="Dear Paul,\n\nFurther to my letter of 10 May 2018, the joint statement was published.",
                   senders={"p:e humpherson", "o:org:osr"}, recipients={"p:p ridley"})
    other = Letter(key=3, date=dt.date(2018, 5, 11), title="Other", text="Dear Jo, ...",
                   senders={"p:j smith", "o:org:ons"}, recipients={"p:e humpherson"})
    links = find_follow_ups({1: first, 2: later, 3: other}, [])
    assert [(a, b) for a, b, _ in links] == [(2, 1)]
    assert "letter of 2018-05-10" in links[0][2]


def test_named_mentions_resolve_by_title_words_and_date():
    from archive.derive.citations import Target, resolve_named, title_words

    def target(i, title, day):
        return Target(i, title, dt.date.fromisoformat(day), title_words(title), None)

    targets = [target(1, "Joining Up Data for Better Statistics", "2018-09-11"),
               target(2, "Systemic Review of Crime Statistics", "2019-01-10"),
               target(3, "Data Linkage Work Programme 2021 to 2023", "2021-09-20")]
    index: dict = {}
    for t in targets:
        for w in t.tokens:
            index.setdefault(w, []).append(t)
    when = dt.date(2021, 1, 5)
    assert resolve_named("Joining Up Data report", when, targets, index, set())[0].id == 1
    assert resolve_named("Systemic Review of Housing Statistics", when, targets, index, set())[0] is None
    # the programme was published after the letter that mentions it: not this document
    assert resolve_named("Data Linkage Work Programme", when, targets, index, set())[0] is None
    assert resolve_named("Data Linkage Work Programme", dt.date(2022, 1, 5), targets, index, set())[0].id == 3


def test_a_very_late_answer_is_still_found_by_its_cited_date():
    docs = [
        {"url": "https://osr.statisticsauthority.gov.uk/correspondence/a/", "date": "2019-01-10",
         "title": "Ed Humpherson to Jo Bloggs: Fuel poverty statistics", "text": "Dear Jo, please tell us your plans.",
         "sender": "Ed Humpherson, Office for Statistics Regulation", "recipients": ["Jo Bloggs, Department for Energy"]},
        {"url": "https://osr.statisticsauthority.gov.uk/correspondence/b/", "date": "2020-03-02",
         "title": "Jo Bloggs to Ed Humpherson", "text": "Dear Ed,\n\nThank you for your letter of 10 January 2019, and "
         "I am sorry for the long delay.", "sender": "Jo Bloggs, Department for Energy",
         "recipients": ["Ed Humpherson, Office for Statistics Regulation"]},
    ]
    links = infer_reply_links(docs)
    assert [(a, b) for a, b, _ in links] == [(docs[1]["url"], docs[0]["url"])]
    assert "answers the letter of 2019-01-10" in links[0][2]
